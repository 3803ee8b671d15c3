/**
 * Generated pgbouncer.ini files for the differential test against the real PgBouncer: one questionable line per
 * file (the program reports only its first error), over every setting, entry key, section and line form the
 * catalog knows, with values valid and invalid for each type.
 */
import type { PgbouncerKnowledge } from '../../../language/formats/pgbouncer/knowledge';

export interface PgbouncerCase {
  /** What the case tries (for reports). */
  label: string;
  text: string;
  /** 0-based line of the questionable line. */
  line: number;
}

/** Lines every file starts with: a database, where to listen, no passwords (the judge's container has no network). */
export const BASE_LINES = ['[databases]', 'db = host=127.0.0.1 port=5432', '[pgbouncer]', 'listen_addr = 127.0.0.1', 'listen_port = 6432', 'auth_type = trust', 'auth_file = /dev/null'];

const INT_VALUES = ['0', '1', '7', '-5', '+3', '-0', '0x1f', '0X10', '0xg', '077', '08', '0777', '1.5', '1e3', 'abc', '', '10 ; note', '10 # note', '0x', '99999999999', '12abc', '1 2', '1_000', 'on', 'true', '+', '-'];
const REAL_VALUES = ['0', '1', '1.5', '.5', '5.', '-1', '-0', '+2', '5s', '5min', '100ms', '1h', '1e3', '1E-2', '1.5e3', '1e', '.', 'inf', 'Infinity', 'nan', '-nan', '-inf', '1e999', '1e-400', '0x10', '0x1p3', '0x.8', 'abc', '', '1,5', '3 ; note'];
const ENUM_EXTRAS = ['bogus', "'quoted'", '', '1'];

/** Settings whose values reach the system (files, sockets, users, TLS): only their defaults are tried. */
const SYSTEM_SETTINGS = /^(listen_addr|listen_port|unix_socket_|user|logfile|pidfile|auth_file|auth_hba_file|auth_ident_file|conffile|resolv_conf|syslog|client_tls_|server_tls_|peer_id|so_reuseport|pkt_buf|sbuf_loopcnt|listen_backlog|max_client_conn|max_packet_size|tcp_)/;

function valuesFor(knowledge: PgbouncerKnowledge, name: string): string[] {
  const facts = knowledge.of(knowledge.versionsOf(name).at(-1)!).settings.get(name)!;
  const defaults = facts.default ? [facts.default] : [];
  if (SYSTEM_SETTINGS.test(name)) {
    // Their numbers may still be judged: bad forms never get past loading.
    if (facts.type === 'int') return [...defaults, 'abc', '1.5', '08', ''];
    return defaults;
  }
  if (facts.type === 'int') return INT_VALUES;
  if (facts.type === 'real') return REAL_VALUES;
  if (facts.type === 'enum') {
    const values = facts.values ?? [];
    return [...values, ...values.slice(0, 2).map((v) => v.toUpperCase()), ...ENUM_EXTRAS];
  }
  return [...defaults, 'some text'];
}

function settingCases(knowledge: PgbouncerKnowledge): PgbouncerCase[] {
  const cases: PgbouncerCase[] = [];
  for (const name of knowledge.allSettings) {
    for (const value of valuesFor(knowledge, name)) cases.push(lineCase(`${name} = ${value}`, `${name} = ${value}`));
    cases.push(lineCase(`typo of ${name}`, `${name.slice(0, -1)} = 1`));
    cases.push(lineCase(`upper case ${name}`, `${name.toUpperCase()} = 1`));
    if (name.includes('_')) cases.push(lineCase(`${name} with a dash`, `${name.replace(/_/g, '-')} = 1`));
    cases.push(lineCase(`${name} without value`, `${name} =`));
  }
  return cases;
}

const ENTRY_VALUES: Record<string, string[]> = {
  port: ['6543', '0', 'abc', '12x', '-1'],
  pool_mode: ['session', 'TRANSACTION', 'bad'],
  load_balance_hosts: ['disable', 'round-robin', 'bad'],
  host: ['127.0.0.1', "'with space'"],
};

function entryCases(knowledge: PgbouncerKnowledge): PgbouncerCase[] {
  const cases: PgbouncerCase[] = [];
  for (const section of ['databases', 'users'] as const) {
    const name = section === 'databases' ? 'foo' : 'bob';
    const prefix = section === 'databases' ? 'host=127.0.0.1 ' : '';
    for (const key of new Set(knowledge.versions.flatMap((v) => knowledge.of(v).sectionKeys[section]))) {
      for (const value of ENTRY_VALUES[key] ?? ['7', 'abc']) cases.push(sectionCase(section, `${name} = ${prefix}${key}=${value}`));
    }
    for (const value of ['nosuch=1', 'pool_mode', '=x', "password='open", "user=''", 'user = spaced', "password='it''s'x"]) cases.push(sectionCase(section, `${name} = ${prefix}${value}`));
  }
  for (const line of ['pgbouncer = host=127.0.0.1', '* = nosuch=1', 'empty =', 'a.b-c* = host=127.0.0.1', '"quoted" = host=x']) cases.push(sectionCase('databases', line));
  for (const line of ['1 = host=127.0.0.1', '0 = host=x', '65536 = host=x', 'abc = host=x', '2 = port=5', '3 = host=x foo=1', '4 = host=x port=0', '5 = host=x pool_size=abc']) cases.push(sectionCase('peers', line));
  return cases;
}

function formCases(): PgbouncerCase[] {
  const lines = ['no equals here', 'max client = 1', '= 5', 'a.b = 5', '[nosuch]', '[PgBouncer]', '[ pgbouncer ]', '[]', '[pgbouncer', '%include /dev/null', '%include', '%include /nonexistent.ini', '%foo bar', '  ; comment', '# comment', '\tmax_client_conn\t=\t10'];
  const cases = lines.map((line) => lineCase(line, line));
  cases.push({ label: 'value before any section', text: 'listen_port = 6432\n[pgbouncer]\n', line: 0 });
  cases.push({ label: 'no [pgbouncer] section', text: '[databases]\ndb = host=127.0.0.1\n', line: 0 });
  cases.push({ label: 'empty file', text: '', line: 0 });
  return cases;
}

function lineCase(label: string, line: string): PgbouncerCase {
  return { label, text: `${[...BASE_LINES, line].join('\n')}\n`, line: BASE_LINES.length };
}

function sectionCase(section: string, line: string): PgbouncerCase {
  return { label: `[${section}] ${line}`, text: `${[...BASE_LINES, `[${section}]`, line].join('\n')}\n`, line: BASE_LINES.length + 1 };
}

/** Every generated case (the same for every version: the catalog's union). */
export function pgbouncerCases(knowledge: PgbouncerKnowledge): PgbouncerCase[] {
  const seen = new Set<string>();
  return [...settingCases(knowledge), ...entryCases(knowledge), ...formCases()].filter((c) => !seen.has(c.text) && seen.add(c.text));
}

/** A deterministic spread of `size` cases (every n-th), so a sample covers every kind. */
export function sampleOf<T>(cases: T[], size: number): T[] {
  if (cases.length <= size) return cases;
  const step = cases.length / size;
  return Array.from({ length: size }, (_, i) => cases[Math.floor(i * step)]);
}
