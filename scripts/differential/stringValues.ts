/**
 * Values for the string parameters whose check hooks we model (zones, date styles, encodings, timestamps,
 * keyword lists): valid forms in every spelling PostgreSQL folds, near misses and junk, drawn with the
 * differential's fixed random sequence. Zone and encoding names come from data/strings.json.
 */
import type { Major } from '../../language/catalog/types';
import { readStringFacts } from '../../language/formats/pgconf/stringFacts';

type Rnd = () => number;
const pick = <T>(list: readonly T[], rnd: Rnd): T => list[Math.floor(rnd() * list.length)];
const some = <T>(list: readonly T[], rnd: Rnd, count: number): T[] => Array.from({ length: count }, () => pick(list, rnd));

function recase(text: string, rnd: Rnd): string {
  const mode = rnd();
  if (mode < 0.5) return text;
  if (mode < 0.7) return text.toLowerCase();
  if (mode < 0.85) return text.toUpperCase();
  return [...text].map((c) => (rnd() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
}

/** A list of 1–3 words from `words`, joined by commas (with or without spaces). */
const wordList = (words: readonly string[], rnd: Rnd): string => some(words, rnd, 1 + Math.floor(rnd() * 3)).join(rnd() < 0.5 ? ', ' : ',');

const POSIX_ZONES = [
  'UTC+3', 'UTC-03:30', '<+0530>-5:30', 'EST5EDT,M3.2.0,M11.1.0', 'XYZ5ABC,J60,J300', 'XYZ5ABC4,M3.2.0/2,M11.1.0/-1', 'ABC5:00:30',
  'ABC5DEF,M13.1.0,M11.1.0', 'ABC5DEF,M3.6.0,M11.1.0', '<ABC', 'A1B2', '5 ', 'UTC+168', 'ABC-5:00:30DEF,M10.1.0,M3.5.0', ':UTC', ':ABC5',
  'XYZ5ABC;M3.2.0,M11.1.0', 'XYZ5ABC,M3.2.0', '<>5', 'GMT+5', 'Etc/GMT+15', 'posix/Europe/Paris', 'America/', 'Mars/Olympus',
];
const OFFSETS = ['5', '-3.5', '+5.75', '167', '168', '-167.99', '1e2', 'nan', 'inf', '0x10', ' 5', '05:30', '1.0e-3'];
const INTERVALS = [
  "interval '+02:00'", "INTERVAL '-05:30'", "interval '1 hour'", "interval '1 day'", "interval '1 mon'", "interval 'bogus'",
  "interval '168 hours'", "interval '167:59:59'", "interval 'PT5H'", "interval '1 hour ago'", "interval '1 hour'x", 'interval 1 hour',
  "interval 'infinity'", "Interval  '90 minutes'", "interval '2562047789 hours'", "interval ''",
];

function zoneValues(major: Major, rnd: Rnd, numbers: boolean): string[] {
  const zones = [...(readStringFacts(major)?.zones.values() ?? ['UTC'])];
  const values = [recase(pick(zones, rnd), rnd), recase(pick(zones, rnd), rnd), pick(['UTC', 'GMT', 'Zulu', 'Factory'], rnd), pick(POSIX_ZONES, rnd), pick(POSIX_ZONES, rnd)];
  values.push(numbers ? pick(OFFSETS, rnd) : pick(OFFSETS, rnd), numbers ? pick(INTERVALS, rnd) : pick(['PDT', 'CEST', 'bogus', ''], rnd));
  return values;
}

const DATE_STYLE_WORDS = ['iso', 'ISO', 'sql', 'Postgres', 'postgresql', 'German', 'ymd', 'DMY', 'mdy', 'euro', 'European', 'us', 'noneuro', 'default', 'bogus', '"ISO"'];

function encodingValues(major: Major, rnd: Rnd): string[] {
  const facts = readStringFacts(major);
  const names = facts ? [...new Set(facts.encodings.values())] : ['UTF8'];
  const keys = facts ? [...facts.encodings.keys()] : ['utf8'];
  const punctuate = (key: string) => key.replace(/([a-z])([0-9])/, (_m, a: string, b: string) => `${a}${pick(['-', '_', ' ', ''], rnd)}${b}`);
  return [pick(names, rnd), recase(punctuate(pick(keys, rnd)), rnd), recase(pick(keys, rnd), rnd), pick(['UNICODE', 'unicode', 'utf-9', 'latin11', '', 'x'.repeat(70)], rnd)];
}

const DATES = ['2024-01-05', '2024-1-5', '01/05/2024', '13/01/2024', '2024.01.05', '20240105', 'jan 5 2024', '5 January 2024', '2024-02-29', '2023-02-29', '4714-11-24 BC', '294276-12-31', 'J2451545', '99-01-05', 'yesterday', 'today', 'Friday jan 5 2024', '2024-13-01'];
const TIMES = ['', '10:00', '10:00:00.123456', '23:59:60', '24:00', '25:00', '10:00 pm', '13:00 pm', 'allballs', '10:00:00.', 'T10:00', '103000'];
const ZONES = ['', '+00', '+05:30', '-08', '+16', 'UTC', 'utc', 'GMT', 'PST', 'EDT', 'CET', 'CET DST', 'Europe/Berlin', 'america/new_york', 'Foo/Bar', 'UTC+3', 'Z', 'zulu'];

function timestampValues(rnd: Rnd): string[] {
  const values: string[] = [];
  for (let i = 0; i < 5; i++) values.push([pick(DATES, rnd), pick(TIMES, rnd), pick(ZONES, rnd)].filter(Boolean).join(' '));
  values.push(pick(['now', 'NOW', 'today 10:00', 'epoch', 'infinity', '+infinity', '', 'bogus', '2024-01-05 y', 'y2024m01d05', '294277-01-01', '2024-01-05 10:00 +02 DST'], rnd));
  return values;
}

/** Candidate values for a string parameter with a modelled check hook; undefined for the others. */
export function checkedStringValues(name: string, major: Major, rnd: Rnd): string[] | undefined {
  switch (name.toLowerCase()) {
    case 'timezone':
      return zoneValues(major, rnd, true);
    case 'log_timezone':
      return zoneValues(major, rnd, false);
    case 'datestyle':
      return [wordList(DATE_STYLE_WORDS, rnd), wordList(DATE_STYLE_WORDS, rnd), wordList(DATE_STYLE_WORDS, rnd), pick(['a,,b', '', ' ', 'iso dmy'], rnd)];
    case 'client_encoding':
      return encodingValues(major, rnd);
    case 'restrict_nonsystem_relation_kind':
      return [wordList(['view', 'foreign-table', 'VIEW', 'Foreign-Table', '"view"', 'table'], rnd), wordList(['view', 'foreign-table'], rnd), pick(['', 'view,,', 'view foreign-table'], rnd)];
    case 'wal_consistency_checking': {
      const names = [...(readStringFacts(major)?.walConsistencyNames ?? ['Heap']), 'all', 'ALL', 'XLOG', 'bogus', '"heap"'];
      return [wordList(names, rnd), wordList(names, rnd), pick(['', 'heap,,btree', 'heap btree'], rnd)];
    }
    case 'backtrace_functions':
      return [pick(['', 'palloc', 'errfinish, elog_start', 'a,b', 'a b'], rnd), pick(['a-b', 'é', 'f();', 'x.y', '1abc'], rnd)];
    case 'debug_io_direct':
      return [wordList(['data', 'wal', 'wal_init', 'WAL', 'Data', 'bogus', '"data"'], rnd), pick(['', 'data,,wal', 'data wal'], rnd)];
    case 'recovery_target_time':
      return timestampValues(rnd);
    case 'lc_messages':
      // Empty is refused for lc_messages on every host.
      return [pick(['C', 'POSIX', ''], rnd)];
    case 'lc_monetary':
    case 'lc_numeric':
    case 'lc_time':
      // Only the locales every C library has; other names (and empty: the environment's) depend on the host.
      return [pick(['C', 'POSIX'], rnd)];
    default:
      return undefined;
  }
}

/** Whole files where a check reads what earlier lines set (abbreviation sets, the session zone, DateStyle). */
export const DEPENDENT_FILES: Array<{ line: string; ask: string }> = [
  { line: "timezone_abbreviations = 'Default'\nrecovery_target_time = '2024-01-05 10:00 PST'", ask: 'recovery_target_time' },
  { line: "recovery_target_time = '2024-01-05 10:00 PST'\ntimezone_abbreviations = 'Default'", ask: 'recovery_target_time' },
  { line: "timezone_abbreviations = 'Australia'\nrecovery_target_time = '2024-01-05 10:00 ACST'", ask: 'recovery_target_time' },
  { line: "timezone_abbreviations = 'India'\nrecovery_target_time = '2024-01-05 10:00 IST'", ask: 'recovery_target_time' },
  { line: "timezone = 'America/New_York'\nrecovery_target_time = '2024-07-01 10:00 EDT'", ask: 'recovery_target_time' },
  { line: "recovery_target_time = '2024-07-01 10:00 EDT'\ntimezone = 'America/New_York'", ask: 'recovery_target_time' },
  { line: "timezone = 'EST5EDT'\nrecovery_target_time = '2024-07-01 10:00 EDT'", ask: 'recovery_target_time' },
  { line: "datestyle = 'dmy'\nrecovery_target_time = '13/01/2024'", ask: 'recovery_target_time' },
  { line: "recovery_target_time = '13/01/2024'\ndatestyle = 'dmy'", ask: 'recovery_target_time' },
  { line: "DateStyle = 'iso, ymd'\nrecovery_target_time = '24-01-05'", ask: 'recovery_target_time' },
  { line: "TimeZone = 'UTC'\ntimezone = 'Europe/Berlin'\nrecovery_target_time = '2024-07-01 10:00 CEST'", ask: 'recovery_target_time' },
];
