/**
 * The parts of an interval while PostgreSQL reads it (pg_itm_in): years and months apart, days, and
 * microseconds, each added with the overflow checks of its integer type.
 */
import { rint } from './cNumbers';

const INT_MAX = 2147483647;
/** Largest int64, as the nearest double (2^63). */
const INT64_MAX = 2 ** 63;
const DAY_MICROS = 86_400_000_000;
const MICROS = { us: 1, ms: 1e3, s: 1e6, min: 6e7, h: 3.6e9 } as const;

/** A part went past its integer type (DTERR_FIELD_OVERFLOW). */
export class FieldOverflow extends Error {}

/** The parts while reading: years and months are kept apart until the end, like pg_itm_in. */
export interface Span {
  years: number;
  months: number;
  days: number;
  micros: number;
}

export function int32(value: number): number {
  if (!Number.isFinite(value) || value > INT_MAX || value < -INT_MAX - 1) throw new FieldOverflow();
  return value;
}

function addMicros(span: Span, value: number): void {
  span.micros += value;
  if (!Number.isFinite(span.micros) || Math.abs(span.micros) > INT64_MAX) throw new FieldOverflow();
}

/** AdjustFractMicroseconds: a fraction of `scale` microseconds, rounded. */
export const addFractMicros = (span: Span, fraction: number, scale: number) => fraction && addMicros(span, rint(fraction * scale));

/** AdjustFractDays: whole days first, the rest as microseconds. */
export function addFractDays(span: Span, fraction: number, scale: number): void {
  if (!fraction) return;
  const days = fraction * scale;
  span.days = int32(span.days + Math.trunc(days));
  addFractMicros(span, days - Math.trunc(days), DAY_MICROS);
}

/** AdjustYears plus AdjustFractYears (the fraction becomes months). */
export function addYears(span: Span, whole: number, fraction: number, scale: number): void {
  span.years = int32(span.years + int32(int32(whole) * scale));
  span.months = int32(span.months + rint(fraction * scale * 12));
}

export function addWhole(span: Span, unit: 'us' | 'ms' | 's' | 'min' | 'h' | 'd' | 'w' | 'mon', whole: number): void {
  if (unit === 'd' || unit === 'w') span.days = int32(span.days + int32(int32(whole) * (unit === 'w' ? 7 : 1)));
  else if (unit === 'mon') span.months = int32(span.months + int32(whole));
  else addMicros(span, whole * MICROS[unit]);
}

