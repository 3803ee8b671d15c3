/**
 * What init SQL sets up for logical replication, read from the parse: tables (with whether UPDATE/DELETE can be
 * replicated: a primary key or another replica identity), sequences, publications, subscriptions, roles and
 * slots. Names are folded the way PostgreSQL folds them (the parser already lower-cases unquoted names).
 */
import type { SqlStatement } from './parser';
import { emptyPrivileges, onDefaultPrivileges, onGrant, onGrantRole, onOwner, onSetRole, type TablePrivileges } from './privileges';

type Node = Record<string, unknown>;

export interface SqlTable {
  /** `schema.name` (schema `public` when none is given). */
  name: string;
  /** A primary key, or REPLICA IDENTITY FULL / USING INDEX: updates and deletes can be published. */
  identity: boolean;
  /** Offset of the CREATE TABLE statement in the parsed text. */
  offset: number;
  /** Columns by name with their type as written (lower-case), in order; ALTER TABLE ADD/DROP COLUMN followed. */
  columns: Map<string, string>;
  /** False when the statement takes columns from elsewhere (LIKE, INHERITS, PARTITION OF): `columns` is partial. */
  columnsKnown: boolean;
}

export interface SqlPublication {
  name: string;
  allTables: boolean;
  tables: string[];
  schemas: string[];
  /** The operations it publishes (all four when not limited). */
  publish: string[];
  /** Row filters or column lists (15+). */
  filtered: boolean;
  offset: number;
}

export interface SqlSubscription {
  name: string;
  conninfo: string;
  publications: string[];
  options: Record<string, string>;
  offset: number;
}

export interface LogicalFacts {
  tables: Map<string, SqlTable>;
  sequences: string[];
  publications: Map<string, SqlPublication>;
  subscriptions: SqlSubscription[];
  /** Roles created or altered with REPLICATION (lower-case). */
  replicationRoles: string[];
  roles: string[];
  logicalSlots: string[];
  physicalSlots: string[];
  /** ALTER SYSTEM SET name = value (in effect after the entrypoint's restart); RESET removes. */
  systemSettings: Map<string, string>;
  /** Who may read which table (GRANT, owners, superusers). */
  privileges: TablePrivileges;
  /** Code the parse does not enter: the bodies of DO blocks and functions (read as text by the rules that need to). */
  bodies: string[];
}

export const ALL_OPERATIONS = ['insert', 'update', 'delete', 'truncate'];

const str = (node: unknown): string => {
  const n = node as { String?: { sval?: string }; sval?: string | { sval?: string } } | undefined;
  if (typeof n?.sval === 'string') return n.sval;
  if (typeof n?.sval === 'object') return n.sval.sval ?? '';
  return n?.String?.sval ?? '';
};

function relationName(relation: unknown): { name: string } {
  const r = (relation ?? {}) as { schemaname?: string; relname?: string };
  return { name: `${r.schemaname ?? 'public'}.${r.relname ?? ''}` };
}

function defElems(options: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of (options as { DefElem?: { defname?: string; arg?: unknown } }[] | undefined) ?? []) {
    const def = item.DefElem;
    if (!def?.defname) continue;
    // A bare word (streaming = parallel) arrives as a type name.
    const arg = def.arg as { Boolean?: { boolval?: boolean }; Integer?: { ival?: number }; TypeName?: { names?: unknown[] } } | undefined;
    const word = arg?.TypeName?.names?.map(str).join('.');
    out[def.defname] = arg?.Boolean ? String(arg.Boolean.boolval ?? false) : arg?.Integer ? String(arg.Integer.ival ?? 0) : word || str(arg) || 'true';
  }
  return out;
}

function hasPrimaryKey(elements: unknown): boolean {
  for (const element of (elements as Node[] | undefined) ?? []) {
    const constraint = (element.Constraint ?? undefined) as { contype?: string } | undefined;
    if (constraint?.contype === 'CONSTR_PRIMARY') return true;
    const column = element.ColumnDef as { constraints?: { Constraint?: { contype?: string } }[] } | undefined;
    if (column?.constraints?.some((c) => c.Constraint?.contype === 'CONSTR_PRIMARY')) return true;
  }
  return false;
}

const typeText = (typeName: { names?: unknown[]; arrayBounds?: unknown[] } | undefined) =>
  (typeName?.names ?? []).map(str).filter((n) => n !== 'pg_catalog').join('.') + (typeName?.arrayBounds?.length ? '[]' : '');

