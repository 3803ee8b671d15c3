/**
 * What PgBouncer takes without a word (or refuses only at start-up, after the file loaded) but a user must hear:
 * TLS without key/cert, auth settings that cannot work, a port that wraps, negative sizes, a missing auth_file,
 * transaction pooling and prepared statements.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { refusalMessage, type FileSystemHost } from '../../../core/fileSystem';
import { readSmallFile } from '../compose/files';
import { authFileUsers, checkAuthFile } from './authFile';
import { secretKind } from './authOutcome';
import { PGBOUNCER_CODES as CODES, pgbouncerDiagnostic } from './codes';
import { parseConnString, type EntrySection } from './connString';
import { dirName, includeTarget } from './includes';
import type { VersionKnowledge } from './knowledge';
import type { ReadSetting } from './validator';
import type { ServerLimit } from './targetVersion';
import { cAtoi, cIntegerValue } from './values';

export interface CrossCheckInput {
  settings: Map<string, ReadSetting>;
  entries: { section: EntrySection; name: string; value: string; at: Range }[];
  version: VersionKnowledge;
  file: string;
  fs: FileSystemHost;
  serverLimits: ServerLimit[];
}

/** The value in effect: the file's, else the version's default. */
function valueOf(input: CrossCheckInput, name: string): string {
  return input.settings.get(name)?.item.value.text ?? input.version.settings.get(name)?.default ?? '';
}

const valueRange = (read: ReadSetting) => (read.at === read.item.range ? read.item.value.range : read.at);

function certAuth(input: CrossCheckInput): Diagnostic[] {
  const authType = input.settings.get('auth_type');
  if (authType?.item.value.text.toLowerCase() !== 'cert' || valueOf(input, 'client_tls_sslmode').toLowerCase() === 'verify-full') return [];
  return [
    pgbouncerDiagnostic({
      range: valueRange(authType),
      code: CODES.certWithoutVerify,
      severity: 'error',
      message: 'auth_type=cert requires client_tls_sslmode=SSLMODE_VERIFY_FULL',
      hint: 'PgBouncer refuses the file: set client_tls_sslmode = verify-full (with client_tls_ca_file, key and cert) or choose another auth_type.',
    }),
  ];
}

function tlsChecks(input: CrossCheckInput): Diagnostic[] {
  const mode = input.settings.get('client_tls_sslmode');
  if (!mode || mode.item.value.text.toLowerCase() === 'disable') return [];
  if (valueOf(input, 'client_tls_key_file') && valueOf(input, 'client_tls_cert_file')) return [];
  return [
    pgbouncerDiagnostic({
      range: valueRange(mode),
      code: CODES.tlsWithoutKey,
      severity: 'error',
      message: 'To allow TLS connections from clients, client_tls_key_file and client_tls_cert_file must be set.',
      hint: 'PgBouncer stops at start-up ("TLS setup failed"); set both files or client_tls_sslmode = disable.',
    }),
  ];
}

function authChecks(input: CrossCheckInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const authType = input.settings.get('auth_type');
  if (authType && authType.item.value.text.toLowerCase() === 'hba' && !valueOf(input, 'auth_hba_file')) {
    out.push(pgbouncerDiagnostic({ range: valueRange(authType), code: CODES.hbaWithoutFile, severity: 'warning', message: 'auth_type = hba without auth_hba_file', hint: 'PgBouncer starts but logs "could not open hba config file" and refuses every login; set auth_hba_file.' }));
  }
  const query = input.settings.get('auth_query');
  const dbAuthUser = input.entries.some((entry) => entry.section === 'databases' && /(^|\s)auth_user\s*=/.test(entry.value));
  if (query && !valueOf(input, 'auth_user') && !dbAuthUser) {
    out.push(pgbouncerDiagnostic({ range: valueRange(query), code: CODES.authQueryWithoutUser, severity: 'warning', message: 'auth_query is set but no auth_user runs it', hint: 'Set auth_user (here or per database) to the role PgBouncer connects as to look up passwords.' }));
  }
  out.push(...authFileChecks(input));
  return out;
}

