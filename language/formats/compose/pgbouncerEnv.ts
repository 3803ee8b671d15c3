/**
 * The environment contracts of the PgBouncer images pgha runs, as scripts/images/pgbouncer-entrypoint.sh honours
 * them: edoburu/pgbouncer (DATABASE_URL or DB_*, one upper-cased variable per setting) and bitnami/pgbouncer
 * (POSTGRESQL_*, PGBOUNCER_*, PGBOUNCER_<SETTING>). Which variables each reads, the pgbouncer.ini setting a
 * variable writes (its value judged by the pgbouncer format's catalog for the image's version), and where the
 * generated [databases] section sends each database. Descriptions in our own words.
 */
import type { ImageFlavor, PoolerRoute } from '../../../core/model/topology';
import type { PgbouncerKnowledge } from '../pgbouncer/knowledge';
import { SETTING_DESCRIPTIONS } from '../pgbouncer/descriptions';
import { pgbouncerRoutes } from '../pgbouncer/routes';
import { envVarsFor, findEnvVar, type EnvVarInfo } from './knowledge';
import type { ServiceInfo } from './model';

export type PgbouncerContract = 'edoburu' | 'bitnami';

/** Settings either contract passes through, one variable each (the entrypoint's SETTINGS list; a test keeps them equal). */
export const PGBOUNCER_ENV_SETTINGS = [
  'auth_hba_file', 'auth_user', 'auth_query', 'auth_dbname', 'pool_mode', 'max_client_conn', 'default_pool_size', 'min_pool_size',
  'reserve_pool_size', 'reserve_pool_timeout', 'max_db_connections', 'max_user_connections', 'server_round_robin', 'disable_pqexec',
  'application_name_add_host', 'timezone', 'max_prepared_statements', 'log_connections', 'log_disconnections', 'log_pooler_errors',
  'log_stats', 'stats_period', 'verbose', 'stats_users', 'logfile', 'server_reset_query', 'server_reset_query_always', 'server_check_delay',
  'server_check_query', 'server_lifetime', 'server_idle_timeout', 'server_connect_timeout', 'server_login_retry',
  'client_login_timeout', 'autodb_idle_timeout', 'dns_max_ttl', 'dns_nxdomain_ttl', 'client_tls_sslmode', 'client_tls_key_file',
  'client_tls_cert_file', 'client_tls_ca_file', 'client_tls_protocols', 'client_tls_ciphers', 'client_tls_ecdhcurve',
  'client_tls_dheparams', 'server_tls_sslmode', 'server_tls_ca_file', 'server_tls_key_file', 'server_tls_cert_file',
  'server_tls_protocols', 'server_tls_ciphers', 'query_timeout', 'query_wait_timeout', 'client_idle_timeout',
  'idle_transaction_timeout', 'pkt_buf', 'max_packet_size', 'listen_backlog', 'sbuf_loopcnt', 'suspend_timeout', 'tcp_defer_accept',
  'tcp_keepalive', 'tcp_keepcnt', 'tcp_keepidle', 'tcp_keepintvl', 'tcp_user_timeout',
] as const;

/** A variable of a contract; `setting` when it writes one pgbouncer.ini setting. */
export interface PgbouncerEnvVar extends EnvVarInfo {
  contract: PgbouncerContract;
  setting?: string;
}

type Fixed = [name: string, description: string, extra?: Partial<EnvVarInfo> & { setting?: string }];

const AUTH_TYPES = ['md5', 'scram-sha-256', 'plain', 'trust', 'hba', 'cert', 'any'];
const YES_NO = ['yes', 'no'];

const EDOBURU: Fixed[] = [
  ['DATABASE_URL', 'Backend as a URL (`postgres://user:password@host:port/dbname`); the user and password go to the generated userlist.txt.', { secret: true }],
  ['DB_HOST', 'Backend host the generated `[databases]` entry points at (required unless DATABASE_URL is set or a pgbouncer.ini is mounted).'],
  ['DB_PORT', 'Backend port (default 5432).'],
  ['DB_USER', 'Backend user; written to userlist.txt with DB_PASSWORD and used as the entry\'s auth_user.'],
  ['DB_PASSWORD', 'Password of DB_USER (md5 secret in userlist.txt unless AUTH_TYPE is plain or scram-sha-256).', { secret: true, fileVariant: true }],
  ['DB_NAME', 'Name of the generated database entry (default `*`: every database name goes to DB_HOST).'],
  ['AUTH_TYPE', 'auth_type of the generated file (default md5).', { values: AUTH_TYPES, setting: 'auth_type' }],
  ['AUTH_FILE', 'Where the generated userlist.txt goes (default /etc/pgbouncer/userlist.txt).'],
  ['LISTEN_ADDR', 'listen_addr of the generated file (default 0.0.0.0).', { setting: 'listen_addr' }],
  ['LISTEN_PORT', 'Port PgBouncer listens on in the container (default 5432 for this image).', { setting: 'listen_port' }],
  ['UNIX_SOCKET_DIR', 'unix_socket_dir (default empty: no Unix socket).', { setting: 'unix_socket_dir' }],
  ['IGNORE_STARTUP_PARAMETERS', 'Client start-up parameters PgBouncer ignores (default extra_float_digits).', { setting: 'ignore_startup_parameters' }],
  ['ADMIN_USERS', 'Users allowed on the admin console (default postgres).', { setting: 'admin_users' }],
  ['ADMIN_PASSWORDS', 'Passwords of ADMIN_USERS, comma-separated in the same order.', { secret: true }],
  ['STATS_USERS', 'Users allowed to read SHOW commands on the admin console.', { setting: 'stats_users' }],
  ['STATS_PASSWORDS', 'Passwords of STATS_USERS, comma-separated in the same order.', { secret: true }],
];

