/**
 * The wizard's pgpool-II: streaming-replication mode with load balancing on, in front of the primary and every
 * replica (the primary takes the writes, reads go to the replicas), as examples/pgpool does it — a mounted
 * pgpool.conf / pool_hba.conf, pool_passwd with the superuser password as text (so pgpool can answer the backends'
 * scram-sha-256), and a pcp.conf whose login lets `pgha promote`/`switchover` tell pgpool the new primary at once
 * through its PCP port (published on 127.0.0.1 next to the client port).
 */
import { createHash } from 'node:crypto';
import type { GeneratedFile } from './generate';

/** The image named in the stack (pgha's image map can run it on its pgpool-II 4.6 test image). */
export const PGPOOL_IMAGE = 'pgpool/pgpool:4.6';
export const PGPOOL_PORT = 9999;
export const PCP_PORT = 9898;
export const PCP_USER = 'pgha';

function backendLines(names: string[], port: number): string[] {
  return names.flatMap((name, i) => [`backend_hostname${i} = '${name}'`, `backend_port${i} = ${port}`, `backend_weight${i} = ${i === 0 ? 0 : 1}`, `backend_flag${i} = 'ALLOW_TO_FAILOVER'`]);
}

function pgpoolConf(replicas: string[], port: number): string {
  return [
    `# pgpool-II 4.6 in front of the primary and ${replicas.length} streaming replica${replicas.length > 1 ? 's' : ''} of compose.yaml.`,
    `listen_addresses = '*'`,
    `port = ${PGPOOL_PORT}`,
    `pcp_listen_addresses = '*'`,
    `pcp_port = ${PCP_PORT}`,
    `unix_socket_directories = '/var/run/pgpool'`,
    `pcp_socket_dir = '/var/run/pgpool'`,
    `pid_file_name = '/var/run/pgpool/pgpool.pid'`,
    '# Streaming replication: the primary takes the writes; reads are balanced over the replicas (weight 0 keeps them off the primary).',
    `backend_clustering_mode = 'streaming_replication'`,
    'load_balance_mode = on',
    ...backendLines(['primary', ...replicas], port),
    '# Finding the primary and the replication delay, and the health check, log in as the superuser (password from pool_passwd).',
    `sr_check_user = 'postgres'`,
    `sr_check_password = ''`,
    'sr_check_period = 5',
    'health_check_period = 1',
    'health_check_timeout = 10',
    'health_check_max_retries = 3',
    'health_check_retry_delay = 1',
    `health_check_user = 'postgres'`,
    `health_check_password = ''`,
    '# pgha promote / switchover tell pgpool through PCP; without it pgpool finds out by itself (health check,',
    '# the shutdown of the old primary) and then looks for the node that left recovery.',
    'failover_on_backend_shutdown = on',
    '# A standby counted down (a slow health check, or started before pgpool) comes back once it streams again.',
    'auto_failback = on',
    `failover_command = ''`,
    'enable_pool_hba = on',
    `pool_passwd = 'pool_passwd'`,
    'num_init_children = 16',
    'max_pool = 2',
    '',
  ].join('\n');
}

const POOL_HBA = ['# Client authentication of pgpool-II (same syntax as pg_hba.conf).', 'local   all   all                 trust', 'host    all   all   samenet       scram-sha-256', 'host    all   all   0.0.0.0/0     scram-sha-256', ''].join('\n');

/** pgpool's files: its configuration beside compose.yaml, the password files with the other secrets. */
export function pgpoolFiles(replicas: string[], backendPort: number, superuserPassword: string, pcpPassword: string): GeneratedFile[] {
  const md5 = createHash('md5').update(pcpPassword).digest('hex');
  return [
    { path: 'pgpool/pgpool.conf', content: pgpoolConf(replicas, backendPort) },
    { path: 'pgpool/pool_hba.conf', content: POOL_HBA },
    { path: 'secrets/pool_passwd', content: `postgres:TEXT${superuserPassword}\n`, secret: true },
    { path: 'secrets/pcp.conf', content: `# PCP login of pgha (user:md5 of the password in pcp_password.txt)\n${PCP_USER}:${md5}\n`, secret: true },
    { path: 'secrets/pcp_password.txt', content: `${pcpPassword}\n`, secret: true },
  ];
}

/** The pgpool service of compose.yaml: client port on `hostPort`, PCP on `hostPort + 1`, both on 127.0.0.1. */
export function pgpoolService(replicas: string[], hostPort: number): string[] {
  return [
    '',
    '  pgpool:',
    `    image: ${PGPOOL_IMAGE}`,
    '    restart: unless-stopped',
    '    networks: [pg]',
    '    depends_on:',
    '      primary:',
    '        condition: service_healthy',
    ...replicas.flatMap((name) => [`      ${name}:`, '        condition: service_started']),
    '    ports:',
    `      - "127.0.0.1:${hostPort}:${PGPOOL_PORT}"`,
    `      - "127.0.0.1:${hostPort + 1}:${PCP_PORT}"`,
    '    volumes:',
    '      - ./pgpool/pgpool.conf:/etc/pgpool2/pgpool.conf:ro',
    '      - ./pgpool/pool_hba.conf:/etc/pgpool2/pool_hba.conf:ro',
    '      - ./secrets/pool_passwd:/etc/pgpool2/pool_passwd:ro',
    '      - ./secrets/pcp.conf:/etc/pgpool2/pcp.conf:ro',
    '    healthcheck:',
    `      test: ["CMD-SHELL", "PGCONNECT_TIMEOUT=3 psql -h /var/run/pgpool -p ${PGPOOL_PORT} -U postgres -d postgres -Atc 'select 1' >/dev/null"]`,
    '      interval: 5s',
    '      timeout: 5s',
    '      retries: 24',
    '      start_period: 20s',
  ];
}
