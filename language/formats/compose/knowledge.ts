import type { ImageFlavor } from '../../../core/model/topology';

/** What we know about one environment variable of an image convention (descriptions in our own words). */
export interface EnvVarInfo {
  name: string;
  description: string;
  values?: string[];
  /** Only read when the entrypoint initialises an empty data directory. */
  initOnly?: boolean;
  /** Holds a secret: prefer the `_FILE` variant. */
  secret?: boolean;
  /** A `NAME_FILE` variant exists. */
  fileVariant?: boolean;
}

const AUTH_METHODS = ['scram-sha-256', 'md5', 'password', 'trust', 'reject', 'cert', 'peer', 'ident'];

const OFFICIAL: EnvVarInfo[] = [
  { name: 'POSTGRES_PASSWORD', description: 'Password given to the superuser when the entrypoint creates the cluster. Required unless the auth method is `trust`.', initOnly: true, secret: true, fileVariant: true },
  { name: 'POSTGRES_USER', description: 'Name of the superuser the entrypoint creates (default `postgres`); a database of the same name is created too.', initOnly: true, fileVariant: true },
  { name: 'POSTGRES_DB', description: 'Name of the first database created (defaults to the user name).', initOnly: true, fileVariant: true },
  { name: 'POSTGRES_INITDB_ARGS', description: 'Extra arguments passed to `initdb`, e.g. `--auth-host=scram-sha-256 --data-checksums`.', initOnly: true, fileVariant: true },
  { name: 'POSTGRES_INITDB_WALDIR', description: 'Puts the WAL directory somewhere else (initdb `--waldir`).', initOnly: true },
  { name: 'POSTGRES_HOST_AUTH_METHOD', description: 'Method of the single `host all all all <method>` line the entrypoint appends to pg_hba.conf. That line does not match replication connections.', values: AUTH_METHODS, initOnly: true },
  { name: 'PGDATA', description: 'Data directory inside the container. Defaults to `/var/lib/postgresql/data` (`/var/lib/postgresql/<major>/docker` from 18 on); mount the volume accordingly.' },
  { name: 'PGUSER', description: 'libpq default user for client programs in the container (psql, pg_basebackup, pg_isready).' },
  { name: 'PGPASSWORD', description: 'libpq default password for client programs in the container. Visible to anyone who can inspect the container.', secret: true },
  { name: 'PGHOST', description: 'libpq default host for client programs in the container.' },
  { name: 'PGPORT', description: 'libpq default port for client programs in the container.' },
  { name: 'PGDATABASE', description: 'libpq default database for client programs in the container.' },
  { name: 'PGPASSFILE', description: 'libpq password file (`.pgpass` format) for client programs; a safer alternative to PGPASSWORD.' },
];

