/**
 * PgBouncer's value readers, as the program runs them (libusual cfparser): integers through C strtol with base 0
 * (0x… hexadecimal, a leading 0 octal, nothing left over; a number too large is still taken), durations through
 * strtod (no units, not negative, not out of double range), enums by name in any case, text as is.
 */
import type { SettingFacts } from '../../catalog/poolerCatalog';
import { strtod, strtol0, type CNumber } from '../pgconf/cNumbers';

/** Whether a C routine read the whole value. */
const whole = (read: CNumber, value: string) => read.end > 0 && read.end === value.length;

/** Whether strtol(value, &end, 0) reads the whole value. */
export function cInteger(value: string): boolean {
  return whole(strtol0(value), value);
}

/** The number C strtol(…, 0) reads (NaN when it does not read the whole value). */
export function cIntegerValue(value: string): number {
  const read = strtol0(value);
  return whole(read, value) ? read.value : NaN;
}

/** The double strtod reads from the whole value, or undefined when it stops early or reports a range error. */
export function cDouble(value: string): number | undefined {
  const read = strtod(value);
  return whole(read, value) && !read.range ? read.value : undefined;
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
