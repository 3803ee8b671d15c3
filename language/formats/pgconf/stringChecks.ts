import type { Major } from '../../catalog/types';
import { isCSpace } from './cNumbers';
import { CODES } from './codes';
import { invalid, ok } from './hookVerdicts';
import { splitIdentifiers } from './identifierList';
import { LIST_HOOKS } from './listHooks';
import { checkRecoveryTargetTime, type PriorSetting } from './recoveryTargetTime';
import { TIME_ZONE_HOOKS } from './timeZoneCheck';
import type { ValueVerdict } from './values';

export { splitIdentifiers };

/**
 * The check hooks PostgreSQL runs on string parameters while reading the file at startup. Strings not
 * listed here are accepted as written, exactly like the server does.
 */
type StringCheck = (name: string, value: string, major: Major, prior: PriorSetting) => ValueVerdict;


const LOG_DESTINATIONS = ['stderr', 'csvlog', 'syslog'];

function checkLogDestination(name: string, value: string, major: Major): ValueVerdict {
  const items = splitIdentifiers(value);
  if (!items) return invalid(name, value, 'List syntax is invalid.');
  const allowed = major >= 15 ? [...LOG_DESTINATIONS, 'jsonlog'] : LOG_DESTINATIONS;
  const bad = items.find((item) => !allowed.includes(item.toLowerCase()));
  return bad !== undefined ? invalid(name, value, `Unrecognized key word: "${bad}". Use ${allowed.join(', ')}.`) : ok(value);
}

/** The grammar of synchronous_standby_names (syncrep_gram.y / syncrep_scanner.l). Kept as one scanner + one parser
 * (just over 60 lines) so that it can be read side by side with PostgreSQL's grammar. */
export function standbyNamesError(value: string): string | undefined {
  const tokens: Array<{ type: 'name' | 'num' | 'first' | 'any' | ',' | '(' | ')'; text: string }> = [];
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (isCSpace(c)) i++;
    else if (',()*'.includes(c)) {
      tokens.push({ type: c === '*' ? 'name' : (c as ',' | '(' | ')'), text: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        const end = value.indexOf('"', j);
        if (end < 0) return 'unterminated quoted identifier';
        text += value.slice(j, end);
        j = end + 1;
        if (value[j] !== '"') break;
        text += '"';
        j++;
      }
      tokens.push({ type: 'name', text });
      i = j;
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9]+/.exec(value.slice(i))![0];
      tokens.push({ type: 'num', text: match });
      i += match.length;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const match = /^[A-Za-z_\u0080-\uffff][A-Za-z_0-9$\u0080-\uffff]*/.exec(value.slice(i))![0];
      const lower = match.toLowerCase();
      tokens.push({ type: lower === 'first' ? 'first' : lower === 'any' ? 'any' : 'name', text: match });
      i += match.length;
    } else return `syntax error near "${c}"`;
  }
  if (tokens.length === 0) return undefined;
  let p = 0;
  const peek = () => tokens[p]?.type;
  const list = (): boolean => {
    for (;;) {
      if (peek() !== 'name' && peek() !== 'num') return false;
      p++;
      if (peek() !== ',') return true;
      p++;
    }
  };
  let count = 1;
  if ((peek() === 'first' || peek() === 'any') && tokens[p + 1]?.type === 'num' && tokens[p + 2]?.type === '(') {
    count = Number(tokens[p + 1].text);
    p += 3;
    if (!list() || peek() !== ')') return 'syntax error';
    p++;
  } else if (peek() === 'num' && tokens[p + 1]?.type === '(') {
    count = Number(tokens[p].text);
    p += 2;
    if (!list() || peek() !== ')') return 'syntax error';
    p++;
  } else if (!list()) return 'syntax error';
  if (p < tokens.length) return 'syntax error';
  if (count <= 0) return `number of synchronous standbys (${count}) must be greater than zero`;
  return undefined;
}

function checkStandbyNames(name: string, value: string): ValueVerdict {
  const error = standbyNamesError(value);
  if (!error) return ok(value);
  const advice = "Write a name list, 'FIRST n (s1, s2)' or 'ANY n (s1, s2)'.";
  // The hook words a bad count itself; a syntax error gets the generic message with the parser's complaint as detail.
  if (error.startsWith('number of synchronous standbys')) return { ok: false, code: CODES.standbyNamesSyntax, message: error, hint: advice };
  return { ok: false, code: CODES.standbyNamesSyntax, message: `invalid value for parameter "${name}": "${value}"`, hint: `${error}. ${advice}` };
}