const BITNAMI: EnvVarInfo[] = [
  { name: 'POSTGRESQL_PASSWORD', description: 'Password of the application user (or of `postgres` when no user is set).', initOnly: true, secret: true, fileVariant: true },
  { name: 'POSTGRESQL_USERNAME', description: 'Application user created on first start.', initOnly: true },
  { name: 'POSTGRESQL_DATABASE', description: 'Database created on first start.', initOnly: true },
  { name: 'POSTGRESQL_POSTGRES_PASSWORD', description: 'Password of the `postgres` superuser when an application user is also created.', initOnly: true, secret: true, fileVariant: true },
  { name: 'POSTGRESQL_REPLICATION_MODE', description: 'Role of this node in Bitnami replication: `master` or `slave` (a replica that clones its master).', values: ['master', 'slave'] },
  { name: 'POSTGRESQL_REPLICATION_USER', description: 'Role used by replicas to stream from the master; created on the master.', initOnly: true },
  { name: 'POSTGRESQL_REPLICATION_PASSWORD', description: 'Password of the replication role.', secret: true, fileVariant: true },
  { name: 'POSTGRESQL_MASTER_HOST', description: 'For a replica: host name of the master service to clone and stream from.' },
  { name: 'POSTGRESQL_MASTER_PORT_NUMBER', description: 'For a replica: port of the master (default 5432).' },
  { name: 'POSTGRESQL_SYNCHRONOUS_COMMIT_MODE', description: 'synchronous_commit on the master when synchronous replicas are configured.', values: ['on', 'remote_apply', 'remote_write', 'local', 'off'] },
  { name: 'POSTGRESQL_NUM_SYNCHRONOUS_REPLICAS', description: 'How many replicas must confirm a commit.' },
  { name: 'ALLOW_EMPTY_PASSWORD', description: 'Lets the container start without any password (development only): everyone can connect.', values: ['yes', 'no'] },
  { name: 'POSTGRESQL_EXTRA_FLAGS', description: 'Extra command-line flags for postgres, e.g. `-c max_connections=200`.' },
  { name: 'POSTGRESQL_SHARED_PRELOAD_LIBRARIES', description: 'Value written to shared_preload_libraries.' },
  { name: 'POSTGRESQL_PORT_NUMBER', description: 'Port PostgreSQL listens on inside the container.' },
  { name: 'POSTGRESQL_DATA_DIR', description: 'Data directory inside the container.' },
  { name: 'POSTGRESQL_WAL_LEVEL', description: 'wal_level written to the configuration.', values: ['replica', 'logical', 'minimal'] },
  { name: 'POSTGRESQL_MAX_CONNECTIONS', description: 'max_connections written to the configuration.' },
  { name: 'REPMGR_PASSWORD', description: 'Password of the repmgr user.', secret: true, fileVariant: true },
  { name: 'REPMGR_PRIMARY_HOST', description: 'Initial primary for repmgr.' },
  { name: 'REPMGR_PARTNER_NODES', description: 'Comma-separated list of every node of the repmgr cluster.' },
  { name: 'REPMGR_NODE_NAME', description: 'Unique repmgr node name.' },
  { name: 'REPMGR_NODE_NETWORK_NAME', description: 'Host name other nodes use to reach this node.' },
];

const POOLER: EnvVarInfo[] = [
  { name: 'DATABASE_URL', description: 'Connection URL of the backend PostgreSQL the pooler forwards to.', secret: true },
  { name: 'DB_HOST', description: 'Backend PostgreSQL host.' },
  { name: 'DB_PORT', description: 'Backend PostgreSQL port.' },
  { name: 'DB_USER', description: 'User the pooler connects as.' },
  { name: 'DB_PASSWORD', description: 'Password the pooler uses for the backend.', secret: true },
  { name: 'POOL_MODE', description: 'When a server connection returns to the pool: per session, transaction or statement.', values: ['session', 'transaction', 'statement'] },
  { name: 'AUTH_TYPE', description: 'How clients authenticate to PgBouncer.', values: ['scram-sha-256', 'md5', 'plain', 'trust'] },
  { name: 'MAX_CLIENT_CONN', description: 'Maximum client connections PgBouncer accepts.' },
  { name: 'DEFAULT_POOL_SIZE', description: 'Server connections per user/database pair.' },
  { name: 'POSTGRESQL_HOST', description: 'Backend PostgreSQL host (Bitnami PgBouncer).' },
  { name: 'PGBOUNCER_DATABASE', description: 'Database alias clients connect to (Bitnami PgBouncer).' },
  { name: 'PGBOUNCER_POOL_MODE', description: 'Pool mode (Bitnami PgBouncer).', values: ['session', 'transaction', 'statement'] },
  { name: 'PGPOOL_BACKEND_NODES', description: 'pgpool-II backends: `0:host:port,1:host:port`.' },
  { name: 'PGPOOL_SR_CHECK_USER', description: 'User pgpool-II uses to check streaming replication.' },
  { name: 'PGPOOL_POSTGRES_USERNAME', description: 'Superuser pgpool-II uses for administration.' },
  { name: 'PGPOOL_POSTGRES_PASSWORD', description: 'Password of that superuser.', secret: true },
];

export function envVarsFor(flavor: ImageFlavor): EnvVarInfo[] {
  switch (flavor) {
    case 'bitnami':
    case 'bitnami-repmgr':
      return BITNAMI;
    case 'pgbouncer':
    case 'pgpool':
      return POOLER;
    default:
      return OFFICIAL;
  }
}

const ALL_VARS = new Map([...POOLER, ...BITNAMI, ...OFFICIAL].map((v) => [v.name, v]));

