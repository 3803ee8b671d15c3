/**
 * The committed pooler catalogs (data/pgbouncer-catalog.json, data/pgpool-catalog.json): per program version
 * where it came from, and one line per setting with the facts of its first version plus what changes later.
 */

import { compareVersions, type Rename, type PoolerCatalogFile, type SettingFacts, type SettingRecord } from '../../../language/catalog/poolerCatalog';

export { compareVersions, settingsOf, type PoolerCatalogFile, type Rename, type SettingFacts, type SettingType } from '../../../language/catalog/poolerCatalog';

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

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changesBetween(previous: SettingFacts, next: SettingFacts): Record<string, unknown> | undefined {
  const change: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)]) as Set<keyof SettingFacts>) {
    if (!same(previous[key], next[key])) change[key] = next[key] ?? null;
  }
  return Object.keys(change).length ? change : undefined;
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
