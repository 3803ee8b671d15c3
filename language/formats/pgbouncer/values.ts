/**
 * PgBouncer's value readers, as the program runs them (libusual cfparser): integers through C strtol with base 0
 * (0x… hexadecimal, a leading 0 octal, nothing left over; a number too large is still taken), durations through
 * strtod (no units, not negative, not out of double range), enums by name in any case, text as is.
 */
import type { SettingFacts } from '../../catalog/poolerCatalog';

const C_INTEGER = /^[ \t\n\v\f\r]*[+-]?(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;
const C_DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const C_HEX_FLOAT = /^[+-]?0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?$/;
const C_SPECIAL = /^[+-]?(?:inf|infinity|nan(?:\([0-9A-Za-z_]*\))?)$/i;
const DBL_MIN = 2.2250738585072014e-308;

/** Whether strtol(value, &end, 0) reads the whole value. */
export function cInteger(value: string): boolean {
  return C_INTEGER.test(value);
}

/** The number C strtol(…, 0) reads (NaN when it does not read the whole value). */
export function cIntegerValue(value: string): number {
  if (!cInteger(value)) return NaN;
  const trimmed = value.trim();
  const negative = trimmed.startsWith('-');
  const digits = trimmed.replace(/^[+-]/, '');
  const parsed = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits.startsWith('0') ? parseInt(digits, 8) : parseInt(digits, 10);
  return negative ? -parsed : parsed;
}

function hexFloat(text: string): number {
  const match = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)(?:[pP]([+-]?\d+))?$/.exec(text)!;
  const whole = match[2] ? parseInt(match[2], 16) : 0;
  const fraction = match[3] ? parseInt(match[3], 16) / 16 ** match[3].length : 0;
  const value = (whole + fraction) * 2 ** Number(match[4] ?? 0);
  return match[1] === '-' ? -value : value;
}

/** The double strtod reads from the whole value, or undefined when it stops early or reports a range error. */
export function cDouble(value: string): number | undefined {
  const text = value.replace(/^[ \t\n\v\f\r]+/, '');
  if (C_SPECIAL.test(text)) return /nan/i.test(text) ? (text.startsWith('-') ? -0 : NaN) : text.startsWith('-') ? -Infinity : Infinity;
  const isHex = C_HEX_FLOAT.test(text);
  if (!isHex && !C_DECIMAL.test(text)) return undefined;
  const number = isHex ? hexFloat(text) : Number(text);
  // ERANGE: overflow to infinity, or a non-zero literal that underflows below the smallest normal double.
  if (!Number.isFinite(number)) return undefined;
  const mantissaNonZero = /[1-9a-fA-F]/.test(text.replace(/^[+-]?0[xX]/, '').replace(/[eEpP].*$/, ''));
  if (mantissaNonZero && Math.abs(number) < DBL_MIN) return undefined;
  return number;
}

/** Whether a duration value loads: strtod reads all of it and it is not negative (-0 and -nan are taken). */
export function cDuration(value: string): boolean {
  const number = cDouble(value);
  return number !== undefined && !(number < 0);
}

/** Whether PgBouncer takes a value for a [pgbouncer] setting of these facts. */
export function acceptsValue(facts: SettingFacts, value: string): boolean {
  switch (facts.type) {
    case 'int':
    case 'bool':
      return cInteger(value);
    case 'real':
      return cDuration(value);
    case 'enum':
      return (facts.values ?? []).some((candidate) => candidate.toLowerCase() === value.toLowerCase());
    default:
      return true;
  }
}

/** C atoi: the leading integer of a value, 0 when there is none. */
export function cAtoi(value: string): number {
  const match = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(value);
  return match ? Number(match[1]) | 0 : 0;
}