/** The auth_file PgBouncer reads: missing, unreadable, broken, or holding secrets auth_type cannot use. */
function authFileChecks(input: CrossCheckInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const authFile = input.settings.get('auth_file');
  const looked = authFile && input.file ? authFileCandidate(input.file, authFile.item.value.text) : undefined;
  if (authFile && looked && !input.fs.exists(looked)) {
    out.push(pgbouncerDiagnostic({ range: valueRange(authFile), code: CODES.authFileMissing, severity: 'warning', message: `could not open auth_file ${authFile.item.value.text}: No such file or directory`, hint: `PgBouncer starts but every login that needs a password fails (looked for ${looked}).` }));
  } else if (authFile && looked) {
    // Regular files only; the host's own read limit bounds it (a userlist of many users is larger than a mounted script).
    const text = readSmallFile(input.fs, looked, Infinity);
    const refused = text === undefined ? input.fs.refusal?.(looked) : undefined;
    if (refused) out.push(pgbouncerDiagnostic({ range: valueRange(authFile), code: CODES.authFileBroken, severity: 'warning', message: `cannot read auth_file ${authFile.item.value.text}: ${refusalMessage(refused)}`, hint: `${looked}: PgBouncer cannot take users from it; point auth_file at a regular file of "user" "password" lines.` }));
    const problem = checkAuthFile(text ?? '');
    if (problem) out.push(pgbouncerDiagnostic({ range: valueRange(authFile), code: CODES.authFileBroken, severity: 'warning', message: problem.message, hint: `${looked} line ${problem.line + 1}: PgBouncer stops reading it there, so the users after it cannot log in. Each line is "user" "password".` }));
    if (text !== undefined && !problem) out.push(...md5ForScram(input, text, valueRange(authFile)));
  }
  return out;
}

/** auth_type = scram-sha-256 with md5 secrets: PgBouncer refuses those users itself (measured: authOutcome.ts). */
function md5ForScram(input: CrossCheckInput, userlist: string, range: Range): Diagnostic[] {
  if (valueOf(input, 'auth_type').toLowerCase() !== 'scram-sha-256') return [];
  const users = [...authFileUsers(userlist)].filter(([, secret]) => secretKind(secret) === 'md5').map(([user]) => `"${user}"`);
  if (!users.length) return [];
  const shown = users.slice(0, 3).join(', ') + (users.length > 3 ? ` and ${users.length - 3} more` : '');
  return [pgbouncerDiagnostic({ range, code: CODES.md5ForScram, severity: 'warning', message: `auth_type = scram-sha-256, and the auth_file holds md5 secrets for ${shown}: their logins fail with "SASL authentication failed" (PgBouncer logs "SCRAM authentication failed: user has MD5 secret")`, hint: 'Give those users their plain-text password or the SCRAM secret the server stores (pg_authid.rolpassword), or use auth_type = md5.' })];
}

/**
 * Where on this machine the auth_file can be checked: a relative path, or one in the ini's own folder. An image's
 * folder (/etc/pgbouncer/… in a container) is not: the image may write the file from its variables at start.
 */
function authFileCandidate(file: string, value: string): string | undefined {
  if (!value) return undefined;
  const path = includeTarget(file, value);
  return !value.startsWith('/') || dirName(path) === dirName(file) ? path : undefined;
}

const COUNTS = /^(max_|default_pool_size|min_pool_size|reserve_pool_size|listen_backlog|pkt_buf|sbuf_loopcnt)/;

function numberChecks(input: CrossCheckInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, read] of input.settings) {
    const facts = input.version.settings.get(name);
    if (facts?.type !== 'int') continue;
    const value = cIntegerValue(read.item.value.text);
    if (Number.isNaN(value)) continue;
    if (name === 'listen_port' && (value < 1 || value > 65535)) {
      out.push(pgbouncerDiagnostic({ range: valueRange(read), code: CODES.portRange, severity: 'warning', message: `listen_port ${value} is not a TCP port`, hint: `PgBouncer takes it and listens on port ${((value % 65536) + 65536) % 65536}; use 1–65535.` }));
    } else if (COUNTS.test(name) && value < 0) {
      out.push(pgbouncerDiagnostic({ range: valueRange(read), code: CODES.negativeCount, severity: 'warning', message: `${name} is negative (${value})`, hint: 'PgBouncer takes it, with surprising effects; use 0 or a positive number.' }));
    }
  }
  return out;
}

