/**
 * The field readers of PostgreSQL's timestamp input: plain and run-together numbers, dates with
 * separators, times, numeric zones, the final date validation and the Julian day arithmetic. Each
 * returns an error kind (the DTERR codes) or fills the broken-down time.
 */
import type { Major } from '../../catalog/types';
import { rint } from './cNumbers';
import { monthOf } from './dateTimeTokens';

export type DateError = 'format' | 'field' | 'mdField' | 'tzDisp' | 'timezone';
export type Order = 'MDY' | 'DMY' | 'YMD';

/** Field bits (DTK_M of datetime.h) that say which parts a value has set. */
export const BIT = {
  reserved: 1 << 0, month: 1 << 1, year: 1 << 2, day: 1 << 3, tz: 1 << 5, dtz: 1 << 6, dyntz: 1 << 7,
  ampm: 1 << 9, hour: 1 << 10, minute: 1 << 11, second: 1 << 12, millisecond: 1 << 13, microsecond: 1 << 14,
  doy: 1 << 15, dow: 1 << 16, adbc: 1 << 18, dtzmod: 1 << 28,
} as const;
export const DATE_BITS = BIT.year | BIT.month | BIT.day;
export const TIME_BITS = BIT.hour | BIT.minute | BIT.second | BIT.millisecond | BIT.microsecond;

/** The broken-down time being filled in (struct pg_tm plus fractional seconds). */
export interface Tm {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
  fsec: number;
  yday: number;
}

export interface FieldState {
  tm: Tm;
  is2digits: boolean;
  order: Order;
  major: Major;
}

const INT_MAX = 2147483647;

/** strtoint(s, &end, 10): leading spaces and sign, digits; `range` when past int. */
export function strtoint(s: string): { value: number; end: number; range: boolean } {
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(s);
  if (!match) return { value: 0, end: 0, range: false };
  const value = Number(match[1] + match[2]);
  return { value, end: match[0].length, range: value > INT_MAX || value < -INT_MAX - 1 };
}

/** ParseFraction: '.' then digits only; the value in 0..1. A lone '.' reads as zero from 15 on. */
export function parseFraction(text: string, major: Major): number | undefined {
  if (text === '.') return major >= 15 ? 0 : undefined;
  return /^\.\d+$/.test(text) ? Number(`0${text}`) : undefined;
}

export const fractionToMicros = (fraction: number): number => rint(fraction * 1e6);

export function dateToJulian(year: number, month: number, day: number): number {
  let y = year;
  let m = month;
  if (m > 2) {
    m += 1;
    y += 4800;
  } else {
    m += 13;
    y += 4799;
  }
  const century = Math.trunc(y / 100);
  return y * 365 - 32167 + Math.trunc(y / 4) - century + Math.trunc(century / 4) + Math.trunc((7834 * m) / 256) + day;
}

export function julianToDate(jd: number): { year: number; month: number; day: number } {
  let julian = (jd + 32044) >>> 0;
  let quad = Math.floor(julian / 146097);
  const extra = ((julian - quad * 146097) * 4 + 3) >>> 0;
  julian = (julian + 60 + quad * 3 + Math.floor(extra / 146097)) >>> 0;
  quad = Math.floor(julian / 1461);
  julian -= quad * 1461;
  let y = Math.floor((julian * 4) / 1461);
  julian = (y !== 0 ? (julian + 305) % 365 : (julian + 306) % 366) + 123;
  y += quad * 4;
  quad = Math.floor((julian * 2141) / 65536);
  return { year: y - 4800, day: julian - Math.floor((7834 * quad) / 256), month: ((quad + 10) % 12) + 1 };
}

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** ValidateDate: year eras and two-digit years, day of year, month and day ranges. */
export function validateDate(fmask: number, isJulian: boolean, is2digits: boolean, bc: boolean, tm: Tm): DateError | undefined {
  if (fmask & BIT.year && !isJulian) {
    if (bc) {
      if (tm.year <= 0) return 'field';
      tm.year = -(tm.year - 1);
    } else if (is2digits) {
      if (tm.year < 0) return 'field';
      if (tm.year < 70) tm.year += 2000;
      else if (tm.year < 100) tm.year += 1900;
    } else if (tm.year <= 0) return 'field';
  }
  if (fmask & BIT.doy) Object.assign(tm, renameDate(julianToDate(dateToJulian(tm.year, 1, 1) + tm.yday - 1)));
  if (fmask & BIT.month && (tm.mon < 1 || tm.mon > 12)) return 'mdField';
  if (fmask & BIT.day && (tm.mday < 1 || tm.mday > 31)) return 'mdField';
  if ((fmask & DATE_BITS) === DATE_BITS) {
    const days = tm.mon === 2 && isLeap(tm.year) ? 29 : DAYS_IN_MONTH[tm.mon - 1];
    if (tm.mday > days) return 'field';
  }
  return undefined;
}

