import type { ParameterVariant } from '../../catalog/types';
import { formatG, isCSpace, rint, strtod, strtol0 } from './cNumbers';
import { CODES, type PgconfCode } from './codes';

/** What PostgreSQL's parse_and_validate_value makes of one value. */
export type ValueVerdict =
  | { ok: true; /** What `postgres -C name` prints. */ canonical: string }
  | { ok: false; code: PgconfCode; message: string; hint?: string; suggestions?: string[] };

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

interface UnitRow {
  unit: string;
  /** Size in the family's smallest unit (bytes, microseconds). */
  size: number;
}
// Ordered largest first, like PostgreSQL's conversion tables: "the next smaller unit" is the next row.
const MEMORY_UNITS: UnitRow[] = [
  { unit: 'TB', size: 2 ** 40 },
  { unit: 'GB', size: 2 ** 30 },
  { unit: 'MB', size: 2 ** 20 },
  { unit: 'kB', size: 2 ** 10 },
  { unit: 'B', size: 1 },
];
const TIME_UNITS: UnitRow[] = [
  { unit: 'd', size: 86_400_000_000 },
  { unit: 'h', size: 3_600_000_000 },
  { unit: 'min', size: 60_000_000 },
  { unit: 's', size: 1_000_000 },
  { unit: 'ms', size: 1_000 },
  { unit: 'us', size: 1 },
];
export const MEMORY_UNIT_NAMES = MEMORY_UNITS.map((u) => u.unit);
export const TIME_UNIT_NAMES = TIME_UNITS.map((u) => u.unit);
const MEMORY_HINT = 'Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".';
const TIME_HINT = 'Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".';

export interface BaseUnit {
  family: 'memory' | 'time';
  /** The parameter's unit in the family's smallest unit (8kB → 8192). */
  size: number;
}

/** The catalog's unit text ('8kB', 'kB', 'MB', 'B', 'ms', 's', 'min') as a base unit. */
export function baseUnitOf(unit: string | undefined): BaseUnit | undefined {
  if (!unit) return undefined;
  const match = /^(\d*)\s*([a-zA-Z]+)$/.exec(unit);
  if (!match) return undefined;
  const factor = match[1] ? Number(match[1]) : 1;
  const memory = MEMORY_UNITS.find((u) => u.unit === match[2]);
  if (memory) return { family: 'memory', size: memory.size * factor };
  const time = TIME_UNITS.find((u) => u.unit === match[2]);
  return time ? { family: 'time', size: time.size * factor } : undefined;
}

/** convert_to_base_unit: unit text must be ≤ 3 characters, then only spaces. */
function convertToBaseUnit(value: number, unitText: string, base: BaseUnit): number | undefined {
  let i = 0;
  let unit = '';
  while (i < unitText.length && !isCSpace(unitText[i]) && unit.length < 3) unit += unitText[i++];
  while (isCSpace(unitText[i])) i++;
  if (i < unitText.length) return undefined;
  const table = base.family === 'memory' ? MEMORY_UNITS : TIME_UNITS;
  const index = table.findIndex((row) => row.unit === unit);
  if (index < 0) return undefined;
  let converted = value * (table[index].size / base.size);
  const next = table[index + 1];
  // A fractional value is rounded to a whole number of the next smaller unit ("30.1GB" → MB precision).
  if (next) {
    const nextMultiplier = next.size / base.size;
    converted = rint(converted / nextMultiplier) * nextMultiplier;
  }
  return converted;
}

/** The unit the user probably meant, when only the letter case is wrong ('mb' → 'MB'). */
export function unitCaseFix(unitText: string, base: BaseUnit | undefined): string | undefined {
  if (!base) return undefined;
  const trimmed = unitText.trim();
  const names = base.family === 'memory' ? MEMORY_UNIT_NAMES : TIME_UNIT_NAMES;
  return names.find((name) => name.toLowerCase() === trimmed.toLowerCase() && name !== trimmed);
}

export type NumberParse = { ok: true; value: number } | { ok: false; hint?: string; unitText?: string };

export function parseNumberWithUnit(text: string, integer: boolean, base: BaseUnit | undefined): NumberParse {
  let parsed = integer ? strtol0(text) : strtod(text);
  if (integer) {
    const stop = text[parsed.end];
    if (stop === '.' || stop === 'e' || stop === 'E' || parsed.range) parsed = strtod(text);
  }
  if (parsed.end === 0 || parsed.range || Number.isNaN(parsed.value)) return { ok: false };
  let value = parsed.value;
  let i = parsed.end;
  while (isCSpace(text[i])) i++;
  if (i < text.length) {
    const unitText = text.slice(i);
    if (!base) return { ok: false, unitText };
    const converted = convertToBaseUnit(value, unitText, base);
    if (converted === undefined) return { ok: false, unitText, hint: base.family === 'memory' ? MEMORY_HINT : TIME_HINT };
    value = converted;
  }
  if (integer) {
    value = rint(value);
    if (value > INT_MAX || value < INT_MIN) return { ok: false, hint: 'Value exceeds integer range.' };
  }
  return { ok: true, value };
}

