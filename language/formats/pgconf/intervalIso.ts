/**
 * ISO 8601 intervals as PostgreSQL reads them when the postgres format fails: "P1Y2M3DT4H5M6S" with
 * designators (fractions allowed anywhere, W next to other units) and the alternative "P0001-02-03T04:05:06"
 * and basic "P00010203T040506" forms.
 */
import { strtod } from './cNumbers';
import { addFractDays, addFractMicros, addWhole, addYears, FieldOverflow, type Span } from './intervalSpan';

const DAY_MICROS = 86_400_000_000;

class Cursor {
  at = 1;
  constructor(readonly text: string) {}
  get char(): string {
    return this.text[this.at] ?? '';
  }
}

/** ParseISO8601Number: what strtod reads, split into whole and fraction; undefined on bad format. */
function isoNumber(c: Cursor): { whole: number; fraction: number; start: number } | undefined {
  const start = c.at;
  if (!/[0-9.-]/.test(c.char)) return undefined;
  const parsed = strtod(c.text.slice(start));
  if (parsed.end === 0 || parsed.range) return undefined;
  if (Number.isNaN(parsed.value) || Math.abs(parsed.value) > 1e15) throw new FieldOverflow();
  c.at = start + parsed.end;
  const whole = Math.trunc(parsed.value);
  return { whole, fraction: parsed.value - whole, start };
}

const digitsWidth = (text: string, start: number) => /^-?([0-9]*)/.exec(text.slice(start))![1].length;

function addUnit(span: Span, unit: 'y' | 'mon' | 'w' | 'd' | 'h' | 'min' | 's', n: { whole: number; fraction: number }): void {
  if (unit === 'y') return addYears(span, n.whole, n.fraction, 1);
  addWhole(span, unit, n.whole);
  if (unit === 'mon' || unit === 'w') addFractDays(span, n.fraction, unit === 'w' ? 7 : 30);
  else addFractMicros(span, n.fraction, unit === 'd' ? DAY_MICROS : { h: 3.6e9, min: 6e7, s: 1e6 }[unit]);
}

/** The extended alternative format after its first number: -MM-DD (date part) or :MM:SS (time part). */
function alternative(c: Cursor, span: Span, first: { whole: number; fraction: number }, date: boolean, unit: string): 'done' | 'time' | undefined {
  const units = date ? (['y', 'mon', 'd'] as const) : (['h', 'min', 's'] as const);
  const separator = date ? '-' : ':';
  addUnit(span, units[0], first);
  if (unit === '') return 'done';
  if (date && unit === 'T') return 'time';
  for (let part = 1; part < 3; part++) {
    const n = isoNumber(c);
    if (!n) return undefined;
    addUnit(span, units[part], n);
    if (c.char === '') return 'done';
    if (date && c.char === 'T') return 'time';
    if (part === 2 || c.char !== separator) return undefined;
    c.at++;
  }
  return undefined;
}

/** The basic alternative format: yyyymmdd before T, hhmmss after it. */
function basic(span: Span, n: { whole: number; fraction: number }, date: boolean): void {
  const [high, mid, low] = [Math.trunc(n.whole / 10000), Math.trunc(n.whole / 100) % 100, n.whole % 100];
  if (date) {
    addYears(span, high, 0, 1);
    addWhole(span, 'mon', mid);
    addWhole(span, 'd', low);
    addFractMicros(span, n.fraction, DAY_MICROS);
  } else {
    addWhole(span, 'h', high);
    addWhole(span, 'min', mid);
    addWhole(span, 's', low);
    addFractMicros(span, n.fraction, 1);
  }
}

const DESIGNATORS: Record<string, 'y' | 'mon' | 'w' | 'd' | 'h' | 'min' | 's'> = { dY: 'y', dM: 'mon', dW: 'w', dD: 'd', tH: 'h', tM: 'min', tS: 's' };

export function decodeIsoInterval(text: string): Span | undefined {
  if (text.length < 2 || text[0] !== 'P') return undefined;
  const span: Span = { years: 0, months: 0, days: 0, micros: 0 };
  const c = new Cursor(text);
  let date = true;
  let haveField = false;
  while (c.at < text.length) {
    if (c.char === 'T') {
      [date, haveField] = [false, false];
      c.at++;
      continue;
    }
    const n = isoNumber(c);
    if (!n) return undefined;
    const unit = c.char;
    c.at++;
    const designated = DESIGNATORS[(date ? 'd' : 't') + unit];
    if (designated) addUnit(span, designated, n);
    else if ((unit === '' || (date && unit === 'T')) && digitsWidth(text, n.start) === (date ? 8 : 6) && !haveField) {
      basic(span, n, date);
      if (unit === '' || !date) return span;
      [date, haveField] = [false, false];
      continue;
    } else if (unit === '' || unit === (date ? '-' : ':') || (date && unit === 'T')) {
      if (haveField) return undefined;
      const rest = alternative(c, span, n, date, unit);
      if (rest === 'done') return span;
      if (rest !== 'time') return undefined;
      [date, haveField] = [false, false];
      continue;
    } else return undefined;
    haveField = true;
  }
  return span;
}