const renameDate = (d: { year: number; month: number; day: number }) => ({ year: d.year, mon: d.month, mday: d.day });

export interface Decoded {
  error?: DateError;
  /** Bits of the fields this one set. */
  mask: number;
}

/** DecodeNumberField: run-together yyyymmdd / yymmdd dates and hhmmss / hhmm times, with a fraction. */
export function decodeNumberField(text: string, fmask: number, state: FieldState): Decoded & { kind?: 'date' | 'time' } {
  if (!/^[0-9.]*$/.test(text)) return { error: 'format', mask: 0 };
  const tm = state.tm;
  let digits = text;
  const dot = text.indexOf('.');
  if (dot >= 0) {
    const fraction = parseFraction(text.slice(dot), state.major);
    if (fraction === undefined) return { error: 'format', mask: 0 };
    tm.fsec = fractionToMicros(fraction);
    digits = text.slice(0, dot);
  } else if ((fmask & DATE_BITS) !== DATE_BITS && digits.length >= 6) {
    const n = digits.length;
    tm.mday = Number(digits.slice(n - 2));
    tm.mon = Number(digits.slice(n - 4, n - 2));
    tm.year = Number(digits.slice(0, n - 4)) || 0;
    if (n - 4 === 2) state.is2digits = true;
    return { mask: DATE_BITS, kind: 'date' };
  }
  if ((fmask & TIME_BITS) !== TIME_BITS && (digits.length === 6 || digits.length === 4)) {
    tm.hour = Number(digits.slice(0, 2));
    tm.min = Number(digits.slice(2, 4));
    tm.sec = digits.length === 6 ? Number(digits.slice(4, 6)) : 0;
    return { mask: TIME_BITS, kind: 'time' };
  }
  return { error: 'format', mask: 0 };
}

/** Where a lone number goes, from what the value already has (DecodeNumber's switch). */
function placeNumber(text: string, value: number, fmask: number, haveTextMonth: boolean, state: FieldState): Decoded {
  const tm = state.tm;
  const long = text.length >= 3;
  switch (fmask & DATE_BITS) {
    case 0:
      if (long || state.order === 'YMD') return (tm.year = value), { mask: BIT.year };
      if (state.order === 'DMY') return (tm.mday = value), { mask: BIT.day };
      return (tm.mon = value), { mask: BIT.month };
    case BIT.year:
      return (tm.mon = value), { mask: BIT.month };
    case BIT.month:
      if (haveTextMonth && (long || state.order === 'YMD')) return (tm.year = value), { mask: BIT.year };
      return (tm.mday = value), { mask: BIT.day };
    case BIT.year | BIT.month:
      if (haveTextMonth && long && state.is2digits) {
        tm.mday = tm.year;
        tm.year = value;
        state.is2digits = false;
      } else tm.mday = value;
      return { mask: BIT.day };
    case BIT.day:
      return (tm.mon = value), { mask: BIT.month };
    case BIT.month | BIT.day:
      return (tm.year = value), { mask: BIT.year };
    case DATE_BITS: {
      const field = decodeNumberField(text, fmask, state);
      return field.error ? field : { mask: field.mask };
    }
    default:
      return { error: 'format', mask: 0 };
  }
}

/** DecodeNumber: a plain number read in context (year, month, day, day of year, or a run-together field). */
export function decodeNumber(text: string, fmask: number, haveTextMonth: boolean, state: FieldState): Decoded {
  const parsed = strtoint(text);
  if (parsed.range) return { error: 'field', mask: 0 };
  if (parsed.end === 0) return { error: 'format', mask: 0 };
  const rest = text.slice(parsed.end);
  if (rest.startsWith('.')) {
    if (parsed.end > 2) {
      const field = decodeNumberField(text, fmask | DATE_BITS, state);
      return field.error ? field : { mask: field.mask };
    }
    const fraction = parseFraction(rest, state.major);
    if (fraction === undefined) return { error: 'format', mask: 0 };
    state.tm.fsec = fractionToMicros(fraction);
  } else if (rest !== '') return { error: 'format', mask: 0 };
  if (text.length === 3 && (fmask & DATE_BITS) === BIT.year && parsed.value >= 1 && parsed.value <= 366) {
    state.tm.yday = parsed.value;
    return { mask: BIT.doy | BIT.month | BIT.day };
  }
  const placed = placeNumber(text, parsed.value, fmask, haveTextMonth, state);
  if (placed.mask === BIT.year && !placed.error) state.is2digits = text.length <= 2;
  return placed;
}

/** DecodeDate's split: letter runs and digit runs, each ending at (and eating) the next character. */
function dateParts(text: string): string[] | undefined {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length && parts.length < 25) {
    while (i < text.length && !/[A-Za-z0-9]/.test(text[i])) i++;
    if (i >= text.length) return undefined;
    const start = i;
    const run = /[0-9]/.test(text[i]) ? /[0-9]/ : /[A-Za-z]/;
    while (i < text.length && run.test(text[i])) i++;
    parts.push(text.slice(start, i));
    if (i < text.length) i++;
  }
  return parts;
}

