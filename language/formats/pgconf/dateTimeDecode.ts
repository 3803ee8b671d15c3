/**
 * DecodeDateTime: turns the fields of a timestamp into a date, a time and a zone the way PostgreSQL's
 * timestamp input does, with the same rules about which field may follow which.
 */
import type { Major } from '../../catalog/types';
import { BIT, DATE_BITS, TIME_BITS, dateToJulian, decodeDate, decodeNumber, decodeNumberField, decodeTime, decodeTimezone, fractionToMicros, julianToDate, parseFraction, strtoint, timeOverflows, validateDate, type DateError, type FieldState, type Order, type Tm } from './dateTimeFields';
import { dateKeyword, monthOf, type Field } from './dateTimeTokens';

export interface AbbrevMeaning {
  kind: 'TZ' | 'DTZ' | 'DYNTZ';
  /** Seconds east of UTC. */
  offset: number;
}

export interface DateContext {
  major: Major;
  order: Order;
  /** Whether pg_tzset loads this name (zone file, GMT or POSIX-style specification). */
  zoneExists(name: string): boolean;
  /** A zone abbreviation the server knows at this point, if any. */
  abbrev(lower: string): AbbrevMeaning | undefined;
}

export interface DecodedTimestamp {
  /** 'notDate' for special values (epoch, infinity) and time-only input. */
  error?: DateError | 'notDate';
  /** The unknown zone name, for the error older majors raise. */
  zone?: string;
  tm: Tm;
  /** Seconds west of UTC (0 when the zone's offset is not known to us). */
  west: number;
}

interface State extends FieldState {
  fmask: number;
  /** A units word ('j', 't', …) waiting for its number. */
  ptype: string;
  mer: 'HR24' | 'am' | 'pm';
  haveTextMonth: boolean;
  isJulian: boolean;
  bc: boolean;
  west: number;
  special?: string;
  /** A zone name or a dynamic abbreviation gave the zone (a "DST" word may not follow those). */
  namedZone: boolean;
}

type Step = { error?: DateError; zone?: string; mask: number; skip?: boolean };
const fail = (error: DateError, zone?: string): Step => ({ error, zone, mask: 0 });

/** A date field after the month and day are known: a run-together time with a zone, or a zone name. */
function dateAsZone(field: Field, state: State, ctx: DateContext): Step {
  if (/^[0-9]/.test(field.text) || state.ptype) {
    if (state.ptype && state.ptype !== 't') return fail('format');
    state.ptype = '';
    if ((state.fmask & TIME_BITS) === TIME_BITS) return fail('format');
    const dash = field.text.indexOf('-');
    if (dash < 0) return fail('format');
    const zone = decodeTimezone(field.text.slice(dash));
    if (zone.error) return fail(zone.error);
    state.west = zone.west;
    const time = decodeNumberField(field.text.slice(0, dash), state.fmask, state);
    return time.error ? fail(time.error) : { mask: time.mask | BIT.tz };
  }
  if (!ctx.zoneExists(field.text)) return fail('timezone', field.text);
  state.namedZone = true;
  return { mask: BIT.tz };
}

function onDate(field: Field, state: State, ctx: DateContext): Step {
  if (state.ptype === 'j') {
    const day = strtoint(field.text);
    if (day.range || day.value < 0) return fail('field');
    Object.assign(state.tm, renamed(julianToDate(day.value)));
    state.isJulian = true;
    const zone = decodeTimezone(field.text.slice(day.end));
    if (zone.error) return fail(zone.error);
    state.west = zone.west;
    state.ptype = '';
    return { mask: DATE_BITS | TIME_BITS | BIT.tz };
  }
  if (state.ptype || (state.fmask & (BIT.month | BIT.day)) === (BIT.month | BIT.day)) return dateAsZone(field, state, ctx);
  const date = decodeDate(field.text, state.fmask, state);
  return date.error ? fail(date.error) : { mask: date.mask };
}

const renamed = (d: { year: number; month: number; day: number }) => ({ year: d.year, mon: d.month, mday: d.day });

