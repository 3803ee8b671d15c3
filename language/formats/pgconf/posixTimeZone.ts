/**
 * POSIX-style time zone specifications ("EST5EDT,M3.2.0,M11.1.0", "<+0530>-5:30", "UTC+3") as PostgreSQL's
 * copy of the tz code reads them when a name is not a zone file: standard name and offset, then an
 * optional daylight name, offset and pair of transition rules. Offsets count seconds west of UTC.
 */

interface Rule {
  kind: 'julian' | 'dayOfYear' | 'monthWeekDay';
  day: number;
  month: number;
  week: number;
  /** Local time of the switch, seconds after midnight. */
  time: number;
}

export interface PosixZone {
  stdName: string;
  stdOffset: number;
  dstName?: string;
  dstOffset?: number;
  rules?: [Rule, Rule];
}

/** When daylight time is named without rules: second Sunday of March to first Sunday of November. */
const DEFAULT_RULES = ',M3.2.0,M11.1.0';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

class Cursor {
  constructor(
    readonly text: string,
    public at = 0,
  ) {}
  get char(): string | undefined {
    return this.text[this.at];
  }
  get done(): boolean {
    return this.at >= this.text.length;
  }
}

/** getnum: digits within [min, max], failing as soon as the number grows past max. */
function number(c: Cursor, min: number, max: number): number | undefined {
  if (!isDigit(c.char)) return undefined;
  let value = 0;
  while (isDigit(c.char)) {
    value = value * 10 + Number(c.char);
    if (value > max) return undefined;
    c.at++;
  }
  return value < min ? undefined : value;
}

/** getoffset: [+-]hh[:mm[:ss]] with hours up to a week, seconds up to 60. */
function offset(c: Cursor): number | undefined {
  let sign = 1;
  if (c.char === '-' || c.char === '+') sign = c.text[c.at++] === '-' ? -1 : 1;
  const hours = number(c, 0, 167);
  if (hours === undefined) return undefined;
  let seconds = hours * 3600;
  if (c.char === ':') {
    c.at++;
    const minutes = number(c, 0, 59);
    if (minutes === undefined) return undefined;
    seconds += minutes * 60;
    if (c.char === ':') {
      c.at++;
      const secs = number(c, 0, 60);
      if (secs === undefined) return undefined;
      seconds += secs;
    }
  }
  return sign * seconds;
}

/** A zone abbreviation: `<anything>` or the run up to a digit, sign or comma. */
function zoneName(c: Cursor): string | undefined {
  if (c.char === '<') {
    const end = c.text.indexOf('>', c.at + 1);
    if (end < 0) return undefined;
    const name = c.text.slice(c.at + 1, end);
    c.at = end + 1;
    return name;
  }
  const start = c.at;
  while (!c.done && !isDigit(c.char) && !',-+'.includes(c.char!)) c.at++;
  return c.text.slice(start, c.at);
}

/** getrule: Jn, n or Mm.w.d, then an optional /time. */
function rule(c: Cursor): Rule | undefined {
  const parsed: Rule = { kind: 'dayOfYear', day: 0, month: 0, week: 0, time: 7200 };
  if (c.char === 'J') {
    c.at++;
    parsed.kind = 'julian';
    const day = number(c, 1, 365);
    if (day === undefined) return undefined;
    parsed.day = day;
  } else if (c.char === 'M') {
    c.at++;
    parsed.kind = 'monthWeekDay';
    const month = number(c, 1, 12);
    if (month === undefined || c.text[c.at++] !== '.') return undefined;
    const week = number(c, 1, 5);
    if (week === undefined || c.text[c.at++] !== '.') return undefined;
    const day = number(c, 0, 6);
    if (day === undefined) return undefined;
    Object.assign(parsed, { month, week, day });
  } else {
    const day = number(c, 0, 365);
    if (day === undefined) return undefined;
    parsed.day = day;
  }
  if (c.char === '/') {
    c.at++;
    const time = offset(c);
    if (time === undefined) return undefined;
    parsed.time = time;
  }
  return parsed;
}

