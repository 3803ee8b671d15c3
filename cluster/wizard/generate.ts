/**
 * "New HA cluster…" generator (vscode-free): from a few choices it writes a hardened primary/replica
 * compose stack — compose.yaml, postgresql.conf, pg_hba.conf, init SQL (replication role, one slot per
 * replica), secret files — ready for `pgha up` or `docker compose up`. The VS Code wizard asks the
 * questions and writes the returned files; the CLI and tests call this directly.
 */
import { randomBytes } from 'node:crypto';
import { officialDataDirectory, officialDataVolumeTarget } from '../../core/dataDirectory';
import { DEFAULT_MAJOR, isMajor, type Major, MAJORS } from '../../core/majors';
import { DEFAULT_POSTGRES_PORT } from '../../core/postgresPort';
import { pgpoolFiles, pgpoolService } from './pgpool';

export type ReplicationMode = 'sync' | 'async';

export interface WizardOptions {
  major: number;
  /** 1–5 streaming replicas. */
  replicas: number;
  mode: ReplicationMode;
  pgbouncer: boolean;
  /** pgpool-II in front of every node (streaming replication, reads balanced to the replicas). */
  pgpool?: boolean;
  /** Host port of the primary; replica i gets basePort + i, PgBouncer the next one, then pgpool and its PCP port. */
  basePort: number;
  /** Passwords (generated when absent; tests pass fixed ones). */
  superuserPassword?: string;
  replicationPassword?: string;
  pcpPassword?: string;
}

export interface GeneratedFile {
  /** Path relative to the target folder, with forward slashes. */
  path: string;
  content: string;
  /** Unix mode for files that must be executable (init shell scripts). */
  mode?: number;
  /**
   * A password file: its folder becomes 0700, so no other account on this machine can reach it. The file itself
   * cannot be 0600: bind-mounted secrets are read inside the containers by the image's own account (postgres 999,
   * PgBouncer 1001), which a 0600 file of the host user locks out (Compose applies no `mode`/`uid` to file secrets).
   */
  secret?: boolean;
}

export const PGBOUNCER_IMAGE = 'bitnami/pgbouncer:1';

/**
 * Majors the generator writes a stack for but the wizard does not offer, and why (the wizard shows the reason).
 * 18 moved the image's data directory; the stack follows it, but no PostgreSQL 18 image exists here (Debian's
 * stable suites stop at 17) to prove that it starts and streams, and the wizard offers only what was proven.
 */
export const MAJORS_NOT_OFFERED: Partial<Record<Major, string>> = {
  18: 'PostgreSQL 18 is not offered yet: its images keep data under /var/lib/postgresql/18/docker, and pgha has no PostgreSQL 18 image to prove that such a stack starts and streams.',
};

/** The majors the wizard offers, newest first, the recommended one marked. */
export function offeredMajors(): { major: Major; recommended: boolean }[] {
  return [...MAJORS]
    .reverse()
    .filter((major) => MAJORS_NOT_OFFERED[major] === undefined)
    .map((major) => ({ major, recommended: major === DEFAULT_MAJOR }));
}

/** Problems with the options, as messages for the wizard's input validation; [] when fine. */
export function validateWizardOptions(options: WizardOptions): string[] {
  const problems: string[] = [];
  if (!isMajor(options.major)) problems.push(`PostgreSQL major must be one of ${MAJORS.join(', ')} (got ${options.major}).`);
  if (!Number.isInteger(options.replicas) || options.replicas < 1 || options.replicas > 5) problems.push(`Number of replicas must be 1 to 5 (got ${options.replicas}).`);
  if (options.mode !== 'sync' && options.mode !== 'async') problems.push(`Replication must be 'sync' or 'async' (got ${String(options.mode)}).`);
  const lastPort = options.basePort + options.replicas + (options.pgbouncer ? 1 : 0) + (options.pgpool ? 2 : 0);
  if (!Number.isInteger(options.basePort) || options.basePort < 1024 || lastPort > 65535) {
    problems.push(`Base port must be a whole number from 1024 so that all ${lastPort - options.basePort + 1} ports stay below 65536 (got ${options.basePort}).`);
  }
  return problems;
}

export function replicaNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `replica${i + 1}`);
}

function password(): string {
  return randomBytes(18).toString('base64url');
}

export function generateCluster(options: WizardOptions): GeneratedFile[] {
  const problems = validateWizardOptions(options);
  if (problems.length) throw new Error(problems.join(' '));
  const superuserPassword = options.superuserPassword ?? password();
  const replicationPassword = options.replicationPassword ?? password();
  const files: GeneratedFile[] = [
    { path: 'compose.yaml', content: composeFile(options) },
    { path: 'postgresql.conf', content: postgresqlConf(options) },
    { path: 'pg_hba.conf', content: pgHba() },
    { path: 'init/01-replication.sql', content: initSql(options) },
    { path: 'init/02-replication-password.sql', content: passwordSql() },
    { path: 'secrets/postgres_password.txt', content: `${superuserPassword}
`, secret: true },
    { path: 'secrets/replication.pgpass', content: `*:*:*:replicator:${replicationPassword}
`, secret: true },
    // Keeps the passwords out of version control wherever the folder ends up.
    { path: 'secrets/.gitignore', content: '# generated passwords: never commit them\n*\n!.gitignore\n' },
  ];
  if (options.pgpool) files.push(...pgpoolFiles(replicaNames(options.replicas), PORT, superuserPassword, options.pcpPassword ?? password()));
  return files;
}

