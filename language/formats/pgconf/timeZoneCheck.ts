/**
 * check_timezone and check_log_timezone: a zone file name (any letter case), GMT, a POSIX-style
 * specification, and for TimeZone also a number of hours or INTERVAL '...'. Zone files come from
 * data/strings.json (what each embedded server accepted).
 */
import type { Major } from '../../catalog/types';
import { strtod } from './cNumbers';
import { hintOf, invalid, ok, refused } from './hookVerdicts';
import { readInterval } from './intervalInput';
import { parsePosixZone, utcOffsetIn2000 } from './posixTimeZone';
import { readStringFacts, type StringFacts } from './stringFacts';
import type { ValueVerdict } from './values';

export interface LoadedZone {
  /** The zone as PostgreSQL would name it (file spelling, or the upper-cased specification). */
  name: string;
  /** Upper-cased alphabetic abbreviations the zone uses. */
  abbrevs: Set<string>;
  /** False when the zone's clock would show seconds at 2000-01-01 00:00 UTC (taken for leap seconds). */
  acceptable: boolean;
}

/** Longest name pg_tzset looks at (TZ_STRLEN_MAX). */
const MAX_NAME_BYTES = 255;
const upper = (text: string) => text.replace(/[a-z]+/g, (letters) => letters.toUpperCase());

/** pg_tzset: undefined when the server cannot load the name as a zone. */
export function loadZone(name: string, facts: StringFacts): LoadedZone | undefined {
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) return undefined;
  const key = upper(name);
  if (key === 'GMT') return { name: key, abbrevs: new Set(['GMT']), acceptable: true };
  // The zone file loader skips one leading colon (":UTC"); the specification reader does not.
  const file = facts.zones.get(key.startsWith(':') ? key.slice(1) : key);
  if (file !== undefined) return { name: file, abbrevs: facts.zoneAbbrevs.get(key) ?? new Set(), acceptable: true };
  if (key.startsWith(':')) return undefined;
  const spec = parsePosixZone(key);
  if (!spec) return undefined;
  const abbrevs = new Set([spec.stdName, spec.dstName ?? ''].filter((abbrev) => /^[A-Z]+$/.test(abbrev)));
  return { name: key, abbrevs, acceptable: utcOffsetIn2000(spec) % 60 === 0 };
}

/** pg_tzset_offset: a fixed offset (seconds west) loads while it stays under a week. */
const offsetLoads = (west: number) => Number.isFinite(west) && Math.abs(Math.trunc(west)) < 168 * 3600;
const OUT_OF_RANGE = 'UTC timezone offset is out of range.';

function leapSeconds(value: string): ValueVerdict {
  return refused(`time zone "${value}" appears to use leap seconds`, hintOf('PostgreSQL does not support leap seconds.', 'Whole minutes only in the offset.'));
}

function checkZoneName(name: string, value: string, facts: StringFacts): ValueVerdict {
  const zone = loadZone(value, facts);
  if (!zone) return invalid(name, value, 'Use a zone name such as UTC or Europe/Paris, or an offset specification such as UTC+3.');
  return zone.acceptable ? ok(value) : leapSeconds(value);
}

/** TimeZone = 'INTERVAL ''+02:00''': no months or days; the time becomes a fixed offset. */
function checkIntervalZone(name: string, value: string, major: Major): ValueVerdict {
  const rest = value.slice(8).replace(/^[ \t\n\v\f\r]+/, '');
  const close = rest.indexOf("'", 1);
  if (!rest.startsWith("'") || close !== rest.length - 1) return invalid(name, value, "Write INTERVAL '+02:00' with the interval in quotes.");
  const interval = readInterval(rest.slice(1, -1), major);
  if (!interval.ok) return refused(interval.message, 'PostgreSQL stops reading the configuration here.');
  if (interval.value.months !== 0) return invalid(name, value, 'Cannot specify months in time zone interval.');
  if (interval.value.days !== 0) return invalid(name, value, 'Cannot specify days in time zone interval.');
  return offsetLoads(-Math.trunc(interval.value.micros / 1e6)) ? ok(value) : invalid(name, value, OUT_OF_RANGE);
}

function checkTimeZone(name: string, value: string, major: Major): ValueVerdict {
  const facts = readStringFacts(major);
  if (value.slice(0, 8).toLowerCase() === 'interval') return checkIntervalZone(name, value, major);
  const hours = strtod(value);
  if (hours.end > 0 && hours.end === value.length) {
    // glibc turns a double past the long range (or NaN) into LONG_MIN, which no zone can use.
    const west = -hours.value * 3600;
    return offsetLoads(Math.abs(west) < 2 ** 63 ? west : NaN) ? ok(value) : invalid(name, value, hintOf(OUT_OF_RANGE, 'Offsets must stay under 168 hours.'));
  }
  return facts ? checkZoneName(name, value, facts) : ok(value);
}

function checkLogTimeZone(name: string, value: string, major: Major): ValueVerdict {
  const facts = readStringFacts(major);
  return facts ? checkZoneName(name, value, facts) : ok(value);
}

/** The zone a TimeZone value selects, for the abbreviations 18 understands in timestamps; GMT when it is not valid. */
export function sessionZone(value: string | undefined, major: Major): LoadedZone | undefined {
  const facts = readStringFacts(major);
  if (!facts) return undefined;
  const gmt = loadZone('GMT', facts);
  if (value === undefined || !checkTimeZone('TimeZone', value, major).ok) return gmt;
  return loadZone(value, facts) ?? { name: value, abbrevs: new Set(), acceptable: true };
}

export const TIME_ZONE_HOOKS: Record<string, (name: string, value: string, major: Major) => ValueVerdict> = {
  timezone: checkTimeZone,
  log_timezone: checkLogTimeZone,
};
