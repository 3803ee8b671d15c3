/**
 * PostgreSQL's interval input (interval_in), as check_timezone uses it for TimeZone = 'INTERVAL ''...''':
 * numbers with units read right to left, hh:mm:ss times, years-months, "ago", ISO 8601 "P…" forms and,
 * from 17 on, infinity. Only the parts check_timezone looks at are kept: months, days and microseconds.
 */
import type { Major } from '../../catalog/types';
import { decodeTime, parseFraction, strtoint, type Tm } from './dateTimeFields';
import { dateKeyword, parseDateTime, type Field } from './dateTimeTokens';
import { decodeIsoInterval } from './intervalIso';
import { addFractDays, addFractMicros, addWhole, addYears, FieldOverflow, type Span } from './intervalSpan';

export interface IntervalValue {
  months: number;
  days: number;
  micros: number;
}

/** The interval, or the message of the error PostgreSQL raises for the text. */
export type IntervalResult = { ok: true; value: IntervalValue } | { ok: false; message: string };

type Unit = 'us' | 'ms' | 's' | 'min' | 'h' | 'd' | 'w' | 'mon' | 'y' | 'decade' | 'century' | 'millennium';

/** deltatktbl: unit words (matched on their first ten letters, like PostgreSQL's table). */
const UNITS: Record<string, Unit | 'ago' | 'other'> = {
  ago: 'ago', c: 'century', cent: 'century', centuries: 'century', century: 'century', d: 'd', day: 'd', days: 'd',
  dec: 'decade', decade: 'decade', decades: 'decade', decs: 'decade', h: 'h', hour: 'h', hours: 'h', hr: 'h', hrs: 'h',
  m: 'min', microsecon: 'us', mil: 'millennium', millennia: 'millennium', millennium: 'millennium', millisecon: 'ms',
  mils: 'millennium', min: 'min', mins: 'min', minute: 'min', minutes: 'min', mon: 'mon', mons: 'mon', month: 'mon',
  months: 'mon', ms: 'ms', msec: 'ms', mseconds: 'ms', msecs: 'ms', qtr: 'other', quarter: 'other', s: 's', sec: 's',
  second: 's', seconds: 's', secs: 's', timezone: 'other', us: 'us', usec: 'us', useconds: 'us', usecs: 'us', w: 'w',
  week: 'w', weeks: 'w', y: 'y', year: 'y', years: 'y', yr: 'y', yrs: 'y',
};
const MICROS: Partial<Record<Unit, number>> = { us: 1, ms: 1e3, s: 1e6, min: 6e7, h: 3.6e9 };
const YEARS: Partial<Record<Unit, number>> = { y: 1, decade: 10, century: 100, millennium: 1000 };
const INT_MAX = 2147483647;
/** Largest int64, as the nearest double (2^63). */
const INT64_MAX = 2 ** 63;
const DAY_MICROS = 86_400_000_000;

/** A number of `unit`, with its fraction carried into the smaller parts the way PostgreSQL spreads it. */
function addAmount(span: Span, unit: Unit, whole: number, fraction: number): void {
  const years = YEARS[unit];
  if (years !== undefined) return addYears(span, whole, fraction, years);
  addWhole(span, unit as 'd', whole);
  if (MICROS[unit] !== undefined || unit === 'd') addFractMicros(span, fraction, MICROS[unit] ?? DAY_MICROS);
  else addFractDays(span, fraction, unit === 'w' ? 7 : 30);
}

const unitOf = (word: string, major: Major): Unit | 'ago' | 'other' | 'ignore' | 'infinity' | undefined => {
  const unit = UNITS[word.slice(0, 10)];
  if (unit || major < 17) return unit;
  // From 17 on, words of the timestamp table count too (at, on, mm, infinity).
  const keyword = dateKeyword(word, major);
  if (keyword?.kind === 'ignore') return 'ignore';
  if (keyword?.kind === 'units') return word === 'mm' ? 'min' : 'other';
  return keyword?.kind === 'reserved' && major >= 17 && word.endsWith('infinity') ? 'infinity' : undefined;
};

interface Walk {
  span: Span;
  /** The unit of the next number to the left; 'none' after "ago" (a number there is an error). */
  unit: Unit | 'none' | undefined;
  pendingUnit: boolean;
  mask: Set<string>;
  infinite: boolean;
  ago: boolean;
}

const useMasks = (walk: Walk, parts: string[]): boolean => parts.every((part) => !walk.mask.has(part) && walk.mask.add(part));

