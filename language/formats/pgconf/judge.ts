import type { Catalog, Major } from '../../catalog/types';
import { CODES, type PgconfCode } from './codes';
import { closestMatches } from './didYouMean';
import { type OtherValue, runNumericHook } from './numericHooks';
import type { PriorSetting } from './recoveryTargetTime';
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

export const BYTE_ORDER_MARK = '\uFEFF';
export const BOM_HINT =
  'The file starts with an invisible byte-order mark (BOM), which PostgreSQL reads as part of the first line. Save the file as UTF-8 without BOM.';

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
  // Editors on Windows may save a byte-order mark; PostgreSQL reads it as letters of the first name.
  if (key.startsWith(BYTE_ORDER_MARK) && catalog.get(key.slice(1), major)) {
    return { accepted: false, code: CODES.unknownParameter, message: unrecognized, hint: BOM_HINT, suggestions: [key.slice(1)] };
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

/** Settings whose file value is checked but never shown: `postgres -C` prints their default. */
const SESSION_ONLY = new Set(['transaction_isolation', 'transaction_read_only', 'transaction_deferrable']);

/**
 * Judges one setting as PostgreSQL's ProcessConfigFile does for `major`: name lookup (dotted names are custom
 * placeholders), internal parameters, type checks with units and ranges, and the check hooks we model.
 * `other` gives the numbers of other parameters, `prior` the values earlier lines applied (for hooks that
 * read them).
 */
export function judgeSetting(catalog: Catalog, major: Major, name: string, value: string, other?: OtherValue, prior?: PriorSetting): SettingVerdict {
  const param = catalog.get(name, major);
  if (!param) {
    if (name.includes('.')) return { accepted: true, canonical: value };
    const verdict = unknownName(catalog, major, name);
    const removed = REMOVED_BEFORE_13[name.toLowerCase()];
    if (removed?.rename) verdict.rename = removed.rename(value);
    return verdict;
  }
  // PostgreSQL 18 names a known parameter by its own name in every message; before, mostly as written.
  const shown = major >= 18 ? param.name : name;
  if (param.context === 'internal') {
    return {
      accepted: false,
      code: CODES.internalParameter,
      message: `parameter "${shown}" cannot be changed`,
      hint: 'It is fixed when PostgreSQL is built or initdb runs; remove the line.',
    };
  }
  const key = param.name.toLowerCase();
  const verdict = param.vartype === 'string' ? checkStringValue(param.name, value, major, prior) : checkTypedValue(key, param, value, major);
  if (!verdict.ok) {
    // Check hooks (every string check is one) always use the parameter's own name; parse errors use `shown`.
    const message = param.vartype === 'string' ? verdict.message : verdict.message.replace(`"${key}"`, `"${shown}"`);
    return { accepted: false, code: verdict.code, message, hint: verdict.hint, suggestions: verdict.suggestions };
  }
  if (SESSION_ONLY.has(key)) return { accepted: true, canonical: param.bootVal };
  if (param.vartype === 'integer') {
    const hooked = runNumericHook(key, Number(verdict.canonical), major, other ?? defaultNumber(catalog, major));
    if (!hooked.ok) return { accepted: false, code: hooked.code, message: hooked.message, hint: hooked.hint };
    return { accepted: true, canonical: hooked.canonical };
  }
  return { accepted: true, canonical: verdict.canonical };
}

interface JudgedEntry {
  major: Major;
  name: string;
  value: string;
  verdict: SettingVerdict;
  /** What the verdict read (numbers of other parameters, earlier lines' values): a hit must see the same. */
  reads: Read[];
}

interface Read {
  name: string;
  kind: 'number' | 'prior';
  seen: number | string | undefined;
}

/**
 * judgeSetting with memory: an edit changes one line, so every other line is judged as before. Entries are
 * keyed by the setting node when the parse is re-used (no key strings to build), else by major, name and
 * value. A verdict that read other parameters is re-used only while they keep their values. Verdicts are
 * shared: callers must not modify them.
 */
const MAX_TEXT_ENTRIES = 20_000;
/** Keys and values kept by text, in (UTF-16) bytes. */
const MAX_TEXT_BYTES = 8 * 1024 * 1024;

export class SettingJudge {
  private readonly byNode = new WeakMap<object, JudgedEntry>();
  /** major → name → value → entry: nested maps, so a lookup builds no key string. */
  private byText = new Map<Major, Map<string, Map<string, JudgedEntry>>>();
  private textEntries = 0;
  private textBytes = 0;

  constructor(private readonly catalog: Catalog) {}

  judge(major: Major, name: string, value: string, other?: OtherValue, node?: object, prior?: PriorSetting): SettingVerdict {
    const fromNode = node ? this.byNode.get(node) : undefined;
    const hit = fromNode && fromNode.major === major && fromNode.name === name && fromNode.value === value ? fromNode : this.byText.get(major)?.get(name)?.get(value);
    if (hit && (hit.reads.length === 0 || this.sameReads(hit, major, other, prior))) {
      if (node && hit !== fromNode) this.byNode.set(node, hit);
      return hit.verdict;
    }
    const lookup = other ?? defaultNumber(this.catalog, major);
    const reads: Read[] = [];
    const recording: OtherValue = (n) => {
      const seen = lookup(n);
      reads.push({ name: n, kind: 'number', seen });
      return seen;
    };
    const recordingPrior: PriorSetting = (n) => {
      const seen = prior?.(n);
      reads.push({ name: n, kind: 'prior', seen });
      return seen;
    };
    const verdict = judgeSetting(this.catalog, major, name, value, recording, recordingPrior);
    const entry: JudgedEntry = { major, name, value, verdict, reads };
    this.remember(entry);
    if (node) this.byNode.set(node, entry);
    return entry.verdict;
  }

  private sameReads(entry: JudgedEntry, major: Major, other: OtherValue | undefined, prior: PriorSetting | undefined): boolean {
    const lookup = other ?? defaultNumber(this.catalog, major);
    return entry.reads.every((read) => Object.is(read.kind === 'number' ? lookup(read.name) : prior?.(read.name), read.seen));
  }

  private remember(entry: JudgedEntry): void {
    // Bounded by count and by bytes: typing makes a new value per keystroke, and one value may be megabytes long.
    const bytes = 2 * (entry.name.length + entry.value.length) + 64;
    if (++this.textEntries > MAX_TEXT_ENTRIES || this.textBytes + bytes > MAX_TEXT_BYTES) {
      this.byText = new Map();
      this.textEntries = 1;
      this.textBytes = 0;
    }
    this.textBytes += bytes;
    let names = this.byText.get(entry.major);
    if (!names) this.byText.set(entry.major, (names = new Map()));
    let values = names.get(entry.name);
    if (!values) names.set(entry.name, (values = new Map()));
    values.set(entry.value, entry);
  }
}
