/**
 * What each PgBouncer version accepts, from data/pgbouncer-catalog.json (generated from the real programs):
 * [pgbouncer] settings with their types, defaults and enum values, and the keys of [databases], [users], [peers].
 */
import { compareVersions, loadPoolerCatalog, settingsOf, type PoolerCatalogFile, type SettingFacts } from '../../catalog/poolerCatalog';

export type SectionName = 'databases' | 'users' | 'pgbouncer' | 'peers';

export interface VersionKnowledge {
  version: string;
  /** The release the catalog came from (1.24.1). */
  release: string;
  settings: Map<string, SettingFacts>;
  sectionKeys: Record<'databases' | 'users' | 'peers', readonly string[]>;
  sections: readonly SectionName[];
  /** What the program does with a [databases]/[users] entry it cannot read: refuse the file, or skip the entry (≤ 1.15). */
  entryErrors: 'fatal' | 'skipped';
}

export interface PgbouncerKnowledge {
  /** Version lines, oldest first. */
  versions: readonly string[];
  newest: string;
  of(version: string): VersionKnowledge;
  /** Every setting name of any version. */
  allSettings: readonly string[];
  /** The versions that know a [pgbouncer] setting. */
  versionsOf(name: string): readonly string[];
}

interface SectionKeysExtra {
  sectionKeys?: Partial<Record<'databases' | 'users' | 'peers', string[]>>;
  entryErrors?: 'fatal' | 'skipped';
}

function versionKnowledge(file: PoolerCatalogFile, version: string): VersionKnowledge {
  const extra = (file.extras[version] ?? {}) as SectionKeysExtra;
  const sectionKeys = { databases: extra.sectionKeys?.databases ?? [], users: extra.sectionKeys?.users ?? [], peers: extra.sectionKeys?.peers ?? [] };
  const sections: SectionName[] = ['databases', 'users', 'pgbouncer'];
  if (sectionKeys.peers.length) sections.push('peers');
  return { version, release: file.generatedFrom[version]?.version ?? version, settings: settingsOf(file, version), sectionKeys, sections, entryErrors: extra.entryErrors ?? 'fatal' };
}

export function pgbouncerKnowledge(file: PoolerCatalogFile = loadPoolerCatalog('pgbouncer')): PgbouncerKnowledge {
  const versions = Object.keys(file.generatedFrom).sort(compareVersions);
  const byVersion = new Map(versions.map((version) => [version, versionKnowledge(file, version)]));
  const newest = versions[versions.length - 1];
  const byName = new Map(file.settings.map((record) => [record.name, record.versions]));
  return {
    versions,
    newest,
    of: (version) => byVersion.get(version) ?? byVersion.get(newest)!,
    allSettings: [...byName.keys()].sort(),
    versionsOf: (name) => byName.get(name) ?? [],
  };
}

/** The catalogued line a release or image tag is judged as (1.24.1 → 1.24; 1.22 → the newest line at or below it; older ones → the oldest line). */
export function versionLine(knowledge: PgbouncerKnowledge, release: string): string | undefined {
  const match = /^(\d+)\.(\d+)/.exec(release);
  if (!match) return undefined;
  const line = `${Number(match[1])}.${Number(match[2])}`;
  const below = knowledge.versions.filter((version) => compareVersions(version, line) <= 0);
  return below[below.length - 1] ?? knowledge.versions[0];
}