const BITNAMI: Fixed[] = [
  ['POSTGRESQL_HOST', 'Backend host of the generated database entry (default `postgresql`).'],
  ['POSTGRESQL_PORT', 'Backend port (default 5432).'],
  ['POSTGRESQL_USERNAME', 'Backend user written to userlist.txt (default postgres).'],
  ['POSTGRESQL_PASSWORD', 'Password of POSTGRESQL_USERNAME; required unless PGBOUNCER_AUTH_TYPE is trust or ALLOW_EMPTY_PASSWORD=yes.', { secret: true, fileVariant: true }],
  ['POSTGRESQL_DATABASE', 'dbname of the generated entry on the backend (default postgres).'],
  ['ALLOW_EMPTY_PASSWORD', 'Lets the container start without POSTGRESQL_PASSWORD (development only).', { values: YES_NO }],
  ['PGBOUNCER_DATABASE', 'Name clients connect to for the generated entry (default postgres).'],
  ['PGBOUNCER_PORT', 'Port PgBouncer listens on in the container (default 6432).', { setting: 'listen_port' }],
  ['PGBOUNCER_BIND_ADDRESS', 'listen_addr of the generated file (default 0.0.0.0).', { setting: 'listen_addr' }],
  ['PGBOUNCER_AUTH_TYPE', 'auth_type of the generated file (default md5).', { values: AUTH_TYPES, setting: 'auth_type' }],
  ['PGBOUNCER_USERLIST_FILE', 'A userlist.txt of your own instead of the generated one.'],
  ['PGBOUNCER_SET_DATABASE_USER', 'Adds user= to the generated entry so PgBouncer logs in to the backend as POSTGRESQL_USERNAME.', { values: YES_NO }],
  ['PGBOUNCER_SET_DATABASE_PASSWORD', 'Adds password= to the generated entry.', { values: YES_NO }],
  ['PGBOUNCER_ADMIN_USERS', 'Users allowed on the admin console (default POSTGRESQL_USERNAME).', { setting: 'admin_users' }],
  ['PGBOUNCER_IGNORE_STARTUP_PARAMETERS', 'Client start-up parameters PgBouncer ignores.', { setting: 'ignore_startup_parameters' }],
  ['PGBOUNCER_EXTRA_ARGS', 'Extra command-line arguments for pgbouncer (e.g. -v).'],
  ['PGBOUNCER_DSN_0', 'One more `[databases]` line, written as is (`name = host=… port=… dbname=…`); PGBOUNCER_DSN_1, _2 … add more.'],
];

/** The variable a contract uses for a setting: edoburu upper-cases it, bitnami prefixes PGBOUNCER_. */
const settingVarName = (contract: PgbouncerContract, setting: string) => `${contract === 'bitnami' ? 'PGBOUNCER_' : ''}${setting.toUpperCase()}`;

const CONTRACT_NAMES: Record<PgbouncerContract, string> = { edoburu: 'edoburu/pgbouncer', bitnami: 'bitnami/pgbouncer' };

export const contractName = (contract: PgbouncerContract) => CONTRACT_NAMES[contract];

/** The contract the entrypoint follows for these variable names: any PGBOUNCER_* or POSTGRESQL_* makes it bitnami's. */
export function contractOf(names: Iterable<string>): PgbouncerContract {
  for (const name of names) if (/^(PGBOUNCER_|POSTGRESQL_)/.test(name)) return 'bitnami';
  return 'edoburu';
}

/** The contract the service's image follows (ours follows whichever its variables use); undefined: an image we do not know. */
export function serviceContract(service: ServiceInfo): PgbouncerContract | undefined {
  const repository = service.image?.repository ?? '';
  if (repository === 'edoburu/pgbouncer') return 'edoburu';
  if (repository === 'bitnami/pgbouncer') return 'bitnami';
  if (repository === 'pgha-test/pgbouncer') return contractOf([...service.env.map((e) => e.name), ...service.envFileVars.keys()]);
  return undefined;
}

