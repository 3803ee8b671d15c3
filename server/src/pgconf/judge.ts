import type { Catalog, Major } from '../catalog/types';
import { CODES, type PgconfCode } from './codes';
import { closestMatches } from './didYouMean';
import { type OtherValue, runNumericHook } from './numericHooks';
import { checkStringValue } from './stringChecks';
import { checkTypedValue } from './values';

/** What PostgreSQL decides about one `name = value` line read from a configuration file. */
export interface SettingVerdict {
  accepted: boolean;
  /** What `postgres -C name` would print (accepted settings only). */
  canonical?: string;
  code?: PgconfCode;
  message?: string;
  hint?: string;
  suggestions?: string[];
  /** Majors the parameter exists in, for removed/added-later parameters. */
  majors?: Major[];
  /** For parameters renamed before 13: the new name and the value converted for it. */
  rename?: { name: string; value?: string };
}

/** Parameters removed before PostgreSQL 13, which users still copy from old guides. */
const REMOVED_BEFORE_13: Record<string, { removedIn: string; advice: string; rename?: (value: string) => { name: string; value?: string } }> = {
  wal_keep_segments: {
    removedIn: '13',
    advice: 'Use wal_keep_size (segments × 16MB).',
    rename: (value) => {
      const segments = Number(value.trim());
      return { name: 'wal_keep_size', value: Number.isInteger(segments) && segments >= 0 ? `${segments * 16}MB` : undefined };
    },
  },
  checkpoint_segments: { removedIn: '9.5', advice: 'Use max_wal_size and min_wal_size.' },
  standby_mode: { removedIn: '12', advice: 'Create a standby.signal file in the data directory instead.' },
  trigger_file: { removedIn: '12', advice: 'Use promote_trigger_file (13–15) or pg_ctl promote.' },
  default_with_oids: { removedIn: '12', advice: 'Tables cannot have OIDs any more; remove the line.' },
};

const majorsText = (majors: readonly Major[]): string =>
  majors.length === 1 ? String(majors[0]) : `${majors[0]}–${majors[majors.length - 1]}`;

function unknownName(catalog: Catalog, major: Major, name: string): SettingVerdict {
  const key = name.toLowerCase();
  const unrecognized = `unrecognized configuration parameter "${name}"`;
  const record = catalog.record(key);
  if (record) {
    const later = record.majors[0] > major;
    return {
      accepted: false,
      code: later ? CODES.addedLaterParameter : CODES.removedParameter,
      message: unrecognized,
      hint: later
        ? `"${record.name}" exists only from PostgreSQL ${record.majors[0]} (target is ${major}).`
        : `"${record.name}" exists in PostgreSQL ${majorsText(record.majors)} but not in ${major}.`,
      majors: record.majors,
    };
  }
  const removed = REMOVED_BEFORE_13[key];
  if (removed) {
    return {
      accepted: false,
      code: CODES.removedParameter,
      message: unrecognized,
      hint: `"${key}" was removed in PostgreSQL ${removed.removedIn}. ${removed.advice}`,
      majors: [],
      rename: removed.rename?.(''),
    };
  }
  const suggestions = closestMatches(key, catalog.names(major));
  return {
    accepted: false,
    code: CODES.unknownParameter,
    message: unrecognized,
    hint: suggestions.length ? `Did you mean "${suggestions[0]}"?` : 'Custom parameters need a dotted name such as "myext.setting".',
    suggestions,
  };
}

/** The default of another integer parameter, as PostgreSQL would have it before reading the file. */
export function defaultNumber(catalog: Catalog, major: Major): OtherValue {
  return (name) => Number(catalog.get(name, major)?.bootVal ?? 0);
}

/**
 * Judges one setting as PostgreSQL's ProcessConfigFile does for `major`: name lookup (dotted names are custom
 * placeholders), internal parameters, type checks with units and ranges, and the check hooks we model.
 */
export function judgeSetting(catalog: Catalog, major: Major, name: string, value: string, other?: OtherValue): SettingVerdict {
  const param = catalog.get(name, major);
  if (!param) {
    if (name.includes('.')) return { accepted: true, canonical: value };
    const verdict = unknownName(catalog, major, name);
    const removed = REMOVED_BEFORE_13[name.toLowerCase()];
    if (removed?.rename) verdict.rename = removed.rename(value);
    return verdict;
  }
  if (param.context === 'internal') {
    return {
      accepted: false,
      code: CODES.internalParameter,
      message: `parameter "${name}" cannot be changed`,
      hint: 'It is fixed when PostgreSQL is built or initdb runs; remove the line.',
    };
  }
  const key = param.name.toLowerCase();
  const verdict = param.vartype === 'string' ? checkStringValue(key, value, major) : checkTypedValue(key, param, value, major);
  if (!verdict.ok) {
    return { accepted: false, code: verdict.code, message: verdict.message.replace(`"${key}"`, `"${name}"`), hint: verdict.hint, suggestions: verdict.suggestions };
  }
  if (param.vartype === 'integer') {
    const hooked = runNumericHook(key, Number(verdict.canonical), major, other ?? defaultNumber(catalog, major));
    if (!hooked.ok) return { accepted: false, code: hooked.code, message: hooked.message, hint: hooked.hint };
    return { accepted: true, canonical: hooked.canonical };
  }
  return { accepted: true, canonical: verdict.canonical };
}

/**
 * A view of the catalog that remembers lookups: one validation asks for the same parameters many times,
 * and every catalog lookup builds a fresh object.
 */
export function memoizedCatalog(catalog: Catalog): Catalog {
  const byMajor = new Map<Major, Map<string, ReturnType<Catalog['get']>>>();
  return {
    ...catalog,
    get(name, major) {
      let cache = byMajor.get(major);
      if (!cache) byMajor.set(major, (cache = new Map()));
      let info = cache.get(name);
      if (info === undefined && !cache.has(name)) {
        info = catalog.get(name, major);
        cache.set(name, info);
      }
      return info;
    },
  };
}
