/**
 * What PgBouncer itself says about its settings: types, enum values and accepted [databases]/[users] keys,
 * found by starting the real program (the pooler oracle) on small files and reading its complaints.
 * Every line of the answer rests on a verdict of the program; the candidate lists only say what to ask.
 */
import type { PoolerJudge, PoolerVerdict } from '../../differential/poolers/oracle';
import type { SettingType } from './catalogFile';

const BASE = ['[databases]', 'db = host=127.0.0.1 port=5432', '[pgbouncer]', 'listen_addr = 127.0.0.1', 'listen_port = 6432', 'auth_type = trust', 'auth_file = /dev/null'];

/** A loadable file with extra [pgbouncer] lines (and optionally other sections after it). */
export function pgbouncerFile(settings: string[], after: string[] = []): string {
  return [...BASE, ...settings, ...after].join('\n') + '\n';
}

/** The program refused `value` for `name` (its "invalid value" line names both). */
export function refused(verdict: PoolerVerdict, name: string, value: string): boolean {
  return verdict.lines.some((line) => line.includes(`invalid value "${value}" for parameter ${name} in configuration`));
}

/** Settings whose values are comma-separated lists (the program parses them as free text). */
const LIST_SETTINGS = new Set(['admin_users', 'stats_users', 'ignore_startup_parameters', 'listen_addr', 'track_extra_parameters']);

/** Values worth trying on an enum: the program's verdict decides which it takes. */
export const ENUM_CANDIDATES = [
  'session', 'transaction', 'statement', 'any', 'trust', 'plain', 'md5', 'scram-sha-256', 'cert', 'hba', 'pam', 'ldap',
  'peer', 'crypt', 'password', 'reject', 'disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full', 'round-robin',
  'none', 'auto', 'legacy', 'secure', 'all', 'normal', 'fast', 'default', 'on', 'off', 'true', 'false', 'yes', 'no', '0', '1',
  'daemon', 'user', 'auth', 'authpriv', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
];

const PROBES = ['pgha_probe', '1', '7', '1.5'] as const;

async function askMany(judge: PoolerJudge, questions: { name: string; value: string }[]): Promise<PoolerVerdict[]> {
  return judge.judge(questions.map((q) => pgbouncerFile([`${q.name} = ${q.value}`])));
}

/** Type of each setting from four probes: free text → string/list; 1 but not 7 → bool; 1.5 → real; else int/enum. */
export async function probeTypes(judge: PoolerJudge, names: string[]): Promise<Map<string, SettingType>> {
  const questions = names.flatMap((name) => PROBES.map((value) => ({ name, value })));
  const verdicts = await askMany(judge, questions);
  const types = new Map<string, SettingType>();
  names.forEach((name, n) => {
    const [text, one, seven, real] = PROBES.map((value, p) => !refused(verdicts[n * PROBES.length + p], name, value));
    let type: SettingType;
    if (text) type = LIST_SETTINGS.has(name) ? 'list' : 'string';
    else if (!one) type = 'enum';
    else if (!seven) type = 'bool';
    else type = real ? 'real' : 'int';
    types.set(name, type);
  });
  return types;
}

/** Values each enum accepts, as spelled in the candidates (case checked separately by the caller's messages). */
export async function probeEnumValues(judge: PoolerJudge, names: string[], defaults: Map<string, string>): Promise<Map<string, string[]>> {
  const candidatesOf = (name: string) => [...new Set([...ENUM_CANDIDATES, defaults.get(name) ?? ''].filter(Boolean))];
  const questions = names.flatMap((name) => candidatesOf(name).map((value) => ({ name, value })));
  const verdicts = await askMany(judge, questions);
  const values = new Map<string, string[]>();
  questions.forEach((q, i) => {
    if (!refused(verdicts[i], q.name, q.value)) values.set(q.name, [...(values.get(q.name) ?? []), q.value]);
  });
  return values;
}

/** Keys of a [databases] connection string that are worth asking about, with a value each key takes. */
export const DATABASE_KEY_CANDIDATES: Record<string, string> = {
  dbname: 'app', host: '127.0.0.1', port: '5432', user: 'app', password: 'secret', auth_user: 'app', auth_query: "'SELECT 1'",
  auth_dbname: 'app', pool_size: '5', min_pool_size: '1', reserve_pool: '1', reserve_pool_size: '1', connect_query: "'SELECT 1'",
  pool_mode: 'session', max_db_connections: '5', max_db_client_connections: '5', server_lifetime: '60', client_encoding: 'UTF8',
  datestyle: 'ISO', timezone: 'UTC', application_name: 'app', load_balance_hosts: 'round-robin', sslmode: 'require',
  options: 'x', fallback_application_name: 'app', connect_timeout: '5', server_idle_timeout: '5',
};

/** Keys of a [users] line worth asking about. */
export const USER_KEY_CANDIDATES: Record<string, string> = {
  pool_mode: 'session', max_user_connections: '5', pool_size: '5', reserve_pool_size: '1', max_user_client_connections: '5',
  query_timeout: '5', idle_transaction_timeout: '5', client_idle_timeout: '5', user: 'app', password: 'x', auth_user: 'app',
};

/** Keys of a [peers] line worth asking about (the section exists since 1.19). */
export const PEER_KEY_CANDIDATES: Record<string, string> = { host: '127.0.0.1', port: '6432', pool_size: '5', user: 'x' };

interface KeyProbe {
  section: 'databases' | 'users' | 'peers';
  candidates: Record<string, string>;
  /** Line in that section for a key=value pair. */
  line: (pair: string) => string;
}

const KEY_PROBES: KeyProbe[] = [
  { section: 'databases', candidates: DATABASE_KEY_CANDIDATES, line: (pair) => `probe = host=127.0.0.1 ${pair}` },
  { section: 'users', candidates: USER_KEY_CANDIDATES, line: (pair) => `probe = ${pair}` },
  { section: 'peers', candidates: PEER_KEY_CANDIDATES, line: (pair) => `1 = host=127.0.0.1 ${pair}` },
];

/** Accepted keys per section; a key counts as accepted when the program loads the line without complaint about it. */
export async function probeSectionKeys(judge: PoolerJudge): Promise<Record<string, string[]>> {
  const questions = KEY_PROBES.flatMap((probe) => Object.entries(probe.candidates).map(([key, value]) => ({ probe, key, value })));
  const verdicts = await judge.judge(questions.map((q) => pgbouncerFile([], [`[${q.probe.section}]`, q.probe.line(`${q.key}=${q.value}`)])));
  const accepted: Record<string, string[]> = {};
  questions.forEach((q, i) => {
    accepted[q.probe.section] ??= [];
    const complaint = verdicts[i].lines.some((line) => /invalid value|unrecognized|invalid section|unknown/.test(line) && !line.startsWith('FATAL'));
    if (!complaint) accepted[q.probe.section].push(q.key);
  });
  return accepted;
}