/** parse_bool: any case, and any unambiguous prefix of true/false/yes/no/on/off, or 1/0. */
export function parseBool(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  const prefixOf = (word: string, minLength = 1) => lower.length >= minLength && word.startsWith(lower);
  switch (lower[0]) {
    case 't':
      return prefixOf('true') ? true : undefined;
    case 'f':
      return prefixOf('false') ? false : undefined;
    case 'y':
      return prefixOf('yes') ? true : undefined;
    case 'n':
      return prefixOf('no') ? false : undefined;
    case 'o':
      // 'o' alone is ambiguous; 'of' already means off.
      if (prefixOf('on', 2)) return true;
      if (prefixOf('off', 2)) return false;
      return undefined;
    case '1':
      return lower.length === 1 ? true : undefined;
    case '0':
      return lower.length === 1 ? false : undefined;
    default:
      return undefined;
  }
}

/** Hidden or listed enum names whose stored value prints under another name. */
const ENUM_ALIASES: Record<string, Record<string, string>> = {
  wal_level: { archive: 'replica', hot_standby: 'replica' },
  wal_compression: { on: 'pglz', true: 'pglz', yes: 'pglz', '1': 'pglz', false: 'off', no: 'off', '0': 'off' },
  password_encryption: { on: 'md5', true: 'md5', yes: 'md5', '1': 'md5' },
  client_min_messages: { debug: 'debug2' },
  log_min_messages: { debug: 'debug2' },
  log_min_error_statement: { debug: 'debug2' },
  trace_recovery_messages: { debug: 'debug2' },
  icu_validation_level: { debug: 'debug2' },
};
const BOOL_ALIASES: Record<string, string> = { true: 'on', yes: 'on', '1': 'on', false: 'off', no: 'off', '0': 'off' };

function enumVerdict(name: string, param: ParameterVariant, value: string): ValueVerdict {
  const lower = value.toLowerCase();
  const listed = param.enumvals ?? [];
  const known = [...listed, ...(param.buildEnumvals ?? []), ...(param.hiddenEnumvals ?? [])];
  const match = known.find((v) => v.toLowerCase() === lower);
  if (match === undefined) {
    return {
      ok: false,
      code: CODES.invalidValue,
      message: `invalid value for parameter "${name}": "${value}"`,
      hint: `Available values: ${listed.join(', ')}.`,
      suggestions: listed,
    };
  }
  const alias = ENUM_ALIASES[name]?.[lower] ?? (listed.includes('on') ? BOOL_ALIASES[lower] : undefined);
  return { ok: true, canonical: alias ?? match };
}

function numericVerdict(name: string, param: ParameterVariant, value: string, major: number): ValueVerdict {
  const integer = param.vartype === 'integer';
  const base = baseUnitOf(param.unit);
  const parsed = parseNumberWithUnit(value, integer, base);
  if (!parsed.ok) {
    const caseFix = parsed.unitText !== undefined ? unitCaseFix(parsed.unitText, base) : undefined;
    const badUnit = parsed.unitText !== undefined && base !== undefined;
    return {
      ok: false,
      code: badUnit ? CODES.invalidUnit : CODES.invalidValue,
      message: `invalid value for parameter "${name}": "${value}"`,
      hint: parsed.hint ?? (parsed.unitText !== undefined && !base ? 'This parameter takes no unit.' : undefined),
      suggestions: caseFix ? [value.slice(0, value.length - parsed.unitText!.trimStart().length) + caseFix] : undefined,
    };
  }
  const min = param.min ?? -Infinity;
  const max = param.max ?? Infinity;
  if (parsed.value < min || parsed.value > max) {
    const show = integer ? (n: number) => String(n) : formatG;
    const unit = param.unit ? ` ${param.unit}` : '';
    // From 17 on, PostgreSQL prints the unit after the bounds too.
    const boundUnit = major >= 17 ? unit : '';
    return {
      ok: false,
      code: CODES.outOfRange,
      message: `${show(parsed.value)}${unit} is outside the valid range for parameter "${name}" (${show(min)}${boundUnit} .. ${show(max)}${boundUnit})`,
    };
  }
  return { ok: true, canonical: integer ? String(parsed.value === 0 ? 0 : parsed.value) : formatG(parsed.value) };
}

/** Checks a value as PostgreSQL does for a parameter of the catalog; strings are left to stringChecks. */
export function checkTypedValue(name: string, param: ParameterVariant, value: string, major = 17): ValueVerdict {
  switch (param.vartype) {
    case 'bool': {
      const parsed = parseBool(value);
      if (parsed === undefined) {
        return {
          ok: false,
          code: CODES.invalidValue,
          message: `parameter "${name}" requires a Boolean value`,
          suggestions: ['on', 'off'],
        };
      }
      // Builds for Linux (distribution packages, Docker images) have no Bonjour support.
      if (parsed && name === 'bonjour') return { ok: false, code: CODES.invalidValue, message: 'Bonjour is not supported by this build', suggestions: ['off'] };
      return { ok: true, canonical: parsed ? 'on' : 'off' };
    }
    case 'integer':
    case 'real':
      return numericVerdict(name, param, value, major);
    case 'enum':
      return enumVerdict(name, param, value);
    default:
      return { ok: true, canonical: value };
  }
}
