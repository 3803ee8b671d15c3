/**
 * The pgpool-II catalog (data/pgpool-catalog.json, from the real program: `npm run catalog:pgpool`) as the format
 * asks it: what a name means in a version, numbered families (`backend_hostname<n>` covers backend_hostname0…),
 * renames between releases.
 */
import { compareVersions, loadPoolerCatalog, settingsOf, type PoolerCatalogFile, type Rename, type SettingFacts } from '../../catalog/poolerCatalog';

/** Indexes of numbered settings go from 0 to 127 (pgpool's MAX_NUM_BACKENDS); 128 and more crash pgpool 4.3/4.6. */
export const MAX_INDEX = 127;

export interface PgpoolLookup {
  /** Catalog name: the name itself, or the family (`backend_port<n>`). */
  catalogName: string;
  facts: SettingFacts;
  /** For a numbered setting: the text after the family's prefix ("0", "01", "3x", "" for none). */
  index?: string;
}

interface Family {
  prefix: string;
  catalogName: string;
}

export class PgpoolCatalog {
  readonly versions: string[];
  readonly newest: string;
  readonly renames: readonly Rename[];
  private readonly byVersion = new Map<string, Map<string, SettingFacts>>();
  /** Families, longest prefix first, so backend_application_name<n> wins over a shorter prefix. */
  private readonly families: Family[];
  private readonly versionsOf = new Map<string, string[]>();
  private readonly names = new Map<string, string[]>();

  constructor(readonly file: PoolerCatalogFile = loadPoolerCatalog('pgpool')) {
    this.versions = Object.keys(file.generatedFrom).sort(compareVersions);
    this.newest = this.versions[this.versions.length - 1];
    this.renames = file.renames;
    for (const version of this.versions) this.byVersion.set(version, settingsOf(file, version));
    for (const record of file.settings) this.versionsOf.set(record.name, record.versions);
    this.families = file.settings
      .filter((record) => record.name.endsWith('<n>'))
      .map((record) => ({ prefix: record.name.slice(0, -3), catalogName: record.name }))
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** Every setting of a version (catalog names, families with `<n>`). */
  settings(version: string): Map<string, SettingFacts> {
    return this.byVersion.get(version) ?? new Map();
  }

  /** Names a version knows, families written with index 0 (completion, did-you-mean). */
  namesOf(version: string): string[] {
    let names = this.names.get(version);
    if (!names) this.names.set(version, (names = [...this.settings(version).keys()].map((name) => name.replace('<n>', '0'))));
    return names;
  }

  /** The version lines a catalog name exists in. */
  versionsOfName(catalogName: string): string[] {
    return this.versionsOf.get(catalogName) ?? [];
  }

  /** What a name (as written: case matters to pgpool) is in a version; undefined when that version does not know it. */
  lookup(name: string, version: string): PgpoolLookup | undefined {
    const settings = this.settings(version);
    const exact = settings.get(name);
    if (exact && !name.endsWith('<n>')) return { catalogName: name, facts: exact };
    for (const family of this.families) {
      // The bare prefix (backend_port) is the family too: pgpool asks for its index.
      if (!name.startsWith(family.prefix)) continue;
      const facts = settings.get(family.catalogName);
      if (facts) return { catalogName: family.catalogName, facts, index: name.slice(family.prefix.length) };
    }
    return undefined;
  }

  /** The catalog name a name has in any version (for "removed in 4.6" / "added in 4.6"), or undefined. */
  anyVersion(name: string): { lookup: PgpoolLookup; versions: string[] } | undefined {
    for (const version of [...this.versions].reverse()) {
      const lookup = this.lookup(name, version);
      if (lookup) return { lookup, versions: this.versionsOfName(lookup.catalogName) };
    }
    return undefined;
  }

  /** The rename that replaced this (old) name, when the target version has the new name. */
  renamedFrom(name: string, version: string): Rename | undefined {
    return this.renames.find((rename) => rename.from === name && compareVersions(version, rename.since) >= 0);
  }

  /** The rename whose new name this is, when the target version still has the old name. */
  renamedTo(name: string, version: string): Rename | undefined {
    return this.renames.find((rename) => rename.to === name && compareVersions(version, rename.since) < 0);
  }
}