const CONF_ARGS = '-c config_file=/etc/postgresql/postgresql.conf -c hba_file=/etc/postgresql/pg_hba.conf';
const PORT = DEFAULT_POSTGRES_PORT;

function composeHeader(o: WizardOptions): string[] {
  return [
    `# PostgreSQL ${o.major}: primary + ${o.replicas} ${o.mode === 'sync' ? 'synchronous' : 'asynchronous'} streaming replica${o.replicas > 1 ? 's' : ''}${o.pgbouncer ? ' + PgBouncer' : ''}${o.pgpool ? ' + pgpool-II' : ''}.`,
    '# Generated by PostgreSQL HA Studio. Start with `pgha up compose.yaml --wait` or `docker compose up -d`.',
    '# Hardened: ports on 127.0.0.1 only, passwords in secret files, scram-sha-256, one replication slot per replica.',
    '# initdb and pg_basebackup skip only their bootstrap fsync (--no-sync); the running servers keep fsync on.',
    '',
    'x-postgres: &postgres',
    `  image: postgres:${o.major}`,
    '  restart: unless-stopped',
    '  networks: [pg]',
    '  secrets: [postgres_password, replication_pgpass]',
    '  healthcheck:',
    `    test: ["CMD-SHELL", "pg_isready -U postgres -h 127.0.0.1 -p ${PORT}"]`,
    '    interval: 5s',
    '    timeout: 3s',
    '    retries: 12',
    '    start_period: 30s',
    '',
  ];
}

function primaryService(o: WizardOptions): string[] {
  return [
    '  primary:',
    '    <<: *postgres',
    '    environment:',
    '      POSTGRES_USER: postgres',
    '      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password',
    '      POSTGRES_INITDB_ARGS: --auth-local=peer --auth-host=scram-sha-256 --no-sync',
    `    command: postgres ${CONF_ARGS} -c cluster_name=primary`,
    '    ports:',
    `      - "127.0.0.1:${o.basePort}:${PORT}"`,
    '    volumes:',
    `      - primary-data:${officialDataVolumeTarget(o.major)}`,
    '      - ./postgresql.conf:/etc/postgresql/postgresql.conf:ro',
    '      - ./pg_hba.conf:/etc/postgresql/pg_hba.conf:ro',
    '      - ./init:/docker-entrypoint-initdb.d:ro',
  ];
}

/** A replica: a base backup of the primary into the image's data directory on first start, then the server. */
function replicaService(o: WizardOptions, name: string, hostPort: number): string[] {
  const pgdata = officialDataDirectory(o.major);
  return [
    '',
    `  ${name}:`,
    '    <<: *postgres',
    '    user: postgres',
    '    environment:',
    '      PGPASSFILE: /tmp/pgpass',
    '    command:',
    '      - bash',
    '      - -ec',
    '      - |',
    '        install -m 600 /run/secrets/replication_pgpass /tmp/pgpass',
    `        if [ ! -s ${pgdata}/PG_VERSION ]; then`,
    `          pg_basebackup --pgdata=${pgdata} --host=primary --port=${PORT} --username=replicator --slot=${name} --write-recovery-conf --wal-method=stream --checkpoint=fast --no-sync --no-password`,
    `          chmod 700 ${pgdata}`,
    '        fi',
    `        exec postgres ${CONF_ARGS} -c cluster_name=${name}`,
    '    depends_on:',
    '      primary:',
    '        condition: service_healthy',
    '    ports:',
    `      - "127.0.0.1:${hostPort}:${PORT}"`,
    '    volumes:',
    `      - ${name}-data:${officialDataVolumeTarget(o.major)}`,
    '      - ./postgresql.conf:/etc/postgresql/postgresql.conf:ro',
    '      - ./pg_hba.conf:/etc/postgresql/pg_hba.conf:ro',
  ];
}

