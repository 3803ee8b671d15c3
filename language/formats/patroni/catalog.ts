/**
 * The Patroni catalog (data/patroni-catalog.json, generated from the installed Patroni by `npm run catalog:patroni`):
 * the validator schema behind `patroni --validate-config`, the dynamic defaults, the PostgreSQL parameters Patroni
 * passes on the command line and the PATRONI_* variables it reads.
 */
import * as fs from 'fs';
import { dataPath } from '../../../core/packageRoot';

export type SchemaNode =
  | { kind: 'string' }
  | { kind: 'type'; type: PyType }
  | { kind: 'directory'; executables: string[] }
  | { kind: 'or'; options: SchemaNode[] }
  | { kind: 'list'; items: SchemaNode | null }
  | { kind: 'dict'; keys: SchemaKey[] }
  | { kind: 'call'; name: string; expected?: PyType; check?: 'oneOf' | 'atMost' | 'nonEmptyString'; values?: string[]; limit?: number };

export type PyType = 'string' | 'integer' | 'boolean' | 'number' | 'array' | 'object';

export interface SchemaKey {
  names: string[];
  optional: boolean;
  value?: SchemaNode;
  /** For a key that is one of several names (the DCS: consul, etcd, etcd3, …): the schema of each. */
  cases?: Record<string, SchemaNode>;
}

export interface ManagedParameter {
  default: string | number | null;
  minVersion: number;
  /** Values a bootstrap.dcs setting may take ([] = Patroni always uses its own value). */
  accepted?: string[];
  minimum?: number;
  minimumMB?: number;
  boolean?: boolean;
}

export interface PatroniCatalogFile {
  version: string;
  envPrefix: string;
  dcs: string[];
  schema: SchemaNode;
  dynamicDefaults: Record<string, unknown>;
  managedParameters: Record<string, ManagedParameter>;
  authParameters: string[];
  environment: Record<string, { path: string; parsed: string }>;
  /** PATRONI_CONFIGURATION: the whole configuration as YAML, read when no file is given. */
  configVariable: string;
}

const MAX_CATALOG_BYTES = 4 << 20;

export function loadPatroniCatalog(): PatroniCatalogFile {
  const path = dataPath('patroni-catalog.json');
  if (fs.statSync(path).size > MAX_CATALOG_BYTES) throw new Error(`pgha: ${path} is larger than ${MAX_CATALOG_BYTES} bytes`);
  return JSON.parse(fs.readFileSync(path, 'utf8')) as PatroniCatalogFile;
}

/** The schema of the mapping at a path of keys (the DCS cases resolved by name), if the schema has one. */
export function schemaAt(root: SchemaNode, path: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const step of path) {
    if (node?.kind !== 'dict') return undefined;
    const key: SchemaKey | undefined = node.keys.find((k) => k.names.includes(step));
    node = key ? (key.cases?.[step] ?? key.value) : undefined;
  }
  return node;
}
