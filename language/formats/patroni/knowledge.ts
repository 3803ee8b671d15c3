/**
 * Every key Patroni 3.0 reads, as a tree, from the generated catalog: the validator schema, the dynamic settings
 * (bootstrap.dcs, with their defaults), the places PATRONI_* variables land and the connection parameters an
 * authentication entry keeps. Completion, hover and the compose environment support ask it.
 */
import type { PatroniCatalogFile, PyType, SchemaNode } from './catalog';

export interface KeyFacts {
  /** Dotted path (`bootstrap.dcs.ttl`); `<user>` stands for any name. */
  path: string;
  type?: PyType | 'host:port' | 'address' | 'directory' | 'list' | 'mapping';
  required?: boolean;
  default?: unknown;
  /** The variable that sets it (PATRONI_RESTAPI_LISTEN). */
  variable?: string;
  values?: string[];
  children: Map<string, KeyFacts>;
}

function child(parent: KeyFacts, name: string): KeyFacts {
  let found = parent.children.get(name);
  if (!found) {
    found = { path: parent.path ? `${parent.path}.${name}` : name, children: new Map() };
    parent.children.set(name, found);
  }
  return found;
}

function typeOf(node: SchemaNode): KeyFacts['type'] {
  switch (node.kind) {
    case 'string':
      return 'string';
    case 'type':
      return node.type;
    case 'directory':
      return 'directory';
    case 'list':
      return 'list';
    case 'dict':
      return 'mapping';
    case 'call':
      return /connect_address/.test(node.name) ? 'address' : /host_port/.test(node.name) ? 'host:port' : (node.expected ?? undefined);
    case 'or':
      return undefined;
  }
}

function addSchema(facts: KeyFacts, node: SchemaNode): void {
  facts.type ??= typeOf(node);
  if (node.kind === 'call' && node.values) facts.values = node.values;
  if (node.kind !== 'dict') return;
  for (const key of node.keys) {
    for (const name of key.names) {
      const target = child(facts, name);
      target.required ||= !key.optional && key.names.length === 1;
      const value = key.cases?.[name] ?? key.value;
      if (value) addSchema(target, value);
    }
  }
}

function addDefaults(facts: KeyFacts, defaults: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(defaults)) {
    const target = child(facts, name);
    if (value !== null && typeof value === 'object') addDefaults(target, value as Record<string, unknown>);
    else {
      target.default = value;
      target.type ??= typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'integer' : 'string';
    }
  }
}

function at(root: KeyFacts, path: string): KeyFacts {
  return path.split('.').reduce(child, root);
}

export function buildKnowledge(catalog: PatroniCatalogFile): KeyFacts {
  const root: KeyFacts = { path: '', children: new Map() };
  addSchema(root, catalog.schema);
  const { watchdog, ...dynamic } = catalog.dynamicDefaults;
  addDefaults(at(root, 'bootstrap.dcs'), dynamic);
  addDefaults(at(root, 'watchdog'), watchdog as Record<string, unknown>);
  for (const [variable, target] of Object.entries(catalog.environment)) {
    const facts = at(root, target.path);
    facts.variable ??= variable;
  }
  for (const user of ['replication', 'superuser', 'rewind']) {
    for (const parameter of catalog.authParameters) at(root, `postgresql.authentication.${user}.${parameter}`);
  }
  return root;
}

/** The facts at a path of keys; a name under bootstrap.users stands for `<user>`. */
export function factsAt(root: KeyFacts, path: readonly string[]): KeyFacts | undefined {
  let node: KeyFacts | undefined = root;
  for (const step of path) node = node?.children.get(step);
  return node;
}
