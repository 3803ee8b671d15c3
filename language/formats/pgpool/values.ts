/**
 * What pgpool-II makes of one value (pool_config_variables.c, checked by the differential test): numbers and
 * enums it refuses with a FATAL, booleans and reals it takes whatever they say, backend_flagN's flags.
 */
import type { SettingFacts } from '../../catalog/poolerCatalog';
import { strtod } from '../pgconf/cNumbers';
import { baseUnitOf, parseBool, parseNumberWithUnit } from '../pgconf/values';
import { CODES, type PgpoolCode } from './codes';

export type PgpoolVerdict =
  | { ok: true }
  | {
      ok: false;
      code: PgpoolCode;
      /** pgpool refuses the file (FATAL, exit status 3); otherwise it takes it and we only warn. */
      refused: boolean;
      /** The FATAL line's words (ours when pgpool says nothing). */
      message: string;
      /** The FATAL line exactly as pgpool prints it, when it differs from message (a line break as the value). */
      said?: string;
      /** pgpool's DETAIL/HINT line, as it prints it ("HINT:  …"). */
      extra?: string;
      /** Our advice. */
      hint?: string;
      /** Replacement values, best first. */
      suggestions?: string[];
    };

const OK: PgpoolVerdict = { ok: true };

/** pgpool prints a newline value as is; in a message it is easier to read as "". */
const shown = (value: string) => (value === '\n' ? '' : value);

const invalid = (name: string, value: string, extra?: string, hint?: string, suggestions?: string[]): PgpoolVerdict => ({
  ok: false,
  code: CODES.invalidValue,
  refused: true,
  message: `invalid value for parameter "${name}": "${shown(value)}"`,
  said: `invalid value for parameter "${name}": "${value}"`,
  extra,
  hint,
  suggestions,
});

/** pgpool's 64-bit integers (delay_threshold, memqcache_total_size…) state a maximum above 2^31. */
const INT_MAX = 2147483647;

/** An integer as pgpool prints it; a double cannot hold INT64_MAX, which the catalog's JSON rounds to 2^63. */
const showInteger = (n: number) => (n >= 2 ** 63 ? '9223372036854775807' : n <= -(2 ** 63) ? '-9223372036854775808' : String(n));

/** pgpool reads a 64-bit setting as a double and casts it: 2^63 and up wrap to INT64_MIN (seen on 4.3 and 4.6). */
const castInt64 = (n: number) => (n >= 2 ** 63 ? -(2 ** 63) : n);

function integerVerdict(name: string, facts: SettingFacts, value: string): PgpoolVerdict {
  const wide = (facts.max ?? 0) > INT_MAX;
  const parsed = parseNumberWithUnit(value, !wide, baseUnitOf(facts.unit));
  if (!parsed.ok) {
    // pgpool words PostgreSQL's hints its own way for the range; the unit hint is the same.
    const extra = parsed.hint?.startsWith('Value exceeds') ? 'Value exceeds allowed range.' : parsed.hint;
    const hint = value === '\n' ? 'The line ends after the name: give the setting a value.' : facts.unit ? `Default unit: ${facts.unit}.` : 'A whole number without a unit.';
    return invalid(name, value, extra ? `HINT:  ${extra}` : undefined, hint);
  }
  return rangeVerdict(name, facts, wide ? castInt64(Math.round(parsed.value)) : parsed.value, showInteger);
}

function rangeVerdict(name: string, facts: SettingFacts, value: number, show: (n: number) => string): PgpoolVerdict {
  const min = facts.min ?? -Infinity;
  const max = facts.max ?? Infinity;
  if (value >= min && value <= max) return OK;
  return {
    ok: false,
    code: CODES.outOfRange,
    refused: true,
    message: `${show(value)} is outside the valid range for parameter "${name}" (${show(min)} .. ${show(max)})`,
    hint: `Use a value from ${show(min)} to ${show(max)}.`,
  };
}

