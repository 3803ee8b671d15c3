/**
 * Generates pg_hba.conf files for the differential test: the hand-written corner cases plus random lines
 * built from every field form (valid values and near misses) with random mutations (dropped fields, comma
 * lists, quotes, case, comments, continuations).
 */
import { random } from '../generate';
import { FIXTURE_FILES, handWrittenLines } from './cases';

export { FIXTURE_FILES };

const TYPES = ['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc'];
const BAD_TYPES = ['Host', 'hosts', 'localhost', 'hostssl,host', '"local"', 'ssl', '""'];
const DATABASES = ['all', 'sameuser', 'samerole', 'samegroup', 'replication', 'postgres', 'app_db', '"all"', 'db1,db2', '"my db"', '@hba_users.txt', '/^app', '/^(a|b)$', '/[x', '+admins', '"/x"', 'é_db'];
const ROLES = ['all', 'postgres', 'app', '+admins', '"+admins"', 'alice,bob', '@hba_users.txt', '/^u[0-9]+$', '/(', '"all"', 'replication', 'sameuser', '""', 'role_ü'];
const ADDRESSES = ['all', 'samehost', 'samenet', '127.0.0.1/32', '10.0.0.0/8', '192.168.0.0/16', '0.0.0.0/0', '::1/128', '::/0', 'fe80::/10', '10.1.2.3 255.255.255.0',
  '::1 ffff:ffff::', 'db.example.com', '.example.com', 'localhost', '10.0.0.0/40', '::1/200', 'host.example/8', '10.0.0.1', '1.2.3.4 255.0.0.0,1', '10.0.0.0/8,::1/128',
  '"samehost"', '10.0.0.0 ::', '172.16.0.0/12', '2001:db8::/32'];
const METHODS = ['trust', 'reject', 'scram-sha-256', 'md5', 'password', 'gss', 'sspi', 'ident', 'peer', 'pam', 'ldap', 'radius', 'cert', 'bsd', 'oauth', 'MD5', 'crypt', 'krb5', 'scram', 'trust,md5', '"trust"'];
const OPTIONS = ['map=omicron', 'clientcert=verify-full', 'clientcert=verify-ca', 'clientcert=1', 'clientname=CN', 'clientname=DN', 'pamservice=postgresql', 'pam_use_hostname=1',
  'ldapserver=ldap.example.net', 'ldapport=389', 'ldapport=x', 'ldapbasedn="dc=example,dc=net"', 'ldapprefix=cn=', 'ldapsuffix=,dc=example', 'ldapsearchattribute=uid',
  'ldapsearchfilter=(uid=$username)', 'ldaptls=1', 'ldapscheme=ldaps', 'ldapurl=ldap://ldap.example.net/dc=example?uid?sub', 'krb_realm=EXAMPLE.COM', 'include_realm=0',
  'compat_realm=1', 'upn_username=1', 'radiusservers=127.0.0.1', 'radiussecrets=s3cret', 'radiusports=1812', 'radiusidentifiers=pg', 'issuer=https://issuer.example',
  'scope=openid', 'validator=v', 'delegate_ident_mapping=1', 'bogus=1', 'map', 'Map=x', '"map=quoted"'];

type Rnd = () => number;

const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

function randomLine(rnd: Rnd): string {
  const type = rnd() < 0.05 ? pick(rnd, BAD_TYPES) : pick(rnd, TYPES);
  const fields = [type, pick(rnd, DATABASES), pick(rnd, ROLES)];
  if (!type.startsWith('local') || rnd() < 0.05) fields.push(pick(rnd, ADDRESSES));
  const method = pick(rnd, METHODS);
  fields.push(method);
  const optionCount = rnd() < 0.5 ? 0 : Math.floor(rnd() * 3) + 1;
  for (let i = 0; i < optionCount; i++) fields.push(pick(rnd, OPTIONS));
  if (method === 'radius' && rnd() < 0.6) fields.push('radiusservers=127.0.0.1', 'radiussecrets=x');
  if (method === 'oauth' && rnd() < 0.6) fields.push('issuer=https://i.example', 'scope=openid');
  if (method === 'ldap' && rnd() < 0.5) fields.push('ldapbasedn=dc=x');
  return mutate(fields, rnd);
}

/** Spoils a line now and then, the ways people do. */
function mutate(fields: string[], rnd: Rnd): string {
  const roll = rnd();
  const out = [...fields];
  if (roll < 0.06) out.splice(1 + Math.floor(rnd() * (out.length - 1)), 1);
  else if (roll < 0.1) out[Math.floor(rnd() * out.length)] += `,${pick(rnd, ['x', 'all', '"y"'])}`;
  else if (roll < 0.13) out[Math.floor(rnd() * out.length)] = `"${out[Math.floor(rnd() * out.length)].replace(/"/g, '""')}"`;
  else if (roll < 0.16) out[Math.floor(rnd() * out.length)] = out[Math.floor(rnd() * out.length)].toUpperCase();
  const separator = () => pick(rnd, [' ', ' ', '\t', '  ', ' \t ']);
  let line = out.map((f, i) => (i === 0 ? f : separator() + f)).join('');
  const tail = rnd();
  if (tail < 0.08) line += ` # ${pick(rnd, ['note', 'a "quoted" comment', 'trailing \\'])}`;
  else if (tail < 0.12) {
    const at = line.indexOf(' ', Math.floor(rnd() * line.length));
    if (at > 0) line = `${line.slice(0, at)} \\\n${line.slice(at + 1)}`;
  } else if (tail < 0.14) line = `  ${line}\r`;
  return line;
}

const REGEX_ALPHABET = ['a', 'b', 'z', '0', '1', '2', '9', '(', ')', '(?', '(?:', '(?=', '(?<!', '[', ']', '[^', '[:alpha:]', '[.', '.]', '[=', '{', '}', '{1', '{2,', ',3}',
  '*', '+', '?', '|', '^', '$', '.', '-', '\\', '\\d', '\\w', '\\x4', '\\u', '\\y', '\\1', '\\m', '\\Q', ':', '='];

/** A random regular expression from the pieces PostgreSQL's compiler treats specially (no comma, blank or #). */
function randomRegex(rnd: Rnd): string {
  const length = 1 + Math.floor(rnd() * 7);
  return Array.from({ length }, () => pick(rnd, REGEX_ALPHABET)).join('');
}

export interface GeneratedFile {
  /** The pg_hba.conf text. */
  text: string;
  /** Count of generated entries (a continued entry counts once). */
  lines: number;
  /** The entries (some span several physical lines). */
  entries: string[];
}

/** The file of the given entries. */
export function hbaFile(entries: string[]): GeneratedFile {
  return { text: `${entries.join('\n')}\n`, lines: entries.length, entries };
}

/** An evenly spread subset of `count` entries (for the CI-sized run). */
export function sampleEntries(entries: string[], count: number): string[] {
  if (entries.length <= count) return entries;
  const step = entries.length / count;
  return Array.from({ length: count }, (_, i) => entries[Math.floor(i * step)]);
}

/** At least `minimum` entries: all hand-written ones, then random ones, in a fixed order (same seed, same file). */
export function generateHba(minimum = 1000, seed = 20240613): GeneratedFile {
  const rnd = random(seed);
  const lines = handWrittenLines();
  const regexes = Math.floor(minimum / 4);
  for (let i = 0; i < regexes; i++) lines.push(`${pick(rnd, ['host all', 'local'])} /${randomRegex(rnd)} all trust`);
  while (lines.length < minimum) lines.push(randomLine(rnd));
  return hbaFile(lines);
}