function columnsOf(elements: unknown): Map<string, string> {
  const columns = new Map<string, string>();
  for (const element of (elements as Node[] | undefined) ?? []) {
    const column = element.ColumnDef as { colname?: string; typeName?: { names?: unknown[] } } | undefined;
    if (column?.colname) columns.set(column.colname, typeText(column.typeName));
  }
  return columns;
}

/** Sequences a CREATE TABLE makes for serial and identity columns (named as PostgreSQL names them). */
function implicitSequences(table: string, elements: unknown): string[] {
  const names: string[] = [];
  for (const element of (elements as Node[] | undefined) ?? []) {
    const column = element.ColumnDef as { colname?: string; typeName?: { names?: unknown[] }; constraints?: { Constraint?: { contype?: string } }[] } | undefined;
    if (!column?.colname) continue;
    const type = str(column.typeName?.names?.[column.typeName.names.length - 1]);
    const identity = column.constraints?.some((c) => c.Constraint?.contype === 'CONSTR_IDENTITY');
    if (identity || /^(small|big)?serial[248]?$/.test(type)) names.push(`${table}_${column.colname}_seq`);
  }
  return names;
}

function publicationObjects(facts: SqlPublication, objects: unknown): void {
  for (const item of (objects as { PublicationObjSpec?: Node }[] | undefined) ?? []) {
    const spec = item.PublicationObjSpec as { pubobjtype?: string; name?: string; pubtable?: { relation?: unknown; whereClause?: unknown; columns?: unknown[] } } | undefined;
    if (!spec) continue;
    if (spec.pubobjtype === 'PUBLICATIONOBJ_TABLE' && spec.pubtable) {
      facts.tables.push(relationName(spec.pubtable.relation).name);
      if (spec.pubtable.whereClause || spec.pubtable.columns?.length) facts.filtered = true;
    } else if (spec.name) facts.schemas.push(spec.name);
  }
}

function onAlterTable(facts: LogicalFacts, node: Node): void {
  const { name } = relationName(node.relation);
  const table = facts.tables.get(name);
  for (const item of (node.cmds as { AlterTableCmd?: { subtype?: string; def?: Node; name?: string; newowner?: { roletype?: string; rolename?: string } } }[] | undefined) ?? []) {
    const cmd = item.AlterTableCmd;
    if (cmd?.subtype === 'AT_ChangeOwner') onOwner(facts.privileges, name, cmd.newowner);
    if (!table || !cmd) continue;
    const def = cmd.def ?? {};
    if (cmd.subtype === 'AT_AddColumn') for (const [column, type] of columnsOf([def])) table.columns.set(column, type);
    if (cmd.subtype === 'AT_DropColumn') table.columns.delete(String(cmd.name));
    if (cmd.subtype === 'AT_ReplicaIdentity') table.identity = (def.ReplicaIdentityStmt as { identity_type?: string } | undefined)?.identity_type !== 'n';
    if (cmd.subtype === 'AT_AddConstraint' && (def.Constraint as { contype?: string } | undefined)?.contype === 'CONSTR_PRIMARY') table.identity = true;
  }
}

function onSlotCall(facts: LogicalFacts, node: Node): void {
  const text = JSON.stringify(node);
  for (const m of text.matchAll(/"sval":"pg_create_(logical|physical)_replication_slot"\}\}\],"args":\[\{"A_Const":\{"sval":\{"sval":"([^"]+)"/g)) {
    (m[1] === 'logical' ? facts.logicalSlots : facts.physicalSlots).push(m[2]);
  }
}

function onRole(facts: LogicalFacts, role: string, options: unknown): void {
  facts.roles.push(role.toLowerCase());
  const given = defElems(options);
  if (given.isreplication === 'true') facts.replicationRoles.push(role.toLowerCase());
  if (given.isreplication === 'false') facts.replicationRoles = facts.replicationRoles.filter((r) => r !== role.toLowerCase());
  if (given.superuser === 'true') facts.privileges.superusers.add(role.toLowerCase());
}

/** The `AS` strings of a DO block or a function (one, or two for C functions). */
function bodiesOf(options: unknown): string[] {
  const as = (options as { DefElem?: { defname?: string; arg?: { String?: { sval?: string }; List?: { items?: unknown[] } } } }[] | undefined)?.find((o) => o.DefElem?.defname === 'as')?.DefElem?.arg;
  return as?.String ? [as.String.sval ?? ''] : (as?.List?.items ?? []).map(str);
}

type Handler = (facts: LogicalFacts, node: Node, offset: number) => void;

