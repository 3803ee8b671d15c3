/**
 * The committed pooler catalogs (data/pgbouncer-catalog.json, data/pgpool-catalog.json), as read by the formats
 * and written by `npm run catalog:pgbouncer` / `catalog:pgpool` (scripts/catalog/poolers/catalogFile.ts): per
 * program version where it came from, and one line per setting with the facts of its first version plus what
 * changes later.
 */
import * as fs from 'fs';
import { dataPath } from '../../core/packageRoot';

export type SettingType = 'bool' | 'int' | 'real' | 'enum' | 'string' | 'list';

export interface SettingFacts {
  type: SettingType;
  /** Default as the program reports it (SHOW CONFIG `default` / SHOW ALL value of an unset setting); absent when
   * the catalog had to set it to get the program running (pgpool's listen_addresses and backend address). */
  default?: string;
  /** PgBouncer: can be changed by RELOAD/SET (SHOW CONFIG `changeable`). */
  changeable?: boolean;
  /** Accepted values of an enum, as the program spells them. */
  values?: string[];
  /** Range the program states (pgpool's "outside the valid range … (min .. max)"). */
  min?: number;
  max?: number;
  /** pgpool: the unit of an integer that takes units of time ('ms', 's', 'min'), from the program's verdicts on `-1min`. */
  unit?: string;
  /** pgpool: setting name with a trailing number (backend_hostname0 → backend_hostname). */
  indexed?: boolean;
  /** pgpool: the largest index its check lets through for a numbered family ("(0 .. N)" when refused); N is one
   * past its arrays. */
  indexMax?: number;
  /** pgpool: a value at index indexMax crashes it (segmentation fault, exit status 139); otherwise it loads. */
  crashAtIndexMax?: boolean;
}

export interface SettingRecord {
  name: string;
  versions: string[];
  base: SettingFacts;
  changes?: Record<string, Record<string, unknown>>;
}

export interface Rename {
  from: string;
  to: string;
  /** First version line with the new name (the previous line has only the old one). */
  since: string;
}

export interface PoolerCatalogFile {
  program: string;
  generatedFrom: Record<string, { version: string; package: string; suite: string; settingsCount: number }>;
  extras: Record<string, Record<string, unknown>>;
  /** Renames the catalog confirms: the old name only up to one version line, the new one only from the next. */
  renames: Rename[];
  settings: SettingRecord[];
}

/** Version lines in numeric order (1.18 < 1.24, 4.1 < 4.10). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Facts of every setting in one version, back from the compact form. */
export function settingsOf(file: PoolerCatalogFile, line: string): Map<string, SettingFacts> {
  const result = new Map<string, SettingFacts>();
  for (const record of file.settings) {
    if (!record.versions.includes(line)) continue;
    let facts: Record<string, unknown> = { ...record.base };
    for (const version of record.versions) {
      if (compareVersions(version, line) > 0) break;
      for (const [key, value] of Object.entries(record.changes?.[version] ?? {})) {
        if (value === null) delete facts[key];
        else facts = { ...facts, [key]: value };
      }
    }
    result.set(record.name, facts as unknown as SettingFacts);
  }
  return result;
}

/** Size limit of a committed catalog file (they are tens of KiB). */
const MAX_CATALOG_BYTES = 4 * 1024 * 1024;

/** Reads data/<program>-catalog.json. */
export function loadPoolerCatalog(program: 'pgbouncer' | 'pgpool'): PoolerCatalogFile {
  const path = dataPath(`${program}-catalog.json`);
  if (fs.statSync(path).size > MAX_CATALOG_BYTES) throw new Error(`pgha: ${path} is larger than ${MAX_CATALOG_BYTES} bytes`);
  return JSON.parse(fs.readFileSync(path, 'utf8')) as PoolerCatalogFile;
}
