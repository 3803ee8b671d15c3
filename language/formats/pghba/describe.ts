/** describeLine: a pg_hba.conf line in words, for hover ("any user, to any database, over TCP/IP from any IPv4 address, with a SCRAM password"). */
import type { HbaLine } from './parser';
import type { HbaToken } from './types';
import type { HbaAddress, HbaRule } from './verdict';

const METHODS: Record<string, string> = {
  trust: 'without any password (trust)',
  reject: 'rejected (reject)',
  'scram-sha-256': 'with a SCRAM password',
  md5: 'with an MD5 or SCRAM password (md5)',
  password: 'with a password sent in clear text (password)',
  gss: 'with Kerberos (GSSAPI)',
  sspi: 'with Windows SSPI',
  ident: "if the client host's ident server names the same user (ident)",
  peer: 'if the operating-system user has the same name (peer)',
  pam: 'checked through PAM',
  ldap: 'checked against an LDAP server',
  radius: 'checked against a RADIUS server',
  cert: 'with a client certificate (cert)',
  bsd: 'with BSD Authentication',
  oauth: 'with an OAuth bearer token',
};

const CONNECTIONS: Record<string, string> = {
  local: 'over the Unix-domain socket',
  host: 'over TCP/IP (SSL or not)',
  hostssl: 'over TCP/IP with SSL',
  hostnossl: 'over TCP/IP without SSL',
  hostgssenc: 'over TCP/IP with GSSAPI encryption',
  hostnogssenc: 'over TCP/IP without GSSAPI encryption',
};

function nameList(tokens: HbaToken[], kind: 'user' | 'database'): string {
  const parts = tokens.map((t) => {
    if (!t.quoted && t.text === 'all') return `any ${kind}`;
    if (t.text.startsWith('@') && !t.quoted) return `the ${kind}s listed in ${t.text.slice(1)}`;
    if (t.text.startsWith('/')) return `${kind}s matching the regular expression ${t.text.slice(1)}`;
    if (kind === 'user' && t.text.startsWith('+') && !t.quoted) return `members of role ${t.text.slice(1)}`;
    if (kind === 'database' && !t.quoted) {
      if (t.text === 'sameuser') return 'the database named like the user';
      if (t.text === 'samerole' || t.text === 'samegroup') return 'a database named like a role the user is a member of';
      if (t.text === 'replication') return 'physical replication';
    }
    return `${kind} ${t.text === '' ? '""' : t.text}`;
  });
  return parts.join(' or ');
}

function addressWords(address: HbaAddress | undefined): string {
  if (!address) return '';
  const text = address.token.text;
  switch (address.kind) {
    case 'all':
      return ' from any address';
    case 'samehost':
      return " from any of the server's own addresses";
    case 'samenet':
      return ' from any subnet the server is directly on';
    case 'hostname':
      return text.startsWith('.') ? ` from any host whose name ends in ${text}` : ` from host ${text} (its name is checked both ways in DNS)`;
    default:
      break;
  }
  const family = address.family === 'ipv4' ? 'IPv4' : 'IPv6';
  const width = address.family === 'ipv4' ? 32 : 128;
  if (address.bits === 0) return ` from any ${family} address`;
  if (address.bits === width) return ` from ${text.split('/')[0]} only`;
  if (address.bits === undefined) return ` from ${text}${address.mask ? ` with netmask ${address.mask.text}` : ''}`;
  const count = 2n ** BigInt(width - address.bits);
  // Thousands separators by hand: BigInt's toLocaleString builds an Intl formatter per call (milliseconds per hover).
  const size = count < 1_000_000_000n ? `${String(count).replace(/\B(?=(\d{3})+$)/g, ',')} addresses` : `a /${address.bits} ${family} network`;
  return ` from ${text.split('/')[0]}/${address.bits} (${size})`;
}

function ruleWords(rule: HbaRule): string {
  const who = nameList(rule.roles, 'user');
  const what = nameList(rule.databases, 'database');
  const how = rule.method ? (METHODS[rule.effectiveMethod ?? rule.method] ?? `with method ${rule.method}`) : 'with no method yet';
  const map = rule.options.find((o) => o.name === 'map');
  const mapping = map ? `, user names mapped through pg_ident map "${map.value}"` : '';
  const local = rule.connectionType === 'local' && rule.method === 'ident' ? ' (ident on a local line means peer)' : '';
  return `${who}, to ${what}, ${CONNECTIONS[rule.connectionType]}${addressWords(rule.address)}, ${how}${local}${mapping}`;
}

/** The line in words. */
export function describeLine(line: HbaLine): string {
  if (line.include) {
    const target = line.include.target.text;
    if (line.include.directive === 'include') return `Reads the rules of ${target} here (the server refuses the configuration when it is missing)`;
    if (line.include.directive === 'include_if_exists') return `Reads the rules of ${target} here, when that file exists`;
    return `Reads the rules of every .conf file in the folder ${target} here, in file-name order`;
  }
  if (!line.rule) return 'Not a rule PostgreSQL can read';
  const words = ruleWords(line.rule);
  return words.charAt(0).toUpperCase() + words.slice(1);
}
