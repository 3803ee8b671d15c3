import * as fs from 'fs';
import { dataPath } from '../../core/packageRoot';
import type { Catalog, Major, ParameterInfo, ParameterRecord, ParameterVariant } from './types';

/** On-disk form written by `npm run catalog` (data/catalog.json). */
export interface CatalogFile {
  generatedFrom: Partial<Record<Major, { version: string; settingsCount: number }>>;
  parameters: CompactRecord[];
}

/** A record stored as the variant of its first major plus what later majors change. */
export interface CompactRecord {
  name: string;
  majors: Major[];
  base: ParameterVariant;
  /** Per-major differences from `base`; a key present with value null means "absent in this major". */
  changes?: Partial<Record<Major, Partial<Record<keyof ParameterVariant, unknown>>>>;
}

export function expandRecord(compact: CompactRecord): ParameterRecord {
  const variants: Partial<Record<Major, ParameterVariant>> = {};
  let current: ParameterVariant = compact.base;
  for (const major of compact.majors) {
    const change = compact.changes?.[major];
    if (change) {
      const next: Record<string, unknown> = { ...current };
      for (const [key, value] of Object.entries(change)) {
        if (value === null) delete next[key];
        else next[key] = value;
      }
      current = next as unknown as ParameterVariant;
    }
    variants[major] = current;
  }
  return { name: compact.name, majors: compact.majors, variants };
}

export function createCatalog(file: CatalogFile, descriptions: Record<string, string>): Catalog {
  // Records are expanded on first use: a document names a few dozen of the several hundred parameters.
  const compacts = new Map<string, CompactRecord>();
  for (const compact of file.parameters) compacts.set(compact.name.toLowerCase(), compact);
  const expanded = new Map<string, ParameterRecord>();
  const recordOf = (key: string): ParameterRecord | undefined => {
    let record = expanded.get(key);
    if (!record) {
      const compact = compacts.get(key);
      if (!compact) return undefined;
      expanded.set(key, (record = expandRecord(compact)));
    }
    return record;
  };
  // Descriptions may be keyed by PostgreSQL's spelling (DateStyle) or in lower case; look up either way.
  const descriptionsByKey = new Map<string, string>();
  for (const [name, text] of Object.entries(descriptions)) descriptionsByKey.set(name.toLowerCase(), text);
  const namesByMajor = new Map<Major, string[]>();
  // One ParameterInfo per parameter and major, built on first use: validation asks for the same ones on every
  // keystroke. Keyed by the name as asked (and its lower case) so repeated lookups skip toLowerCase. Callers
  // must treat the result as read-only.
  const infoByMajor = new Map<Major, Map<string, ParameterInfo | null>>();
  const buildInfo = (name: string, major: Major): ParameterInfo | null => {
    const record = recordOf(name.toLowerCase());
    const variant = record?.variants[major];
    if (!record || !variant) return null;
    return { ...variant, name: record.name, major, majors: record.majors, description: descriptionsByKey.get(record.name.toLowerCase()) ?? '' };
  };

  return {
    get(name, major): ParameterInfo | undefined {
      let infos = infoByMajor.get(major);
      if (!infos) infoByMajor.set(major, (infos = new Map()));
      let info = infos.get(name);
      if (info === undefined) {
        // Unknown names are remembered too, but bounded: a user typing produces many of them.
        if (infos.size > 20_000) infos.clear();
        infos.set(name, (info = buildInfo(name, major)));
      }
      return info ?? undefined;
    },
    record: (name) => recordOf(name.toLowerCase()),
    names(major) {
      let names = namesByMajor.get(major);
      if (!names) {
        names = [...compacts.values()].filter((c) => c.majors.includes(major)).map((c) => c.name);
        namesByMajor.set(major, names);
      }
      return names;
    },
    allNames: () => [...compacts.keys()],
    description: (name) => descriptionsByKey.get(name.toLowerCase()),
  };
}

/** The committed catalog, read from data/ on first use (the server starts without it). */
export function loadCatalog(): Catalog {
  const file = JSON.parse(fs.readFileSync(dataPath('catalog.json'), 'utf8')) as CatalogFile;
  const descriptions = JSON.parse(fs.readFileSync(dataPath('descriptions.json'), 'utf8')) as Record<string, string>;
  return createCatalog(file, descriptions);
}

/** A Catalog that loads itself on first access. */
export function lazyCatalog(load: () => Catalog = loadCatalog): Catalog {
  let catalog: Catalog | undefined;
  const get = () => (catalog ??= load());
  return {
    get: (name, major) => get().get(name, major),
    record: (name) => get().record(name),
    names: (major) => get().names(major),
    allNames: () => get().allNames(),
    description: (name) => get().description(name),
  };
}