const HANDLERS: Record<string, Handler> = {
  CreateStmt: (facts, node, offset) => {
    const { name } = relationName(node.relation);
    const elements = (node.tableElts as Node[] | undefined) ?? [];
    const columnsKnown = !elements.some((e) => e.TableLikeClause) && !(node.inhRelations as unknown[] | undefined)?.length && !node.partbound && !node.ofTypename;
    facts.tables.set(name, { name, identity: hasPrimaryKey(node.tableElts), offset, columns: columnsOf(node.tableElts), columnsKnown });
    facts.sequences.push(...implicitSequences(name, node.tableElts));
  },
  AlterTableStmt: onAlterTable,
  DoStmt: (facts, node) => facts.bodies.push(...bodiesOf(node.args)),
  CreateFunctionStmt: (facts, node) => facts.bodies.push(...bodiesOf(node.options)),
  CreateSeqStmt: (facts, node) => facts.sequences.push(relationName(node.sequence).name),
  CreatePublicationStmt: (facts, node, offset) => {
    const options = defElems(node.options);
    const publish = options.publish !== undefined ? options.publish.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) : ALL_OPERATIONS;
    const publication: SqlPublication = { name: String(node.pubname), allTables: node.for_all_tables === true, tables: [], schemas: [], publish, filtered: false, offset };
    publicationObjects(publication, node.pubobjects);
    facts.publications.set(publication.name, publication);
  },
  AlterPublicationStmt: (facts, node) => {
    const publication = facts.publications.get(String(node.pubname));
    if (publication && node.action !== 'AP_DropObjects') publicationObjects(publication, node.pubobjects);
  },
  CreateSubscriptionStmt: (facts, node, offset) =>
    facts.subscriptions.push({ name: String(node.subname), conninfo: String(node.conninfo ?? ''), publications: ((node.publication as unknown[]) ?? []).map(str), options: defElems(node.options), offset }),
  CreateRoleStmt: (facts, node) => onRole(facts, String(node.role), node.options),
  // The role arrives as a bare RoleSpec ({ rolename }); older shapes wrapped it ({ RoleSpec: { rolename } }).
  AlterRoleStmt: (facts, node) => {
    const role = node.role as { rolename?: string; RoleSpec?: { rolename?: string } } | undefined;
    const name = role?.rolename ?? role?.RoleSpec?.rolename;
    if (name) onRole(facts, name, node.options);
  },
  SelectStmt: onSlotCall,
  GrantStmt: (facts, node) => onGrant(facts.privileges, node, facts.tables.keys()),
  GrantRoleStmt: (facts, node) => onGrantRole(facts.privileges, node),
  AlterDefaultPrivilegesStmt: (facts, node) => onDefaultPrivileges(facts.privileges, node),
  VariableSetStmt: (facts, node) => onSetRole(facts.privileges, node),
  AlterSystemStmt: (facts, node) => {
    const set = (node.setstmt as { VariableSetStmt?: { kind?: string; name?: string; args?: { A_Const?: Node }[] } } | undefined)?.VariableSetStmt;
    if (!set?.name) return;
    if (set.kind === 'VAR_SET_VALUE') facts.systemSettings.set(set.name, (set.args ?? []).map((a) => str(a.A_Const) || String((a.A_Const?.ival as { ival?: number })?.ival ?? '')).join(', '));
    else facts.systemSettings.delete(set.name);
  },
};

export function emptyLogicalFacts(): LogicalFacts {
  return { tables: new Map(), sequences: [], publications: new Map(), subscriptions: [], replicationRoles: [], roles: [], logicalSlots: [], physicalSlots: [], systemSettings: new Map(), privileges: emptyPrivileges(), bodies: [] };
}

/** The logical-replication facts of some parsed statements (in order: later statements see earlier tables). */
export function logicalFacts(statements: SqlStatement[], into?: LogicalFacts): LogicalFacts {
  const facts: LogicalFacts = into ?? emptyLogicalFacts();
  for (const statement of statements) HANDLERS[statement.kind]?.(facts, statement.node, statement.start);
  return facts;
}

/** Tables a publication sends (every table for FOR ALL TABLES; a schema's tables for TABLES IN SCHEMA). */
export function publishedTables(publication: SqlPublication, facts: LogicalFacts): string[] {
  if (publication.allTables) return [...facts.tables.keys()];
  const inSchemas = [...facts.tables.keys()].filter((t) => publication.schemas.includes(t.slice(0, t.indexOf('.'))));
  return [...new Set([...publication.tables, ...inSchemas])];
}