/** Every variable of both contracts, built once per catalog (descriptions and enum values from the newest version). */
export class PgbouncerEnv {
  readonly all: readonly PgbouncerEnvVar[];
  private readonly byName: Map<string, PgbouncerEnvVar>;

  constructor(readonly knowledge: PgbouncerKnowledge) {
    const newest = knowledge.of(knowledge.newest).settings;
    const fixed = (contract: PgbouncerContract, list: Fixed[]): PgbouncerEnvVar[] =>
      list.map(([name, description, extra]) => ({ name, description: `${description} (${CONTRACT_NAMES[contract]} contract)`, contract, ...extra }));
    const settings = (contract: PgbouncerContract): PgbouncerEnvVar[] =>
      PGBOUNCER_ENV_SETTINGS.map((setting) => ({
        name: settingVarName(contract, setting),
        description: `Writes \`${setting}\` into the generated pgbouncer.ini (${CONTRACT_NAMES[contract]} contract).${SETTING_DESCRIPTIONS[setting] ? ` ${SETTING_DESCRIPTIONS[setting]}` : ''}`,
        contract,
        setting,
        values: newest.get(setting)?.values,
      }));
    const all = [...fixed('edoburu', EDOBURU), ...settings('edoburu'), ...fixed('bitnami', BITNAMI), ...settings('bitnami')];
    this.byName = new Map(all.map((v) => [v.name, v]));
    this.all = [...this.byName.values()];
  }

  /** The variable of this name (PGBOUNCER_DSN_<n> as PGBOUNCER_DSN_0; NAME_FILE as NAME with a file note). */
  find(name: string): PgbouncerEnvVar | undefined {
    const dsn = /^PGBOUNCER_DSN_\d+$/.test(name) ? this.byName.get('PGBOUNCER_DSN_0') : undefined;
    const base = name.endsWith('_FILE') ? name.slice(0, -5) : name;
    const info = dsn ?? this.byName.get(name) ?? this.byName.get(base);
    if (!info || info.name === name || dsn) return info;
    return info.fileVariant ? { ...info, name, description: `Reads ${base} from this file (typically a Docker secret). ${info.description}` } : undefined;
  }

  /** Names a contract reads (for did-you-mean). */
  namesOf(contract: PgbouncerContract): string[] {
    return this.all.filter((v) => v.contract === contract).map((v) => v.name);
  }
}

/** Where the [databases] section the entrypoint generates sends each database (none when a pgbouncer.ini is mounted). */
export function pgbouncerEnvRoutes(env: (name: string) => string | undefined, names: Iterable<string>, contract: PgbouncerContract): PoolerRoute[] {
  const port = (text: string | undefined, fallback: number) => (text && /^\d+$/.test(text) ? Number(text) : fallback);
  if (contract === 'bitnami') {
    const main: PoolerRoute = { database: env('PGBOUNCER_DATABASE') || 'postgres', host: env('POSTGRESQL_HOST') || 'postgresql', port: port(env('POSTGRESQL_PORT'), 5432), dbname: env('POSTGRESQL_DATABASE') || 'postgres' };
    const dsn = [...names].filter((n) => /^PGBOUNCER_DSN_\d+$/.test(n)).sort((a, b) => Number(a.slice(14)) - Number(b.slice(14)));
    return [main, ...pgbouncerRoutes(`[databases]\n${dsn.map((n) => env(n) ?? '').join('\n')}\n`)];
  }
  const url = env('DATABASE_URL');
  const parsed = url ? /^[a-z]+:\/\/(?:[^@/]*@)?([^:/?]*)(?::(\d+))?(?:\/([^?]*))?/i.exec(url) : null;
  const host = parsed?.[1] || env('DB_HOST');
  if (!host) return [];
  return [{ database: parsed?.[3] || env('DB_NAME') || '*', host, port: port(parsed?.[2] ?? env('DB_PORT'), 5432) }];
}

/** Looks variables up for a service's flavor: PgBouncer services through the contracts (when loaded), others through the shared lists. */
export interface EnvLookup {
  list(flavor: ImageFlavor): readonly EnvVarInfo[];
  find(name: string, flavor: ImageFlavor): (EnvVarInfo & { contract?: PgbouncerContract }) | undefined;
}

export function envLookup(pgbouncerEnv: (() => PgbouncerEnv) | undefined): EnvLookup {
  const contracts = (flavor: ImageFlavor) => (flavor === 'pgbouncer' && pgbouncerEnv ? pgbouncerEnv() : undefined);
  return {
    list: (flavor) => contracts(flavor)?.all ?? envVarsFor(flavor),
    find: (name, flavor) => {
      const env = contracts(flavor);
      return env ? env.find(name) : findEnvVar(name, flavor);
    },
  };
}