/** DecodeDate: a date with separators, with an optional month name. */
export function decodeDate(text: string, outerMask: number, state: FieldState): Decoded {
  const parts = dateParts(text);
  if (!parts) return { error: 'format', mask: 0 };
  let fmask = outerMask;
  let mask = 0;
  let haveTextMonth = false;
  for (const part of parts.filter((p) => /^[a-z]/i.test(p))) {
    const word = part.toLowerCase();
    if (word === 'at' || word === 'on') continue;
    const month = monthOf(word);
    if (month === undefined || fmask & BIT.month) return { error: 'format', mask: 0 };
    state.tm.mon = month;
    haveTextMonth = true;
    fmask |= BIT.month;
    mask |= BIT.month;
  }
  for (const part of parts.filter((p) => /^[0-9]/.test(p))) {
    const decoded = decodeNumber(part, fmask, haveTextMonth, state);
    if (decoded.error) return decoded;
    if (fmask & decoded.mask) return { error: 'format', mask: 0 };
    fmask |= decoded.mask;
    mask |= decoded.mask;
  }
  if ((fmask & ~(BIT.doy | BIT.tz)) !== DATE_BITS) return { error: 'format', mask: 0 };
  return { mask };
}

/** DecodeTimeCommon for timestamps: h:m, h:m:s, m:s.f or h:m:s.f, each part in range. */
export function decodeTime(text: string, tm: Tm, major: Major): DateError | undefined {
  const hour = strtoint(text);
  if (hour.range) return 'field';
  let rest = text.slice(hour.end);
  if (!rest.startsWith(':')) return 'format';
  const min = strtoint(rest.slice(1));
  if (min.range) return 'field';
  rest = rest.slice(1 + min.end);
  let [h, m, sec, fsec] = [hour.value, min.value, 0, 0];
  if (rest.startsWith('.')) {
    // mm:ss.fff
    const fraction = parseFraction(rest, major);
    if (fraction === undefined) return 'format';
    [h, m, sec, fsec] = [0, hour.value, min.value, fractionToMicros(fraction)];
  } else if (rest.startsWith(':')) {
    const second = strtoint(rest.slice(1));
    if (second.range) return 'field';
    sec = second.value;
    rest = rest.slice(1 + second.end);
    if (rest.startsWith('.')) {
      const fraction = parseFraction(rest, major);
      if (fraction === undefined) return 'format';
      fsec = fractionToMicros(fraction);
    } else if (rest !== '') return 'format';
  } else if (rest !== '') return 'format';
  if (h < 0 || m < 0 || m > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > 1e6) return 'field';
  Object.assign(tm, { hour: h, min: m, sec, fsec });
  return undefined;
}

/** time_overflows: each part in range and the whole at most 24:00:00. */
export function timeOverflows(tm: Tm): boolean {
  if (tm.hour < 0 || tm.hour > 24 || tm.min < 0 || tm.min >= 60 || tm.sec < 0 || tm.sec > 60 || tm.fsec < 0 || tm.fsec > 1e6) return true;
  return ((tm.hour * 60 + tm.min) * 60 + tm.sec) * 1e6 + tm.fsec > 86_400_000_000;
}

/** DecodeTimezone: +hh, +hhmm, +hh:mm or +hh:mm:ss; seconds west of UTC, as PostgreSQL keeps them. */
export function decodeTimezone(text: string): { error?: DateError; west: number } {
  if (text[0] !== '+' && text[0] !== '-') return { error: 'format', west: 0 };
  const hours = strtoint(text.slice(1));
  if (hours.range) return { error: 'tzDisp', west: 0 };
  let rest = text.slice(1 + hours.end);
  let [hr, min, sec] = [hours.value, 0, 0];
  if (rest.startsWith(':')) {
    const minutes = strtoint(rest.slice(1));
    if (minutes.range) return { error: 'tzDisp', west: 0 };
    min = minutes.value;
    rest = rest.slice(1 + minutes.end);
    if (rest.startsWith(':')) {
      const seconds = strtoint(rest.slice(1));
      if (seconds.range) return { error: 'tzDisp', west: 0 };
      sec = seconds.value;
      rest = rest.slice(1 + seconds.end);
    }
  } else if (rest === '' && text.length > 3) {
    min = hr % 100;
    hr = Math.trunc(hr / 100);
  }
  if (hr < 0 || hr > 15 || min < 0 || min >= 60 || sec < 0 || sec >= 60) return { error: 'tzDisp', west: 0 };
  const east = ((hr * 60 + min) * 60 + sec) * (text[0] === '-' ? -1 : 1);
  return rest === '' ? { west: -east } : { error: 'format', west: -east };
}