/** A real takes what C's atof reads from the start of the text (free text reads as 0). */
function realVerdict(name: string, facts: SettingFacts, value: string): PgpoolVerdict {
  const parsed = strtod(value);
  const number = parsed.end === 0 || Number.isNaN(parsed.value) ? 0 : parsed.value;
  const range = rangeVerdict(name, facts, number, (n) => n.toFixed(6));
  if (!range.ok) return range;
  if (parsed.end > 0 && value.slice(parsed.end).trim() === '') return OK;
  return {
    ok: false,
    code: CODES.invalidReal,
    refused: false,
    message: `"${shown(value)}" is not a number: pgpool reads it as ${number}`,
    hint: 'Write a plain number (weights are relative: 1 and 1 balance evenly).',
  };
}

function enumVerdict(name: string, facts: SettingFacts, value: string): PgpoolVerdict {
  const values = facts.values ?? [];
  if (values.some((v) => v.toLowerCase() === value.toLowerCase())) return OK;
  return invalid(name, value, `HINT:  Available values: ${values.join(', ')}.`, undefined, values);
}

function boolVerdict(value: string): PgpoolVerdict {
  if (parseBool(value) !== undefined) return OK;
  return {
    ok: false,
    code: CODES.invalidBoolean,
    refused: false,
    message: `"${shown(value)}" is not a boolean: pgpool takes it without a word and reads it as on`,
    hint: 'Write on or off.',
    suggestions: ['on', 'off'],
  };
}

/** backend_flagN: flags joined by `|`, each one pgpool knows (case matters); not ALLOW and DISALLOW together. */
export function backendFlagVerdict(name: string, value: string, version: string): PgpoolVerdict {
  if (value === '') return OK;
  const known = ['ALLOW_TO_FAILOVER', 'DISALLOW_TO_FAILOVER', version === '4.1' ? 'ALWAYS_MASTER' : 'ALWAYS_PRIMARY'];
  // pgpool splits with strtok: empty parts go; 4.6 trims each flag, 4.3 does not ("ALLOW_TO_FAILOVER " is unknown to it).
  const trims = !['4.1', '4.3'].includes(version);
  const flags = value.split('|').map((flag) => (trims ? flag.trim() : flag)).filter(Boolean);
  const refuse = (detail: string): PgpoolVerdict => ({
    ok: false,
    code: CODES.backendFlag,
    refused: true,
    message: `invalid configuration for key "${name}"`,
    extra: `DETAIL:  ${detail}`,
    hint: `Flags are ${known.join(', ')}, joined by |.`,
    suggestions: known,
  });
  const unknown = flags.find((flag) => !known.includes(flag));
  if (unknown !== undefined) return refuse(`unknown backend flag:${unknown}`);
  if (flags.includes('ALLOW_TO_FAILOVER') && flags.includes('DISALLOW_TO_FAILOVER')) return refuse('cannot set ALLOW_TO_FAILOVER and DISALLOW_TO_FAILOVER at the same time');
  return OK;
}

/** log_destination: stderr and/or syslog, separated by commas. */
export function logDestinationVerdict(value: string): PgpoolVerdict {
  const unknown = value.split(',').map((t) => t.trim()).find((t) => !['stderr', 'syslog'].includes(t.toLowerCase()));
  if (unknown === undefined) return OK;
  return { ok: false, code: CODES.invalidValue, refused: true, message: 'invalid configuration for "log_destination"', extra: `DETAIL:  unknown destination :${unknown}`, hint: "Use 'stderr', 'syslog' or 'stderr,syslog'.", suggestions: ['stderr', 'syslog'] };
}

/** A value checked as pgpool checks it for a setting of the catalog. */
export function checkPgpoolValue(name: string, facts: SettingFacts, value: string): PgpoolVerdict {
  switch (facts.type) {
    case 'int':
      return integerVerdict(name, facts, value);
    case 'real':
      return realVerdict(name, facts, value);
    case 'enum':
      return enumVerdict(name, facts, value);
    case 'bool':
      return boolVerdict(value);
    default:
      return OK;
  }
}
