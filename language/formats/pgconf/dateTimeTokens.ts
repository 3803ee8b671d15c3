/**
 * PostgreSQL's date/time tokenizer (ParseDateTime) and its keyword tables, shared by the timestamp reader
 * of recovery_target_time and the interval reader of TimeZone = 'INTERVAL ...'. Text is lower-cased;
 * fields are numbers, dates, times, words, signed words and signed numbers (numeric zones).
 */
import type { Major } from '../../catalog/types';

export type FieldType = 'number' | 'date' | 'time' | 'string' | 'special' | 'tz';

export interface Field {
  text: string;
  type: FieldType;
}

/** Most fields one value may have (MAXDATEFIELDS). */
export const MAX_FIELDS = 25;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);
const isAlnum = (c: string | undefined) => isDigit(c) || isAlpha(c);
const isSpace = (c: string | undefined) => c !== undefined && ' \t\n\v\f\r'.includes(c);
const isPunct = (c: string | undefined) => c !== undefined && /^[!-/:-@[-`{-~]$/.test(c);

/** Keywords of timestamps (datetktbl): the kind each stands for. */
export type Keyword = 'reserved' | 'month' | 'dow' | 'ampm' | 'adbc' | 'units' | 'isotime' | 'ignore' | 'dstmod';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_WORDS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, sept: 9, september: 9, october: 10, november: 11, december: 12,
};
const DAYS = ['sun', 'mon', 'tue', 'tues', 'wed', 'weds', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The month number of a month keyword. */
export function monthOf(word: string): number | undefined {
  const short = MONTHS.indexOf(word);
  return short >= 0 ? short + 1 : MONTH_WORDS[word];
}

/** datetktbl lookup: what a lower-case word means in a timestamp, per major. */
export function dateKeyword(word: string, major: Major): { kind: Keyword; value: string } | undefined {
  if (monthOf(word) !== undefined) return { kind: 'month', value: word };
  if (DAYS.includes(word)) return { kind: 'dow', value: word };
  const reserved = ['-infinity', 'infinity', 'epoch', 'now', 'today', 'tomorrow', 'yesterday', 'allballs'];
  if (reserved.includes(word) || (word === '+infinity' && major >= 16)) return { kind: 'reserved', value: word === '+infinity' ? 'infinity' : word };
  const simple: Record<string, Keyword> = {
    am: 'ampm', pm: 'ampm', ad: 'adbc', bc: 'adbc', at: 'ignore', on: 'ignore', t: 'isotime', dst: 'dstmod',
    d: 'units', h: 'units', m: 'units', mm: 'units', s: 'units', y: 'units', j: 'units', jd: 'units', julian: 'units',
    dow: 'units', doy: 'units', isodow: 'units', isoyear: 'units',
  };
  const kind = simple[word];
  return kind ? { kind, value: word } : undefined;
}

/** A tokenizer run: the fields, or undefined when PostgreSQL reports a bad format. */
export function parseDateTime(input: string, bufferSize: number): Field[] | undefined {
  const fields: Field[] = [];
  let used = 0;
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (fields.length >= MAX_FIELDS) return undefined;
    if (isPunct(c) && c !== '.' && c !== '+' && c !== '-') {
      i++;
      continue;
    }
    const field = readField(input, i);
    // Every character needs room in the work buffer, and each field a terminator after it.
    if (!field || used + field.field.text.length >= bufferSize) return undefined;
    used += field.field.text.length + 1;
    fields.push(field.field);
    i = field.next;
  }
  return fields;
}

type Read = { field: Field; next: number } | undefined;

function readField(s: string, start: number): Read {
  const c = s[start];
  if (isDigit(c)) return readNumeric(s, start);
  if (c === '.') {
    let i = start + 1;
    while (isDigit(s[i])) i++;
    return { field: { text: s.slice(start, i), type: 'number' }, next: i };
  }
  if (isAlpha(c)) return readWord(s, start);
  if (c === '+' || c === '-') return readSigned(s, start);
  return undefined;
}

/** A leading digit: a time (with ':'), a date (with '-', '/' or '.') or a plain number. */
function readNumeric(s: string, start: number): Read {
  let i = start;
  while (isDigit(s[i])) i++;
  if (s[i] === ':') {
    i++;
    while (isDigit(s[i]) || s[i] === ':' || s[i] === '.') i++;
    return { field: { text: s.slice(start, i), type: 'time' }, next: i };
  }
  if (s[i] !== '-' && s[i] !== '/' && s[i] !== '.') return { field: { text: s.slice(start, i), type: 'number' }, next: i };
  const delim = s[i++];
  if (isDigit(s[i])) {
    let type: FieldType = delim === '.' ? 'number' : 'date';
    while (isDigit(s[i])) i++;
    if (s[i] === delim) {
      type = 'date';
      i++;
      while (isDigit(s[i]) || s[i] === delim) i++;
    }
    return { field: { text: s.slice(start, i), type }, next: i };
  }
  while (isAlnum(s[i]) || s[i] === delim) i++;
  return { field: { text: s.slice(start, i).toLowerCase(), type: 'date' }, next: i };
}

/** Letters: a word, or a date or zone name when punctuation or digits follow (unless the word is a keyword). */
function readWord(s: string, start: number): Read {
  let i = start;
  while (isAlpha(s[i])) i++;
  const word = s.slice(start, i).toLowerCase();
  let isDate = s[i] === '-' || s[i] === '/' || s[i] === '.';
  if (!isDate && (s[i] === '+' || isDigit(s[i]))) isDate = dateKeyword(word, 18) === undefined;
  if (!isDate) return { field: { text: word, type: 'string' }, next: i };
  do i++;
  while (i < s.length && ('+-/_.:'.includes(s[i]) || isAlnum(s[i])));
  return { field: { text: s.slice(start, i).toLowerCase(), type: 'date' }, next: i };
}

/** A sign: a numeric zone or signed number, or a signed word (-infinity); spaces after the sign are skipped. */
function readSigned(s: string, start: number): Read {
  let i = start + 1;
  while (isSpace(s[i])) i++;
  const sign = s[start];
  if (isDigit(s[i])) {
    const from = i;
    while (isDigit(s[i]) || s[i] === ':' || s[i] === '.' || s[i] === '-') i++;
    return { field: { text: sign + s.slice(from, i), type: 'tz' }, next: i };
  }
  if (isAlpha(s[i])) {
    const from = i;
    while (isAlpha(s[i])) i++;
    return { field: { text: sign + s.slice(from, i).toLowerCase(), type: 'special' }, next: i };
  }
  return undefined;
}