/** A time field (h:m[:s[.f]]), possibly signed: it replaces the microseconds read so far. */
function timeField(text: string, sign: number, walk: Walk, major: Major): boolean {
  const tm: Tm = { year: 0, mon: 0, mday: 0, hour: 0, min: 0, sec: 0, fsec: 0, yday: 0 };
  const error = decodeTime(text, tm, major);
  if (error === 'field' && sign === 0) throw new FieldOverflow();
  if (error) return false;
  walk.span.micros = (sign || 1) * (((tm.hour * 60 + tm.min) * 60 + tm.sec) * 1e6 + tm.fsec);
  walk.unit = 'd';
  walk.pendingUnit = false;
  return useMasks(walk, ['h', 'min', 's', 'ms', 'us']);
}

function numberField(field: Field, walk: Walk, major: Major): boolean {
  if (walk.unit === 'none') return false;
  const parsed = /^([+-]?\d+)(.*)$/.exec(field.text);
  if (!parsed) return false;
  const whole = Number(parsed[1]);
  // Before 15 the number had to fit an int, from 15 on an int64.
  if (Math.abs(whole) > (major < 15 ? INT_MAX : INT64_MAX)) throw new FieldOverflow();
  const negative = field.text.startsWith('-');
  let [target, amount, fraction]: [Unit, number, number] = [walk.unit ?? 's', whole, 0];
  if (parsed[2].startsWith('-')) {
    const months = strtoint(parsed[2].slice(1));
    if (months.range || months.value < 0 || months.value >= 12) throw new FieldOverflow();
    if (parsed[2].slice(1 + months.end) !== '') return false;
    [target, amount] = ['mon', whole * 12 + (negative ? -months.value : months.value)];
  } else if (parsed[2] !== '') {
    const value = parseFraction(parsed[2], major);
    if (value === undefined) return false;
    fraction = negative ? -value : value;
  }
  addAmount(walk.span, target, amount, fraction);
  walk.unit = target === 'h' ? 'd' : target;
  walk.pendingUnit = false;
  return useMasks(walk, target === 's' && fraction ? ['s', 'ms', 'us'] : [target]);
}

function wordField(field: Field, last: boolean, walk: Walk, major: Major): boolean {
  if (walk.pendingUnit) return false;
  const unit = unitOf(field.text, major);
  if (unit === 'ignore') return true;
  if (unit === 'infinity' && last) return (walk.infinite = true);
  if (unit === undefined || unit === 'other' || unit === 'infinity') return false;
  if (unit === 'ago') {
    walk.unit = 'none';
    walk.ago = true;
    return last;
  }
  walk.unit = unit;
  walk.pendingUnit = true;
  return true;
}

function readField(field: Field, last: boolean, walk: Walk, major: Major): boolean {
  if (field.type === 'time') return timeField(field.text, 0, walk, major);
  if (field.type === 'tz' && field.text.includes(':')) {
    // A signed time; if it does not read as one, it is read as a number (and fails on the colon).
    if (timeField(field.text.slice(1), field.text[0] === '-' ? -1 : 1, walk, major)) return true;
    return numberField(field, walk, major);
  }
  if (field.type === 'number' || field.type === 'date' || field.type === 'tz') return numberField(field, walk, major);
  return wordField(field, last, walk, major);
}

/** DecodeInterval (postgres interval style), right to left. Undefined on bad format. */
function decodeInterval(fields: Field[], major: Major): Span | 'infinite' | undefined {
  const walk: Walk = { span: { years: 0, months: 0, days: 0, micros: 0 }, unit: undefined, pendingUnit: false, mask: new Set(), infinite: false, ago: false };
  for (let i = fields.length - 1; i >= 0; i--) {
    const field = fields[i];
    if (walk.infinite && unitOf(field.text, major) !== 'ignore') return undefined;
    if (!readField(field, i === fields.length - 1, walk, major)) return undefined;
  }
  if (walk.infinite) return 'infinite';
  if (walk.mask.size === 0 || walk.pendingUnit) return undefined;
  const span = walk.span;
  return walk.ago ? { years: -span.years, months: -span.months, days: -span.days, micros: -span.micros } : span;
}

/** interval_in: the postgres format first, then ISO 8601; errors carry PostgreSQL's message. */
export function readInterval(text: string, major: Major): IntervalResult {
  try {
    const fields = parseDateTime(text, 256);
    const span = (fields && decodeInterval(fields, major)) || decodeIsoInterval(text);
    if (span === undefined) return { ok: false, message: `invalid input syntax for type interval: "${text}"` };
    if (span === 'infinite') return { ok: true, value: { months: INT_MAX, days: INT_MAX, micros: INT64_MAX } };
    const months = span.years * 12 + span.months;
    if (months > INT_MAX || months < -INT_MAX - 1) return { ok: false, message: 'interval out of range' };
    return { ok: true, value: { months, days: span.days, micros: span.micros } };
  } catch (error) {
    if (error instanceof FieldOverflow) return { ok: false, message: `interval field value out of range: "${text}"` };
    throw error;
  }
}
