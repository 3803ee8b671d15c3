/**
 * Who may read which table, from the GRANTs of init SQL: what the initial copy of a subscription needs of the role
 * it connects as on the publisher (SELECT on every published table; PostgreSQL answers "permission denied for table"
 * otherwise). What cannot be followed here (role memberships, default privileges, column grants, SET ROLE, which
 * makes later tables someone else's) turns the role, or every role, to "unsure".
 */
type Node = Record<string, unknown>;

export interface TablePrivileges {
  /** Roles (lower-case; `public` for PUBLIC) and the tables (`schema.name`) they may SELECT from. */
  select: Map<string, Set<string>>;
  /** Roles given pg_read_all_data (14+): every table. */
  readAll: Set<string>;
  /** Roles whose rights cannot be told from the statements; `*` for every role. */
  unsure: Set<string>;
  /** Roles created or altered with SUPERUSER. */
  superusers: Set<string>;
}

export const emptyPrivileges = (): TablePrivileges => ({ select: new Map(), readAll: new Set(), unsure: new Set(), superusers: new Set() });

interface RoleSpec {
  roletype?: string;
  rolename?: string;
}

const roleOf = (spec: RoleSpec | undefined): string => (spec?.roletype === 'ROLESPEC_PUBLIC' ? 'public' : spec?.roletype === 'ROLESPEC_CSTRING' ? (spec.rolename ?? '').toLowerCase() : '*');

function grantees(node: Node, key = 'grantees'): string[] {
  return ((node[key] as { RoleSpec?: RoleSpec }[] | undefined) ?? []).map((g) => roleOf(g.RoleSpec));
}

/** GRANT … ON tables / ON ALL TABLES IN SCHEMA (the tables existing at that moment) TO roles. */
export function onGrant(privileges: TablePrivileges, node: Node, tables: Iterable<string>): void {
  if (node.is_grant !== true || node.objtype !== 'OBJECT_TABLE') return;
  const privs = (node.privileges as { AccessPriv?: { priv_name?: string; cols?: unknown[] } }[] | undefined) ?? [];
  const select = privs.length === 0 || privs.some((p) => p.AccessPriv?.priv_name === 'select' && !p.AccessPriv.cols?.length);
  const someColumns = privs.some((p) => p.AccessPriv?.priv_name === 'select' && p.AccessPriv.cols?.length);
  const roles = grantees(node);
  if (someColumns && !select) {
    for (const role of roles) privileges.unsure.add(role);
    return;
  }
  if (!select) return;
  const objects = (node.objects as { RangeVar?: { schemaname?: string; relname?: string }; String?: { sval?: string } }[] | undefined) ?? [];
  const named =
    node.targtype === 'ACL_TARGET_ALL_IN_SCHEMA'
      ? [...tables].filter((t) => objects.some((o) => t.startsWith(`${o.String?.sval ?? ''}.`)))
      : objects.flatMap((o) => (o.RangeVar ? [`${o.RangeVar.schemaname ?? 'public'}.${o.RangeVar.relname ?? ''}`] : []));
  for (const role of roles) {
    const set = privileges.select.get(role) ?? new Set<string>();
    for (const table of named) set.add(table);
    privileges.select.set(role, set);
  }
}

/** GRANT role TO role: pg_read_all_data reads every table; any other membership may carry rights. */
export function onGrantRole(privileges: TablePrivileges, node: Node): void {
  if (node.is_grant !== true) return;
  const granted = ((node.granted_roles as { AccessPriv?: { priv_name?: string } }[] | undefined) ?? []).map((r) => r.AccessPriv?.priv_name ?? '');
  for (const role of grantees(node, 'grantee_roles')) {
    if (granted.includes('pg_read_all_data')) privileges.readAll.add(role);
    if (granted.some((g) => g !== 'pg_read_all_data')) privileges.unsure.add(role);
  }
}

/** ALTER DEFAULT PRIVILEGES … TO roles: later tables may be theirs to read. */
export function onDefaultPrivileges(privileges: TablePrivileges, node: Node): void {
  for (const role of grantees((node.action as Node | undefined) ?? {})) privileges.unsure.add(role);
}

/** ALTER TABLE … OWNER TO role: the owner reads its table. */
export function onOwner(privileges: TablePrivileges, table: string, newOwner: RoleSpec | undefined): void {
  const role = roleOf(newOwner);
  const set = privileges.select.get(role) ?? new Set<string>();
  privileges.select.set(role, set.add(table));
}

/** SET ROLE / SET SESSION AUTHORIZATION: tables created next belong to another role. */
export function onSetRole(privileges: TablePrivileges, node: Node): void {
  if (node.name === 'role' || node.name === 'session_authorization') privileges.unsure.add('*');
}

/** Whether `role` may SELECT from `table`: yes, no, or unknown. */
export function maySelect(privileges: TablePrivileges, role: string, table: string): boolean | undefined {
  if (privileges.unsure.has('*') || privileges.unsure.has(role) || privileges.unsure.has('public')) return undefined;
  if (privileges.superusers.has(role) || privileges.readAll.has(role) || privileges.readAll.has('public')) return true;
  return Boolean(privileges.select.get(role)?.has(table) || privileges.select.get('public')?.has(table));
}