function checkSlotName(name: string, value: string): ValueVerdict {
  if (value === '') return ok(value);
  if (value.length > 63) return invalid(name, value, `replication slot name "${value}" is too long (at most 63 characters).`);
  if (!/^[a-z0-9_]+$/.test(value)) {
    return invalid(name, value, 'Replication slot names may only contain lower case letters, numbers, and the underscore character.');
  }
  return ok(value);
}

/** pg_clean_ascii as the check hooks of application_name and cluster_name apply it. */
function cleanAscii(value: string, major: Major): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    if (byte >= 32 && byte <= 126) out += String.fromCharCode(byte);
    else out += major >= 16 ? `\\x${byte.toString(16).padStart(2, '0')}` : '?';
  }
  return out;
}

/** canonicalize_path: repeated and trailing slashes; 15+ also drops every `.` segment, older majors only a trailing one. */
function canonicalPath(value: string, major: Major): string {
  if (value === '') return value;
  let path = value.replace(/\/+/g, '/');
  if (major >= 15) {
    const absolute = path.startsWith('/');
    const parts = path.split('/').filter((part) => part !== '' && part !== '.');
    path = (absolute ? '/' : '') + parts.join('/');
    return path === '' ? (absolute ? '/' : '.') : path;
  }
  for (;;) {
    const before = path;
    if (path.length > 1) path = path.replace(/\/$/, '');
    if (path.endsWith('/.')) path = path.slice(0, -2) || '/';
    if (path === before) return path;
  }
}

/** strtou64 as check_recovery_target_xid uses it: only an overflowing number is rejected. */
function checkXid(name: string, value: string): ValueVerdict {
  const digits = /^\s*[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)/.exec(value);
  if (!digits) return ok(value);
  const text = digits[1];
  const number = /^0[xX]/.test(text) ? BigInt(text) : /^0[0-7]+$/.test(text) ? BigInt(`0o${text.slice(1)}`) : BigInt(text.replace(/^0+(?=\d)/, '').replace(/[89].*$/, '') || '0');
  return number > 0xffffffffffffffffn ? invalid(name, value, 'The transaction ID is too large.') : ok(value);
}

/** check_createrole_self_grant: a list of SET and INHERIT. */
function checkSelfGrant(name: string, value: string): ValueVerdict {
  const items = splitIdentifiers(value);
  if (!items) return invalid(name, value, 'List syntax is invalid.');
  const bad = items.find((item) => !['set', 'inherit'].includes(item.toLowerCase()));
  return bad === undefined ? ok(value) : invalid(name, value, `Unrecognized key word: "${bad}". Use set, inherit or both.`);
}

/** check_log_connections (18+): one old boolean spelling alone, or a list of connection aspects. */
function checkLogConnections(name: string, value: string, major: Major): ValueVerdict {
  if (major < 18) return ok(value);
  const items = splitIdentifiers(value);
  if (!items) return invalid(name, value, 'List syntax is invalid.');
  const compat = ['off', 'false', 'no', '0', 'on', 'true', 'yes', '1'];
  if (items.length > 0 && compat.includes(items[0].toLowerCase())) {
    return items.length === 1 ? ok(value) : invalid(name, value, `"${items[0]}" cannot be combined with other options.`);
  }
  const aspects = ['receipt', 'authentication', 'authorization', 'setup_durations', 'all'];
  const bad = items.find((item) => !aspects.includes(item.toLowerCase()));
  return bad === undefined ? ok(value) : invalid(name, value, `Invalid option "${bad}". Use on, off, or a list of ${aspects.join(', ')}.`);
}

/** check_synchronized_standby_slots (17+): a list of valid replication slot names. */
function checkStandbySlots(name: string, value: string): ValueVerdict {
  const items = splitIdentifiers(value);
  if (!items) return invalid(name, value, 'List syntax is invalid.');
  const bad = items.find((item) => item.length > 63 || !/^[a-z0-9_]+$/.test(item));
  return bad === undefined ? ok(value) : invalid(name, value, `"${bad}" is not a valid replication slot name.`);
}