function pgbouncerService(hostPort: number): string[] {
  return [
    '',
    '  pgbouncer:',
    `    image: ${PGBOUNCER_IMAGE}`,
    '    restart: unless-stopped',
    '    networks: [pg]',
    '    secrets: [postgres_password]',
    '    environment:',
    '      POSTGRESQL_HOST: primary',
    `      POSTGRESQL_PORT: "${PORT}"`,
    '      POSTGRESQL_USERNAME: postgres',
    '      POSTGRESQL_PASSWORD_FILE: /run/secrets/postgres_password',
    '      PGBOUNCER_DATABASE: postgres',
    '      PGBOUNCER_PORT: "6432"',
    '      PGBOUNCER_AUTH_TYPE: scram-sha-256',
    '      PGBOUNCER_POOL_MODE: transaction',
    '      # Retry a failed server login after 1 s (default 15 s): writes resume soon after a failover re-points it.',
    '      PGBOUNCER_SERVER_LOGIN_RETRY: "1"',
    '    depends_on:',
    '      primary:',
    '        condition: service_healthy',
    '    ports:',
    `      - "127.0.0.1:${hostPort}:6432"`,
  ];
}

function composeFile(o: WizardOptions): string {
  const replicas = replicaNames(o.replicas);
  const lines = [...composeHeader(o), 'services:', ...primaryService(o)];
  replicas.forEach((name, i) => lines.push(...replicaService(o, name, o.basePort + i + 1)));
  if (o.pgbouncer) lines.push(...pgbouncerService(o.basePort + o.replicas + 1));
  if (o.pgpool) lines.push(...pgpoolService(replicas, o.basePort + o.replicas + (o.pgbouncer ? 2 : 1)));
  lines.push('', 'volumes:', '  primary-data:', ...replicas.map((n) => `  ${n}-data:`));
  lines.push('', 'networks:', '  pg:');
  lines.push('', 'secrets:', '  postgres_password:', '    file: ./secrets/postgres_password.txt', '  replication_pgpass:', '    file: ./secrets/replication.pgpass', '');
  return lines.join('\n');
}

function postgresqlConf(o: WizardOptions): string {
  const replicas = replicaNames(o.replicas);
  const sync =
    o.mode === 'sync'
      ? [
          '# Synchronous: a commit waits until one replica has flushed it (replicas are named by cluster_name).',
          `synchronous_standby_names = 'ANY 1 (${replicas.join(', ')})'`,
          'synchronous_commit = on',
        ]
      : ['# Asynchronous: commits do not wait for replicas (set synchronous_standby_names to make them wait).', "synchronous_standby_names = ''"];
  return [
    `# PostgreSQL ${o.major} settings shared by the primary and its replicas (a replica ignores primary-only ones).`,
    "listen_addresses = '*'",
    `port = ${PORT}`,
    'max_connections = 100',
    'password_encryption = scram-sha-256',
    '',
    'shared_buffers = 128MB',
    'effective_cache_size = 512MB',
    '',
    'wal_level = replica',
    `max_wal_senders = ${Math.max(10, o.replicas + 5)}`,
    `max_replication_slots = ${Math.max(10, o.replicas + 5)}`,
    'wal_keep_size = 256MB',
    'max_slot_wal_keep_size = 2GB',
    'hot_standby = on',
    'hot_standby_feedback = on',
    'wal_log_hints = on',
    'min_wal_size = 80MB',
    'max_wal_size = 1GB',
    ...sync,
    '',
    "log_timezone = 'UTC'",
    "timezone = 'UTC'",
    "log_line_prefix = '%t [%p]: user=%u,db=%d,app=%a,client=%h '",
    'log_connections = on',
    '',
  ].join('\n');
}

function pgHba(): string {
  return [
    '# TYPE  DATABASE     USER        ADDRESS   METHOD',
    'local   all          all                   peer',
    'host    replication  replicator  samenet   scram-sha-256',
    'host    all          all         samenet   scram-sha-256',
    '',
  ].join('\n');
}

function initSql(o: WizardOptions): string {
  return [
    '-- Runs once, when the primary creates its data directory.',
    '-- Replication role (password set by 02-replication-password.sql from the secret) and one slot per replica.',
    '-- No replica exists yet: commit locally, or a synchronous setup would wait forever.',
    'SET synchronous_commit = local;',
    'CREATE ROLE replicator WITH REPLICATION LOGIN;',
    ...replicaNames(o.replicas).map((n) => `SELECT pg_create_physical_replication_slot('${n}');`),
    '',
  ].join('\n');
}

/**
 * The replicator password from the pgpass secret, in plain SQL (the native backend runs .sql init scripts, and
 * would run a .sh on the host): everything after the 4th colon of its first line, like `cut -d: -f5-`.
 */
function passwordSql(): string {
  return [
    '-- Runs once, after 01-replication.sql: sets the replicator password from the pgpass secret',
    '-- (what follows the 4th ":" of its first "host:port:db:user:password" line). Plain SQL, so that the stack',
    '-- also starts as native processes (pgha up --backend native); there /run/secrets/... maps to the secret file.',
    'SET synchronous_commit = local;',
    'DO $$',
    'BEGIN',
    "  EXECUTE format('ALTER ROLE replicator PASSWORD %L',",
    "                 substring(split_part(pg_read_file('/run/secrets/replication_pgpass'), E'\\n', 1) FROM '^(?:[^:]*:){4}(.*)$'));",
    'END',
    '$$;',
    '',
  ].join('\n');
}
