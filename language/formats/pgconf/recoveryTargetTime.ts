/**
 * check_recovery_target_time: a complete timestamp (not now/today/tomorrow/yesterday, epoch or infinity)
 * inside the timestamp range. What the server understands depends on settings it applied before this
 * line: DateStyle's field order, the abbreviation set of timezone_abbreviations (none is loaded while the
 * file is read, unless the file set one earlier) and, from 18 on, the abbreviations of TimeZone's zone.
 */
import type { Major } from '../../catalog/types';
import { dateToJulian, type Tm } from './dateTimeFields';
import { decodeDateTime, type AbbrevMeaning, type DateContext } from './dateTimeDecode';
import { MAX_FIELDS, parseDateTime, type Field } from './dateTimeTokens';
import { forMajor, hintOf, invalid, ok, refused } from './hookVerdicts';
import { parseDateStyle } from './listHooks';
import { readStringFacts } from './stringFacts';
import { loadZone, sessionZone } from './timeZoneCheck';
import type { ValueVerdict } from './values';

/** The value another parameter got from an earlier line of the same configuration, if any. */
export type PriorSetting = (name: string) => string | undefined;

/** MAXDATELEN + MAXDATEFIELDS: the tokenizer's work buffer. */
const WORK_BUFFER = 128 + MAX_FIELDS;
const SPECIAL = ['now', 'today', 'tomorrow', 'yesterday'];
const ADVICE = "Write a full timestamp such as '2024-05-01 12:00:00+00'.";

const MIN_TIMESTAMP = -211813488000000000n;
const END_TIMESTAMP = 9223371331200000000n;
const POSTGRES_EPOCH_JDATE = 2451545;

/** tm2timestamp: the Julian day range, then the microsecond range after applying the zone. */
export function inRange(tm: Tm, west: number): boolean {
  const validJulian =
    (tm.year > -4713 || (tm.year === -4713 && tm.mon >= 11)) && (tm.year < 5874898 || (tm.year === 5874898 && tm.mon < 6));
  if (!validJulian) return false;
  const days = BigInt(dateToJulian(tm.year, tm.mon, tm.mday) - POSTGRES_EPOCH_JDATE);
  const time = BigInt(((tm.hour * 60 + tm.min) * 60 + tm.sec) * 1e6 + tm.fsec);
  const local = days * 86_400_000_000n + time;
  if (local > 9223372036854775807n || local < -9223372036854775808n) return false;
  const utc = local + BigInt(west) * 1_000_000n;
  return utc >= MIN_TIMESTAMP && utc < END_TIMESTAMP;
}

function dateContext(major: Major, prior: PriorSetting): DateContext | undefined {
  const facts = readStringFacts(major);
  if (!facts) return undefined;
  const set = prior('timezone_abbreviations');
  const table = set === undefined ? undefined : facts.abbrevSets.get(set);
  const session = major >= 18 ? sessionZone(prior('timezone'), major) : undefined;
  const style = prior('datestyle');
  const parsedStyle = style === undefined ? undefined : parseDateStyle(style, major);
  return {
    major,
    order: parsedStyle && !parsedStyle.error ? parsedStyle.order : 'MDY',
    zoneExists: (name) => loadZone(name, facts) !== undefined,
    abbrev(lower): AbbrevMeaning | undefined {
      if (session?.abbrevs.has(lower.toUpperCase())) return { kind: 'DYNTZ', offset: 0 };
      const meaning = table?.get(lower);
      return meaning && { kind: meaning.dst ? 'DTZ' : 'TZ', offset: meaning.offset };
    },
  };
}

/** Advice when the value names an abbreviation the server does not know yet at this point of the file. */
function abbreviationAdvice(fields: Field[], ctx: DateContext, major: Major): string | undefined {
  const known = readStringFacts(major)?.abbrevSets.get('Default');
  const word = fields.find((field) => field.type === 'string' && known?.has(field.text) && !ctx.abbrev(field.text))?.text;
  if (!word) return undefined;
  return `The abbreviation ${word.toUpperCase()} is not known yet when PostgreSQL reads this line: set timezone_abbreviations earlier in the file, or write an offset (+02) or a zone name (Europe/Berlin).`;
}

export function checkRecoveryTargetTime(name: string, value: string, major: Major, prior: PriorSetting = () => undefined): ValueVerdict {
  if (value === '') return ok(value);
  if (SPECIAL.includes(value)) return invalid(name, value, hintOf(`"${value}" is not allowed here.`, ADVICE));
  const ctx = dateContext(major, prior);
  if (!ctx) return ok(value);
  const fields = parseDateTime(value, WORK_BUFFER);
  if (!fields) return invalid(name, value, ADVICE);
  const decoded = decodeDateTime(fields, ctx);
  // Before 16 an unknown zone name aborted the read with an error of its own.
  if (decoded.error === 'timezone' && major < 16) return refused(`time zone "${decoded.zone}" not recognized`, 'PostgreSQL stops reading the configuration here.');
  if (decoded.error) return invalid(name, value, abbreviationAdvice(fields, ctx, major) ?? ADVICE);
  if (!inRange(decoded.tm, decoded.west)) {
    return invalid(name, value, forMajor(major, { 13: `timestamp out of range: "${value}"`, 18: `Timestamp out of range: "${value}".` }));
  }
  return ok(value);
}