/** The timezone abbreviation sets shipped in share/timezonesets that can be used on their own. */
const ABBREVIATION_SETS = ['Default', 'Australia', 'India'];

const STRING_CHECKS: Record<string, StringCheck> = {
  log_destination: checkLogDestination,
  synchronous_standby_names: (name, value) => checkStandbyNames(name, value),
  primary_slot_name: (name, value) => checkSlotName(name, value),
  application_name: (_name, value, major) => ok(cleanAscii(value, major)),
  cluster_name: (_name, value, major) => ok(cleanAscii(value, major)),
  search_path: (name, value) => (splitIdentifiers(value) ? ok(value) : invalid(name, value, 'List syntax is invalid.')),
  temp_tablespaces: (name, value) => (splitIdentifiers(value) ? ok(value) : invalid(name, value, 'List syntax is invalid.')),
  log_directory: (_name, value, major) => ok(canonicalPath(value, major)),
  external_pid_file: (_name, value, major) => ok(canonicalPath(value, major)),
  stats_temp_directory: (_name, value, major) => ok(canonicalPath(value, major)),
  createrole_self_grant: checkSelfGrant,
  log_connections: checkLogConnections,
  synchronized_standby_slots: (name, value) => checkStandbySlots(name, value),
  default_table_access_method: (name, value) => (value === '' ? invalid(name, value, `"${name}" cannot be empty.`) : ok(value)),
  timezone_abbreviations: checkAbbreviations,
  recovery_target: (name, value) =>
    value === '' || value === 'immediate' ? ok(value) : invalid(name, value, 'The only allowed value is "immediate".'),
  recovery_target_lsn: (name, value) =>
    value === '' || /^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/.test(value) ? ok(value) : invalid(name, value, 'Write an LSN like 0/3000060.'),
  recovery_target_xid: checkXid,
  recovery_target_name: (name, value) =>
    value.length < 64 ? ok(value) : invalid(name, value, `"${name}" is too long (maximum 63 characters).`),
  role: (name, value) => (value === 'none' ? ok(value) : invalid(name, value, 'Only "none" can be set in the configuration file.')),
  session_authorization: (name, value) => invalid(name, value, 'This parameter cannot be set in the configuration file.'),
  recovery_target_time: checkRecoveryTargetTime,
  // Empty means "from the environment" only for the built-in default; other locale names depend on the host.
  lc_messages: (name, value) => (value === '' ? invalid(name, value, 'Use C, POSIX or a locale name the host has.') : ok(value)),
  ...LIST_HOOKS,
  ...TIME_ZONE_HOOKS,
};

function checkAbbreviations(name: string, value: string): ValueVerdict {
  if (ABBREVIATION_SETS.includes(value)) return ok(value);
  const hint = `Use one of the shipped sets: ${ABBREVIATION_SETS.join(', ')}.`;
  // The hook opens share/timezonesets/<value>: an empty name opens the folder itself.
  if (value === '') return { ok: false, code: CODES.invalidValue, message: 'could not read time zone file "": Is a directory', hint };
  return invalid(name, value, hint);
}

/** String parameters flagged GUC_IS_NAME: PostgreSQL cuts them to NAMEDATALEN-1 bytes before any check. */
const NAME_STRINGS = new Set(['application_name', 'client_encoding', 'cluster_name', 'default_tablespace', 'default_table_access_method', 'role', 'session_authorization']);

/** truncate_identifier: at most 63 bytes, never cutting a UTF-8 character in half. */
function truncateIdentifier(value: string): string {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length <= 63) return value;
  let end = 63;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/**
 * Checks a string parameter the way its PostgreSQL check hook does (if it has one). `name` is the
 * parameter's own spelling (TimeZone), which PostgreSQL's complaints use; `prior` gives values set by
 * earlier lines, for the hooks that read them.
 */
export function checkStringValue(name: string, value: string, major: Major, prior: PriorSetting = () => undefined): ValueVerdict {
  const key = name.toLowerCase();
  const stored = NAME_STRINGS.has(key) ? truncateIdentifier(value) : value;
  const check = STRING_CHECKS[key];
  return check ? check(name, stored, major, prior) : ok(stored);
}
