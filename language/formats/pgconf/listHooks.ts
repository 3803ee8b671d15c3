import type { Major } from '../../catalog/types';
import { forMajor, hintOf, invalid, ok } from './hookVerdicts';
import { splitIdentifiers } from './identifierList';
import { readStringFacts } from './stringFacts';
import type { ValueVerdict } from './values';

/**
 * The check hooks of list-like and keyword string parameters: DateStyle, client_encoding,
 * restrict_nonsystem_relation_kind, wal_consistency_checking, backtrace_functions and debug_io_direct.
 */

const LIST_SYNTAX = 'List syntax is invalid.';
const unrecognized = (word: string) => `Unrecognized key word: "${word}".`;

type Style = 'ISO' | 'SQL' | 'Postgres' | 'German';
type Order = 'MDY' | 'DMY' | 'YMD';

interface DateStyleParse {
  style: Style;
  order: Order;
  error?: string;
}

/** The style and order one DateStyle word names (prefix words as PostgreSQL matches them). */
function dateStyleWord(word: string): { style?: Style; order?: Order; isDefault?: boolean } | undefined {
  const lower = word.toLowerCase();
  if (lower === 'iso') return { style: 'ISO' };
  if (lower === 'sql') return { style: 'SQL' };
  if (lower.startsWith('postgres')) return { style: 'Postgres' };
  if (lower === 'german') return { style: 'German' };
  if (lower === 'ymd') return { order: 'YMD' };
  if (lower === 'dmy' || lower.startsWith('euro')) return { order: 'DMY' };
  if (lower === 'mdy' || lower === 'us' || lower.startsWith('noneuro')) return { order: 'MDY' };
  if (lower === 'default') return { isDefault: true };
  return undefined;
}

/** check_datestyle: output style words and field order words, starting from the built-in ISO, MDY. */
export function parseDateStyle(value: string, major: Major): DateStyleParse {
  const parsed: DateStyleParse = { style: 'ISO', order: 'MDY' };
  const words = splitIdentifiers(value);
  if (!words) return { ...parsed, error: LIST_SYNTAX };
  let haveStyle = false;
  let haveOrder = false;
  let conflict = false;
  for (const word of words) {
    const meaning = dateStyleWord(word);
    if (!meaning) return { ...parsed, error: unrecognized(word) };
    if (meaning.isDefault) {
      // The reset value, ISO, MDY, fills in what no word has chosen yet (German's implied DMY included).
      if (!haveStyle) parsed.style = 'ISO';
      if (!haveOrder) parsed.order = 'MDY';
      continue;
    }
    if (meaning.style) {
      conflict ||= haveStyle && parsed.style !== meaning.style;
      parsed.style = meaning.style;
      haveStyle = true;
      if (meaning.style === 'German' && !haveOrder) parsed.order = 'DMY';
    }
    if (meaning.order) {
      conflict ||= haveOrder && parsed.order !== meaning.order;
      parsed.order = meaning.order;
      haveOrder = true;
    }
  }
  if (conflict) return { ...parsed, error: `Conflicting "${forMajor(major, { 13: 'datestyle', 18: 'DateStyle' })}" specifications.` };
  return parsed;
}

function checkDateStyle(name: string, value: string, major: Major): ValueVerdict {
  const parsed = parseDateStyle(value, major);
  if (parsed.error) return invalid(name, value, hintOf(parsed.error, 'Write one output style (ISO, SQL, Postgres, German) and/or one field order (MDY, DMY, YMD).'));
  return ok(`${parsed.style}, ${parsed.order}`);
}

/** clean_encoding_name: PostgreSQL looks encodings up by their letters and digits only, in lower case. */
export const encodingKey = (name: string): string => name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();

function checkClientEncoding(name: string, value: string, major: Major): ValueVerdict {
  const facts = readStringFacts(major);
  if (!facts) return ok(value);
  const canonical = value !== '' && Buffer.byteLength(value) < 64 ? facts.encodings.get(encodingKey(value)) : undefined;
  if (canonical === undefined) return invalid(name, value, 'Use an encoding name such as UTF8, LATIN1 or WIN1252.');
  // PostgreSQL stores the canonical name, except that it keeps the spelling UNICODE for old drivers.
  return ok(value === 'UNICODE' ? value : canonical);
}

function checkRelationKinds(name: string, value: string): ValueVerdict {
  const words = splitIdentifiers(value);
  if (!words) return invalid(name, value, LIST_SYNTAX);
  const bad = words.find((word) => !['view', 'foreign-table'].includes(word.toLowerCase()));
  return bad === undefined ? ok(value) : invalid(name, value, hintOf(unrecognized(bad), 'Use view, foreign-table or both.'));
}

/**
 * check_wal_consistency_checking: resource managers that can mask pages, or all. From 15 on, a name the
 * server does not know is left for later at startup (an extension loaded then may register it).
 */
function checkWalConsistency(name: string, value: string, major: Major): ValueVerdict {
  const words = splitIdentifiers(value);
  if (!words) return invalid(name, value, LIST_SYNTAX);
  const facts = readStringFacts(major);
  if (major >= 15 || !facts) return ok(value);
  const known = new Set(['all', ...facts.walConsistencyNames.map((rm) => rm.toLowerCase())]);
  const bad = words.find((word) => !known.has(word.toLowerCase()));
  return bad === undefined ? ok(value) : invalid(name, value, hintOf(unrecognized(bad), `Use all or some of ${facts.walConsistencyNames.join(', ')}.`));
}

function checkBacktraceFunctions(name: string, value: string, major: Major): ValueVerdict {
  if (/^[0-9_a-zA-Z, \n\t]*$/.test(value)) return ok(value);
  const detail = forMajor(major, { 13: 'invalid character', 17: 'Invalid character', 18: 'Invalid character.' });
  return invalid(name, value, hintOf(detail, 'Write C function names separated by commas.'));
}

function checkDebugIoDirect(name: string, value: string, major: Major): ValueVerdict {
  const items = splitIdentifiers(value, ',', false);
  const dot = major >= 18 ? '.' : '';
  if (!items) {
    const wording = forMajor(major, { 13: 'invalid', 17: 'Invalid' });
    return invalid(name, value, `${wording} list syntax in parameter "debug_io_direct"${dot}`);
  }
  const bad = items.find((item) => !['data', 'wal', 'wal_init'].includes(item.toLowerCase()));
  if (bad === undefined) return ok(value);
  const wording = forMajor(major, { 13: 'invalid', 17: 'Invalid' });
  return invalid(name, value, hintOf(`${wording} option "${bad}"${dot}`, 'Use data, wal, wal_init or a list of them.'));
}

export const LIST_HOOKS: Record<string, (name: string, value: string, major: Major) => ValueVerdict> = {
  datestyle: checkDateStyle,
  client_encoding: checkClientEncoding,
  restrict_nonsystem_relation_kind: checkRelationKinds,
  wal_consistency_checking: checkWalConsistency,
  backtrace_functions: checkBacktraceFunctions,
  debug_io_direct: checkDebugIoDirect,
};
