/**
 * Turns per-major parameter facts into the compact CatalogFile (data/catalog.json) and back, with a
 * deterministic order and layout (one parameter per line) so regenerating gives identical bytes.
 */
import { expandRecord, type CatalogFile, type CompactRecord } from '../../language/catalog/catalog';
import { MAJORS, type Major, type ParameterVariant } from '../../language/catalog/types';

/** Everything the catalog knows about one major. */
export interface MajorData {
  version: string;
  settingsCount: number;
  parameters: Map<string, ParameterVariant>;
}

export type CatalogData = Partial<Record<Major, MajorData>>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The changes that turn `previous` into `next` (null marks a fact that disappears). */
function variantChanges(previous: ParameterVariant, next: ParameterVariant): Record<string, unknown> | undefined {
  const change: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(previous), ...Object.keys(next)]) as Set<keyof ParameterVariant>;
  for (const key of keys) {
    if (same(previous[key], next[key])) continue;
    change[key] = next[key] === undefined ? null : next[key];
  }
  return Object.keys(change).length > 0 ? change : undefined;
}

export function buildCatalogFile(data: CatalogData): CatalogFile {
  const majors = MAJORS.filter((major) => data[major]);
  const generatedFrom: CatalogFile['generatedFrom'] = {};
  const byName = new Map<string, { name: string; variants: Partial<Record<Major, ParameterVariant>> }>();
  for (const major of majors) {
    const { version, settingsCount, parameters } = data[major]!;
    generatedFrom[major] = { version, settingsCount };
    for (const [name, variant] of parameters) {
      const key = name.toLowerCase();
      const entry = byName.get(key) ?? { name, variants: {} };
      entry.name = name; // the newest spelling wins
      entry.variants[major] = variant;
      byName.set(key, entry);
    }
  }
  const parameters: CompactRecord[] = [];
  for (const entry of [...byName.values()].sort((a, b) => compareNames(a.name, b.name))) {
    const present = majors.filter((major) => entry.variants[major]);
    const base = entry.variants[present[0]]!;
    const record: CompactRecord = { name: entry.name, majors: present, base };
    let previous = base;
    for (const major of present.slice(1)) {
      const change = variantChanges(previous, entry.variants[major]!);
      if (change) (record.changes ??= {})[major] = change as Partial<Record<keyof ParameterVariant, unknown>>;
      previous = entry.variants[major]!;
    }
    parameters.push(record);
  }
  return { generatedFrom, parameters };
}

/** Per-major facts from a CatalogFile (the inverse of buildCatalogFile). */
export function expandCatalogFile(file: CatalogFile): CatalogData {
  const data: CatalogData = {};
  for (const major of MAJORS) {
    const from = file.generatedFrom[major];
    if (from) data[major] = { ...from, parameters: new Map() };
  }
  for (const compact of file.parameters) {
    const record = expandRecord(compact);
    for (const major of record.majors) {
      const target = data[major];
      if (!target) throw new Error(`catalog: ${record.name} names major ${major}, which generatedFrom does not list`);
      target.parameters.set(record.name, record.variants[major]!);
    }
  }
  return data;
}

/** Compact JSON with one parameter per line (small, and diffs stay readable). */
export function serializeCatalog(file: CatalogFile): string {
  const lines = file.parameters.map((record) => JSON.stringify(record));
  return `{"generatedFrom":${JSON.stringify(file.generatedFrom)},\n"parameters":[\n${lines.join(',\n')}\n]}\n`;
}

/** Human-readable differences between two catalogs, per major and parameter; empty when equal. */
export function diffCatalogData(committed: CatalogData, generated: CatalogData, limit = 40): string[] {
  const lines: string[] = [];
  for (const major of MAJORS) {
    const before = committed[major];
    const after = generated[major];
    if (!before && !after) continue;
    if (!before || !after) {
      lines.push(`PostgreSQL ${major}: ${before ? 'missing from the generated data' : 'missing from the committed catalog'}`);
      continue;
    }
    if (before.version !== after.version) lines.push(`PostgreSQL ${major}: version ${before.version} → ${after.version}`);
    if (before.settingsCount !== after.settingsCount) {
      lines.push(`PostgreSQL ${major}: pg_settings rows ${before.settingsCount} → ${after.settingsCount}`);
    }
    const names = new Set([...before.parameters.keys(), ...after.parameters.keys()]);
    for (const name of [...names].sort(compareNames)) {
      const old = before.parameters.get(name);
      const now = after.parameters.get(name);
      if (!old) lines.push(`PostgreSQL ${major}: + ${name} (new)`);
      else if (!now) lines.push(`PostgreSQL ${major}: - ${name} (gone)`);
      else {
        const change = variantChanges(old, now);
        if (!change) continue;
        const fields = Object.keys(change).map((key) => `${key} ${JSON.stringify(old[key as keyof ParameterVariant])} → ${JSON.stringify(now[key as keyof ParameterVariant])}`);
        lines.push(`PostgreSQL ${major}: ~ ${name}: ${fields.join('; ')}`);
      }
    }
  }
  if (lines.length > limit) return [...lines.slice(0, limit), `… and ${lines.length - limit} more differences`];
  return lines;
}