function rules(c: Cursor): [Rule, Rule] | undefined {
  c.at++;
  const start = rule(c);
  if (!start || c.text[c.at++] !== ',') return undefined;
  const end = rule(c);
  return end && c.done ? [start, end] : undefined;
}

/** tzparse on the upper-cased name: undefined when it is not a valid specification. */
export function parsePosixZone(spec: string): PosixZone | undefined {
  const c = new Cursor(spec);
  const stdName = zoneName(c);
  // An empty standard name is allowed, but an offset is not optional.
  if (stdName === undefined || c.done) return undefined;
  const stdOffset = offset(c);
  if (stdOffset === undefined) return undefined;
  if (c.done) return { stdName, stdOffset };
  const dstName = zoneName(c);
  if (!dstName) return undefined;
  let dstOffset = stdOffset - 3600;
  if (!c.done && c.char !== ',' && c.char !== ';') {
    const parsed = offset(c);
    if (parsed === undefined) return undefined;
    dstOffset = parsed;
  }
  const ruleCursor = c.done ? new Cursor(DEFAULT_RULES) : c;
  if (ruleCursor.char !== ',' && ruleCursor.char !== ';') return undefined;
  const pair = rules(ruleCursor);
  return pair ? { stdName, stdOffset, dstName, dstOffset, rules: pair } : undefined;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthLength = (year: number, month: number) => (month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]);

/** transtime: seconds from the start of `year` (UTC) to the moment a rule fires, given the offset in force. */
function transitionTime(year: number, r: Rule, zoneOffset: number): number {
  let day: number;
  if (r.kind === 'julian') day = r.day - 1 + (isLeap(year) && r.day >= 60 ? 1 : 0);
  else if (r.kind === 'dayOfYear') day = r.day;
  else {
    // Day of week of the month's first day (Zeller), then the wanted weekday, then the n-th one within the month.
    const m1 = ((r.month + 9) % 12) + 1;
    const yy0 = r.month <= 2 ? year - 1 : year;
    const yy1 = Math.trunc(yy0 / 100);
    const yy2 = yy0 % 100;
    let dow = (Math.trunc((26 * m1 - 2) / 10) + 1 + yy2 + Math.trunc(yy2 / 4) + Math.trunc(yy1 / 4) - 2 * yy1) % 7;
    if (dow < 0) dow += 7;
    let d = r.day - dow;
    if (d < 0) d += 7;
    for (let i = 1; i < r.week && d + 7 < monthLength(year, r.month); i++) d += 7;
    day = d;
    for (let month = 1; month < r.month; month++) day += monthLength(year, month);
  }
  return day * 86400 + r.time + zoneOffset;
}

const yearStart = (year: number) => Date.UTC(year, 0, 1) / 1000;

/** Seconds east of UTC the zone shows at 2000-01-01 00:00 UTC, the moment PostgreSQL's leap-second test looks at. */
export function utcOffsetIn2000(zone: PosixZone): number {
  if (!zone.rules || zone.dstOffset === undefined) return -zone.stdOffset;
  const moment = yearStart(2000);
  const transitions: Array<{ at: number; dst: boolean }> = [];
  for (const year of [1998, 1999, 2000]) {
    let start = transitionTime(year, zone.rules[0], zone.stdOffset);
    let end = transitionTime(year, zone.rules[1], zone.dstOffset);
    const reversed = end < start;
    if (reversed) [start, end] = [end, start];
    const yearSeconds = (isLeap(year) ? 366 : 365) * 86400;
    if (reversed || (start < end && end - start < yearSeconds + (zone.stdOffset - zone.dstOffset))) {
      transitions.push({ at: yearStart(year) + start, dst: !reversed }, { at: yearStart(year) + end, dst: reversed });
    }
  }
  // No switch in any year: daylight time all year round.
  if (transitions.length === 0) return -zone.dstOffset;
  const before = transitions.filter((t) => t.at <= moment).pop();
  return -(before?.dst ? zone.dstOffset : zone.stdOffset);
}
