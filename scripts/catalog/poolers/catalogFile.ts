/**
 * The committed pooler catalogs (data/pgbouncer-catalog.json, data/pgpool-catalog.json): per program version
 * where it came from, and one line per setting with the facts of its first version plus what changes later.
 */

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
  /** pgpool: setting name with a trailing number (backend_hostname0 → backend_hostname). */
  indexed?: boolean;
}

export interface VersionFacts {
  /** Version the program reports (1.24.1, 4.3.5). */
  version: string;
  /** Debian package version and suite it came from. */
  package: string;
  suite: string;
  settings: Map<string, SettingFacts>;
  /** Program-specific extras (PgBouncer: accepted [databases]/[users] keys…). */
  extras?: Record<string, unknown>;
}

interface SettingRecord {
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

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changesBetween(previous: SettingFacts, next: SettingFacts): Record<string, unknown> | undefined {
  const change: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)]) as Set<keyof SettingFacts>) {
    if (!same(previous[key], next[key])) change[key] = next[key] ?? null;
  }
  return Object.keys(change).length ? change : undefined;
}

/** Version lines in numeric order (1.18 < 1.24, 4.1 < 4.10). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** The candidate renames that the versions' names bear out (between consecutive version lines). */
export function confirmRenames(data: Record<string, VersionFacts>, candidates: { from: string; to: string }[]): Rename[] {
  const lines = Object.keys(data).sort(compareVersions);
  const confirmed: Rename[] = [];
  for (let i = 1; i < lines.length; i++) {
    const before = data[lines[i - 1]].settings;
    const after = data[lines[i]].settings;
    for (const { from, to } of candidates) {
      if (before.has(from) && !after.has(from) && after.has(to) && !before.has(to)) confirmed.push({ from, to, since: lines[i] });
    }
  }
  return confirmed;
}

export function buildPoolerCatalog(program: string, data: Record<string, VersionFacts>, renames: Rename[] = []): PoolerCatalogFile {
  const lines = Object.keys(data).sort(compareVersions);
  const file: PoolerCatalogFile = { program, generatedFrom: {}, extras: {}, renames, settings: [] };
  const byName = new Map<string, Record<string, SettingFacts>>();
  for (const line of lines) {
    const { version, package: pkg, suite, settings, extras } = data[line];
    file.generatedFrom[line] = { version, package: pkg, suite, settingsCount: settings.size };
    if (extras) file.extras[line] = extras;
    for (const [name, facts] of settings) byName.set(name, { ...byName.get(name), [line]: facts });
  }
  for (const name of [...byName.keys()].sort()) {
    const variants = byName.get(name)!;
    const versions = lines.filter((line) => variants[line]);
    const record: SettingRecord = { name, versions, base: variants[versions[0]] };
    for (let i = 1; i < versions.length; i++) {
      const change = changesBetween(variants[versions[i - 1]], variants[versions[i]]);
      if (change) (record.changes ??= {})[versions[i]] = change;
    }
    file.settings.push(record);
  }
  return file;
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

/** Deterministic layout: header keys first, one setting per line. */
export function serializePoolerCatalog(file: PoolerCatalogFile): string {
  const head = [
    `{"program":${JSON.stringify(file.program)}`,
    `"generatedFrom":${JSON.stringify(file.generatedFrom)}`,
    `"extras":${JSON.stringify(file.extras)}`,
    `"renames":${JSON.stringify(file.renames)}`,
    '"settings":[\n',
  ].join(',\n');
  return `${head}${file.settings.map((record) => JSON.stringify(record)).join(',\n')}\n]}\n`;
}