/** Before 16, a number after a unit letter (y, m, d, h, mm, s) sets that part: "y2024m01d05". */
function legacyLabel(ptype: string, value: number, fraction: string, state: State): Step {
  const tm = state.tm;
  if (fraction && ptype !== 's') return fail('format');
  switch (ptype) {
    case 'y':
      return (tm.year = value), { mask: BIT.year };
    case 'm':
      // After a month and an hour, "m" means minutes.
      if (state.fmask & BIT.month && state.fmask & BIT.hour) return (tm.min = value), { mask: BIT.minute };
      return (tm.mon = value), { mask: BIT.month };
    case 'd':
      return (tm.mday = value), { mask: BIT.day };
    case 'h':
      return (tm.hour = value), { mask: BIT.hour };
    case 'mm':
      return (tm.min = value), { mask: BIT.minute };
    case 's': {
      tm.sec = value;
      if (!fraction) return { mask: BIT.second };
      const part = parseFraction(fraction, state.major);
      if (part === undefined) return fail('format');
      tm.fsec = fractionToMicros(part);
      return { mask: BIT.second | BIT.millisecond | BIT.microsecond };
    }
    default:
      return fail('format');
  }
}

/** A number labelled by the word before it: a Julian day (with a day fraction) or an ISO time after 't'. */
function labelledNumber(field: Field, state: State): Step {
  const parsed = strtoint(field.text);
  if (parsed.range) return fail('field');
  const rest = field.text.slice(parsed.end);
  if (rest !== '' && !rest.startsWith('.')) return fail('format');
  const ptype = state.ptype;
  state.ptype = '';
  if (ptype === 'j') {
    if (parsed.value < 0) return fail('field');
    Object.assign(state.tm, renamed(julianToDate(parsed.value)));
    state.isJulian = true;
    if (!rest) return { mask: DATE_BITS };
    const fraction = parseFraction(rest, state.major);
    if (fraction === undefined) return fail('format');
    const micros = Math.trunc(fraction * 86_400_000_000);
    Object.assign(state.tm, { hour: Math.trunc(micros / 3.6e9), min: Math.trunc(micros / 6e7) % 60, sec: Math.trunc(micros / 1e6) % 60, fsec: micros % 1e6 });
    return { mask: DATE_BITS | TIME_BITS };
  }
  if (ptype === 't') {
    const time = decodeNumberField(field.text, state.fmask | DATE_BITS, state);
    if (time.error) return fail(time.error);
    return time.mask === TIME_BITS ? { mask: time.mask } : fail('format');
  }
  return state.major < 16 ? legacyLabel(ptype, parsed.value, rest, state) : fail('format');
}

function onNumber(field: Field, state: State): Step {
  if (state.ptype) return labelledNumber(field, state);
  const text = field.text;
  const dot = text.indexOf('.');
  let decoded;
  if (dot >= 0 && !(state.fmask & DATE_BITS)) decoded = decodeDate(text, state.fmask, state);
  else if (dot > 2 || (dot < 0 && text.length >= 6 && (!(state.fmask & DATE_BITS) || !(state.fmask & TIME_BITS)))) {
    decoded = decodeNumberField(text, state.fmask, state);
  } else decoded = decodeNumber(text, state.fmask, state.haveTextMonth, state);
  return decoded.error ? fail(decoded.error) : { mask: decoded.mask };
}

/** A reserved word: now, today, tomorrow, yesterday, allballs, epoch, infinity. */
function onReserved(word: string, state: State): Step {
  // While the server reads its configuration no transaction has started: "now" is 2000-01-01 00:00 UTC.
  const day = { today: 1, tomorrow: 2, yesterday: 0, now: 1 }[word];
  if (day !== undefined) Object.assign(state.tm, renamed(julianToDate(dateToJulian(2000, 1, 1) + day - 1)));
  if (word === 'now') return { mask: DATE_BITS | TIME_BITS | BIT.tz };
  if (day !== undefined) return { mask: DATE_BITS };
  if (word === 'allballs') {
    Object.assign(state.tm, { hour: 0, min: 0, sec: 0 });
    state.west = 0;
    return { mask: TIME_BITS | BIT.tz };
  }
  state.special = word;
  return { mask: DATE_BITS | TIME_BITS | BIT.tz };
}

/** A unit letter or the ISO 't' waits for the next field; 't' needs a date before it (and, before 16, a number, time or date after it). */
function onUnit(word: string, iso: boolean, state: State, ctx: DateContext, next: Field | undefined): Step {
  if (iso && (state.fmask & DATE_BITS) !== DATE_BITS) return fail('format');
  if (iso && ctx.major < 16 && !['number', 'time', 'date'].includes(next?.type ?? '')) return fail('format');
  if (state.ptype && ctx.major >= 16) return fail('format');
  state.ptype = ['j', 'jd', 'julian'].includes(word) ? 'j' : word;
  return { mask: 0 };
}