function poolModeChecks(input: CrossCheckInput): Diagnostic[] {
  const mode = input.settings.get('pool_mode');
  if (!mode || !['transaction', 'statement'].includes(mode.item.value.text.toLowerCase())) return [];
  const hasSetting = input.version.settings.has('max_prepared_statements');
  if (hasSetting && cIntegerValue(valueOf(input, 'max_prepared_statements')) > 0) return [];
  const hint = hasSetting
    ? 'Set max_prepared_statements above 0 so PgBouncer tracks them (or make clients use unnamed statements).'
    : `PgBouncer ${input.version.version} cannot track them (max_prepared_statements exists from 1.21): clients must use unnamed statements (e.g. prepareThreshold=0 in pgJDBC).`;
  return [pgbouncerDiagnostic({ range: valueRange(mode), code: CODES.preparedStatements, severity: 'information', message: `pool_mode = ${mode.item.value.text}: named prepared statements of clients fail across server connections`, hint })];
}

export function crossChecks(input: CrossCheckInput): Diagnostic[] {
  const databases = databaseEntries(input);
  return [...certAuth(input), ...tlsChecks(input), ...authChecks(input), ...numberChecks(input), ...poolModeChecks(input), ...poolSumChecks(input, databases), ...replicaOnlyChecks(input, databases)];
}

interface DatabaseEntry {
  entry: CrossCheckInput['entries'][number];
  pairs: Map<string, string>;
}

/** The [databases] entries with their connection strings read once (the stack checks below share them). */
function databaseEntries(input: CrossCheckInput): DatabaseEntry[] {
  if (!input.serverLimits.length) return [];
  return input.entries
    .filter((e) => e.section === 'databases')
    .map((entry) => ({ entry, pairs: new Map(parseConnString(entry.value).pairs.map((p) => [p.key, p.value])) }));
}

/**
 * The pools of the databases sent to one server, at least one user each (pool_size or default_pool_size, plus
 * the reserve, capped by max_db_connections), against the connections it allows non-superusers.
 */
function poolSumChecks(input: CrossCheckInput, databases: DatabaseEntry[]): Diagnostic[] {
  const fallbackPool = cIntegerValue(valueOf(input, 'default_pool_size'));
  const reserve = Math.max(0, cIntegerValue(valueOf(input, 'reserve_pool_size')) || 0);
  const out: Diagnostic[] = [];
  if (!input.serverLimits.length) return out;
  for (const server of input.serverLimits) {
    const entries = databases.filter((e) => e.pairs.get('host') === server.host);
    const sizes = entries.map(({ pairs }) => {
      const pool = (pairs.has('pool_size') ? cAtoi(pairs.get('pool_size')!) : fallbackPool) + (pairs.has('reserve_pool') ? cAtoi(pairs.get('reserve_pool')!) : reserve);
      const cap = pairs.has('max_db_connections') ? cAtoi(pairs.get('max_db_connections')!) : 0;
      return cap > 0 ? Math.min(pool, cap) : pool;
    });
    const total = sizes.reduce((a, b) => a + b, 0);
    if (!entries.length || total <= server.limit) continue;
    out.push(pgbouncerDiagnostic({
      range: entries[0].entry.at,
      code: CODES.poolsOverServer,
      severity: 'warning',
      message: `the pools sent to ${server.host} may open ${total} server connections (one user per database), more than the ${server.limit} it allows (${server.detail})`,
      hint: `Clients then fail with "too many connections"; lower pool_size/default_pool_size, set max_db_connections, or raise max_connections on ${server.host}.`,
    }));
  }
  return out;
}

/**
 * A database of the stack that PgBouncer reaches only through a replica: every write sent through it fails (a
 * standby is read-only). An entry to a replica beside one to the primary for the same database is the usual read
 * path and says nothing. Information: the file does not tell whether clients write through it.
 */
function replicaOnlyChecks(input: CrossCheckInput, databases: DatabaseEntry[]): Diagnostic[] {
  const role = new Map(input.serverLimits.map((s) => [s.host, s.role]));
  const routes = databases
    .filter(({ entry }) => entry.name !== '*')
    .map(({ entry, pairs }) => ({ entry, host: pairs.get('host') ?? '', database: pairs.get('dbname') ?? entry.name }));
  const written = new Set(routes.filter((r) => role.get(r.host) === 'primary').map((r) => r.database));
  return routes
    .filter((r) => role.get(r.host) === 'replica' && !written.has(r.database))
    .map((r) => pgbouncerDiagnostic({
      range: r.entry.at,
      code: CODES.onlyOnReplica,
      severity: 'information',
      message: `${r.entry.name} goes to ${r.host}, a replica of the stack, and no entry sends database ${r.database} to the primary: writes through it fail with "cannot execute … in a read-only transaction"`,
      hint: `Fine for reads; for writes add an entry with host= the primary (after a failover pgha re-points entries of the old primary only).`,
    }));
}