export function findEnvVar(name: string, flavor: ImageFlavor): EnvVarInfo | undefined {
  const base = name.endsWith('_FILE') ? name.slice(0, -5) : name;
  const info = envVarsFor(flavor).find((v) => v.name === base) ?? ALL_VARS.get(base);
  if (!info || base === name) return info;
  return { ...info, name, description: `Reads ${base} from this file (typically a Docker secret under /run/secrets). ${info.description}` };
}

/** Environment variables holding passwords or other secrets, by convention (`*_PASSWORD`, `*_SECRET_*`, `*_KEY`, …). */
export function isSecretVar(name: string): boolean {
  if (name.endsWith('_FILE') || /^(ALLOW|ENABLE|DISABLE)_/.test(name)) return false;
  return findEnvVar(name, 'unknown')?.secret === true || /PASSWORD$|_PASS$|_SECRET(_|$)|_KEY$|_TOKEN$/.test(name);
}

/**
 * The secret a value writes in plain text, if any: not a yes/no flag, not a path, not only `${VAR}` references, and in
 * a connection URL only its password part.
 */
export function plainSecret(value: string | undefined): string | undefined {
  if (!value || /^(yes|no|true|false|on|off|[01])$/i.test(value) || value.startsWith('/')) return undefined;
  const url = /^[a-z][a-z0-9+.-]*:\/\/[^/@:]*(?::([^@/]*))?@/i.exec(value);
  const secret = url ? url[1] : value;
  if (!secret || /^(\$\{[^}]*\}|\$[A-Za-z_]\w*)+$/.test(secret)) return undefined;
  return secret;
}

/** Compose service keys commonly used by PostgreSQL services, with a short note. */
export const SERVICE_KEYS: [string, string][] = [
  ['image', 'Image and tag; the tag fixes the PostgreSQL major.'],
  ['command', 'Arguments for the entrypoint, e.g. `postgres -c wal_level=replica`.'],
  ['environment', 'Variables read by the image entrypoint.'],
  ['ports', 'Published ports; bind to 127.0.0.1 unless other hosts must connect.'],
  ['volumes', 'Data directory volume and init scripts.'],
  ['healthcheck', 'How Compose decides the server is ready (use `pg_isready -h localhost`).'],
  ['depends_on', 'Start order; use `condition: service_healthy` to wait for readiness.'],
  ['restart', 'Restart policy.'],
  ['user', 'User the container runs as.'],
  ['secrets', 'Docker secrets mounted under /run/secrets.'],
  ['networks', 'Networks the service joins.'],
  ['shm_size', 'Size of /dev/shm; PostgreSQL uses it for parallel query.'],
  ['container_name', 'Fixed container name.'],
  ['env_file', 'Files with environment variables.'],
  ['stop_grace_period', 'Time to shut down cleanly before SIGKILL.'],
  ['entrypoint', 'Replaces the image entrypoint (disables the init logic of official images).'],
];

/** pg_basebackup options, described in our own words. */
export const BASEBACKUP_DOCS: Record<string, string> = {
  pgdata: 'Directory to write the copy into; must be empty or absent.',
  'write-recovery-conf': 'Writes standby.signal and primary_conninfo so the copy starts as a streaming replica. Without it the copy starts as an independent primary.',
  slot: 'Replication slot to stream WAL through while copying (and recorded as primary_slot_name with -R). The slot must exist on the primary unless -C is given.',
  'create-slot': 'Creates the slot named by --slot before copying; fails if it already exists.',
  host: 'Primary to copy from; in Compose, the primary service name.',
  port: 'Port of the primary.',
  username: 'Role to connect as; needs the REPLICATION attribute and a `replication` entry in pg_hba.conf.',
  'wal-method': 'How WAL needed by the copy is fetched: `stream` (default), `fetch` or `none`.',
  checkpoint: '`fast` to start the copy right away instead of waiting for the next checkpoint.',
  progress: 'Reports progress while copying.',
  verbose: 'Prints each step.',
  dbname: 'Connection string (conninfo) to use.',
  format: '`plain` (p) or `tar` (t).',
  'no-password': 'Never prompt for a password.',
  password: 'Always prompt for a password (hangs in a container).',
  'max-rate': 'Limits the transfer rate.',
  label: 'Backup label.',
  'no-slot': 'Do not use a temporary slot.',
  'no-sync': 'Do not wait for the copy to be flushed to disk.',
  incremental: 'Incremental backup based on a previous manifest (17+).',
};