function onKeyword(word: string, state: State, ctx: DateContext, next: Field | undefined): Step {
  const keyword = dateKeyword(word, ctx.major);
  if (!keyword) {
    if (!ctx.zoneExists(word)) return fail('format');
    state.namedZone = true;
    return { mask: BIT.tz };
  }
  switch (keyword.kind) {
    case 'ignore':
      return { mask: 0, skip: true };
    case 'reserved':
      return onReserved(keyword.value, state);
    case 'month': {
      const fm = state.fmask;
      let mask: number = BIT.month;
      if (fm & BIT.month && !state.haveTextMonth && !(fm & BIT.day) && state.tm.mon >= 1 && state.tm.mon <= 31) {
        state.tm.mday = state.tm.mon;
        mask = BIT.day;
      }
      state.haveTextMonth = true;
      state.tm.mon = monthOf(word)!;
      return { mask };
    }
    case 'dstmod':
      state.west -= 3600;
      return { mask: BIT.dtzmod | BIT.dtz };
    case 'ampm':
      state.mer = word as 'am' | 'pm';
      return { mask: BIT.ampm };
    case 'adbc':
      state.bc = word === 'bc';
      return { mask: BIT.adbc };
    case 'dow':
      return { mask: BIT.dow };
    case 'units':
    case 'isotime':
      return onUnit(word, keyword.kind === 'isotime', state, ctx, next);
  }
}

function onWord(field: Field, state: State, ctx: DateContext, next: Field | undefined): Step {
  const abbrev = ctx.abbrev(field.text);
  if (!abbrev) return onKeyword(field.text, state, ctx, next);
  state.west = -abbrev.offset;
  if (abbrev.kind === 'TZ') return { mask: BIT.tz };
  if (abbrev.kind === 'DYNTZ') state.namedZone = true;
  return { mask: abbrev.kind === 'DTZ' ? BIT.dtz | BIT.tz : BIT.dyntz | BIT.tz };
}

function step(field: Field, state: State, ctx: DateContext, next: Field | undefined): Step {
  switch (field.type) {
    case 'date':
      return onDate(field, state, ctx);
    case 'time': {
      if (state.ptype && state.ptype !== 't') return fail('format');
      state.ptype = '';
      const error = decodeTime(field.text, state.tm, ctx.major);
      if (error) return fail(error);
      return timeOverflows(state.tm) ? fail('field') : { mask: TIME_BITS };
    }
    case 'tz': {
      const zone = decodeTimezone(field.text);
      if (zone.error) return fail(zone.error);
      state.west = zone.west;
      return { mask: BIT.tz };
    }
    case 'number':
      return onNumber(field, state);
    default:
      return onWord(field, state, ctx, next);
  }
}

/** The checks after the last field: eras, AM/PM, a complete date, the zone modifier. */
function finish(state: State): DateError | 'notDate' | undefined {
  // Before 16 a unit word left without its number was simply ignored.
  if (state.ptype && state.major >= 16) return 'format';
  if (state.special) return 'notDate';
  const { tm, fmask } = state;
  const invalid = validateDate(fmask, state.isJulian, state.is2digits, state.bc, tm);
  if (invalid) return invalid;
  if (state.mer !== 'HR24' && tm.hour > 12) return 'field';
  if (state.mer === 'am' && tm.hour === 12) tm.hour = 0;
  else if (state.mer === 'pm' && tm.hour !== 12) tm.hour += 12;
  if ((fmask & DATE_BITS) !== DATE_BITS) return (fmask & TIME_BITS) === TIME_BITS ? 'notDate' : 'format';
  // "DST" needs a fixed-offset zone abbreviation before it, not a zone name, a dynamic abbreviation or nothing.
  if (fmask & BIT.dtzmod && (state.namedZone || !(fmask & BIT.tz))) return 'format';
  return undefined;
}

export function decodeDateTime(fields: Field[], ctx: DateContext): DecodedTimestamp {
  const tm: Tm = { year: 0, mon: 0, mday: 0, hour: 0, min: 0, sec: 0, fsec: 0, yday: 0 };
  const state: State = {
    tm, is2digits: false, order: ctx.order, major: ctx.major, fmask: 0, ptype: '', mer: 'HR24', haveTextMonth: false, isJulian: false, bc: false, west: 0, namedZone: false,
  };
  for (const [i, field] of fields.entries()) {
    const result = step(field, state, ctx, fields[i + 1]);
    if (result.error) return { error: result.error, zone: result.zone, tm, west: state.west };
    if (result.skip) continue;
    if (result.mask & state.fmask) return { error: 'format', tm, west: state.west };
    state.fmask |= result.mask;
  }
  return { error: finish(state), tm, west: state.west };
}
