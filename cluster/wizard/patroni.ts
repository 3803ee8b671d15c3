/**
 * "New HA Cluster…" → Patroni + etcd (3 nodes): three etcd members hold the leader key, three Patroni nodes
 * (PostgreSQL 15, synchronous_mode strict) elect one primary and fail over on their own; pgha launches it (etcd
 * quorum first), watches it through Patroni's REST API and acts through it. Passwords go to a generated .env (0700
 * folder, never in the compose file). examples/patroni is this generator's output (a test keeps them equal).
 */
import { randomBytes } from 'node:crypto';
import type { GeneratedFile } from './generate';

export interface PatroniWizardOptions {
  /** Host port of patroni1's PostgreSQL; patroni2 and 3 get the next two. */
  basePort: number;
  /** Host port of patroni1's REST API; patroni2 and 3 get the next two. */
  restBasePort: number;
  scope?: string;
}

export const PATRONI_NODES = ['patroni1', 'patroni2', 'patroni3'];
const ETCD_MEMBERS = ['etcd1', 'etcd2', 'etcd3'];
const SECRETS = ['PATRONI_SUPERUSER_PASSWORD', 'PATRONI_REPLICATION_PASSWORD', 'PATRONI_REWIND_PASSWORD', 'PATRONI_RESTAPI_PASSWORD'];

export function validatePatroniOptions(o: PatroniWizardOptions): string[] {
  const problems: string[] = [];
  for (const [what, port] of [['PostgreSQL', o.basePort], ['REST API', o.restBasePort]] as const) {
    if (!Number.isInteger(port) || port < 1024 || port + 2 > 65535) problems.push(`The ${what} base port must be a whole number from 1024 to 65533 (got ${port}).`);
  }
  if (Math.abs(o.basePort - o.restBasePort) < 3) problems.push('The PostgreSQL and REST API port ranges (3 ports each) overlap.');
  return problems;
}

function header(o: PatroniWizardOptions): string[] {
  const range = (base: number) => `${base}..${base + 2}`;
  return [
    '# Patroni 3.0 + etcd 3.4: three etcd members hold the leader lock, three Patroni nodes (PostgreSQL 15) elect one',
    "# primary among them and fail over on their own. The same topology pgha's own stack rehearses, under the HA engine",
    '# people run across machines.',
    '# Passwords: PATRONI_SUPERUSER_PASSWORD, PATRONI_REPLICATION_PASSWORD, PATRONI_REWIND_PASSWORD and',
    '# PATRONI_RESTAPI_PASSWORD come from an untracked .env file next to this one.',
    `# Ports are published on 127.0.0.1 only: PostgreSQL on ${range(o.basePort)}, Patroni's REST API on ${range(o.restBasePort)}.`,
    "# The Patroni image is pgha's test image (Debian bookworm's patroni 3.0.2 + postgresql-15; npm run test:images).",
    '# Check it: pgha check <folder>. Launch it: pgha up <folder>/compose.yaml --wait (etcd first, until it has a',
    '# quorum; then the Patroni nodes, until Patroni reports a leader and two streaming replicas).',
    '',
  ];
}

const ANCHORS = [
  'x-etcd: &etcd',
  '  image: quay.io/coreos/etcd:v3.4.23',
  '  restart: unless-stopped',
  '  networks: [patroni]',
  '',
  'x-etcd-environment: &etcd-environment',
  `  ETCD_INITIAL_CLUSTER: ${ETCD_MEMBERS.map((m) => `${m}=http://${m}:2380`).join(',')}`,
  '  ETCD_INITIAL_CLUSTER_STATE: new',
  '  ETCD_INITIAL_CLUSTER_TOKEN: pgha-patroni-demo',
  '  ETCD_LISTEN_PEER_URLS: http://0.0.0.0:2380',
  '  ETCD_LISTEN_CLIENT_URLS: http://0.0.0.0:2379',
  '  ETCD_DATA_DIR: /etcd-data',
  '',
  'x-patroni: &patroni',
  '  image: pgha-test/patroni:3.0-pg15',
  '  restart: unless-stopped',
  '  networks: [patroni]',
  '  user: postgres',
  '  command: patroni /etc/patroni/patroni.yml',
  `  depends_on: [${ETCD_MEMBERS.join(', ')}]`,
  '',
  'x-patroni-environment: &patroni-environment',
  ...SECRETS.map((name) => `  ${name}: \${${name}:?set it in .env}`),
  '',
];

/** One service on its x- anchors: its own environment lines, then its extra keys (ports, volumes). */
function service(name: string, anchor: string, environment: Record<string, string>, extra: string[]): string[] {
  return [`  ${name}:`, `    <<: *${anchor}`, '    environment:', `      <<: *${anchor}-environment`, ...Object.entries(environment).map(([k, v]) => `      ${k}: ${v}`), ...extra, ''];
}

function etcdService(member: string): string[] {
  return service(member, 'etcd', { ETCD_NAME: member, ETCD_INITIAL_ADVERTISE_PEER_URLS: `http://${member}:2380`, ETCD_ADVERTISE_CLIENT_URLS: `http://${member}:2379` }, ['    volumes:', `      - ${member}-data:/etcd-data`]);
}

function patroniService(node: string, pgPort: number, restPort: number): string[] {
  return service(node, 'patroni', { PATRONI_NAME: node, PATRONI_RESTAPI_CONNECT_ADDRESS: `${node}:8008`, PATRONI_POSTGRESQL_CONNECT_ADDRESS: `${node}:5432` }, [
    '    ports:',
    `      - "127.0.0.1:${pgPort}:5432"`,
    `      - "127.0.0.1:${restPort}:8008"`,
    '    volumes:',
    '      - ./patroni.yml:/etc/patroni/patroni.yml:ro',
    `      - ${node}-data:/var/lib/postgresql/15`,
  ]);
}

export function patroniCompose(o: PatroniWizardOptions): string {
  const lines = [...header(o), ...ANCHORS, 'services:'];
  for (const member of ETCD_MEMBERS) lines.push(...etcdService(member));
  PATRONI_NODES.forEach((node, i) => lines.push(...patroniService(node, o.basePort + i, o.restBasePort + i)));
  lines.push('networks:', '  patroni:', '', 'volumes:', ...[...ETCD_MEMBERS, ...PATRONI_NODES].map((name) => `  ${name}-data:`));
  return `${lines.join('\n')}\n`;
}

const HBA = ['    - local all all peer', '    - host replication replicator 0.0.0.0/0 scram-sha-256', '    - host all all 0.0.0.0/0 scram-sha-256'];

/** The patroni.yml every node shares (what differs per node comes from its environment). */
export function patroniYaml(scope: string): string {
  return [
    '# Patroni 3.0 configuration shared by patroni1..3 (compose.yaml next to it). What differs per node comes from',
    '# the environment: PATRONI_NAME, PATRONI_RESTAPI_CONNECT_ADDRESS, PATRONI_POSTGRESQL_CONNECT_ADDRESS, and the',
    `# passwords (${SECRETS.slice(0, 3).join(', ')},`,
    `# ${SECRETS[3]}): Patroni merges them into this file before it validates it.`,
    `scope: ${scope}`,
    'name: patroni1',
    'restapi:',
    '  listen: 0.0.0.0:8008',
    '  connect_address: patroni1:8008',
    '  authentication:',
    '    username: patroni',
    'etcd3:',
    `  hosts: ${ETCD_MEMBERS.map((m) => `${m}:2379`).join(',')}`,
    'bootstrap:',
    '  dcs:',
    '    ttl: 30',
    '    loop_wait: 10',
    '    retry_timeout: 10',
    '    maximum_lag_on_failover: 1048576',
    '    synchronous_mode: true',
    '    synchronous_mode_strict: true',
    '    postgresql:',
    '      use_pg_rewind: true',
    '      use_slots: true',
    '      parameters:',
    '        max_connections: 100',
    '        max_wal_senders: 10',
    '        wal_level: replica',
    '  initdb:',
    '    - encoding: UTF8',
    '    - data-checksums',
    '  pg_hba:',
    ...HBA,
    'postgresql:',
    '  listen: 0.0.0.0:5432',
    '  connect_address: patroni1:5432',
    '  data_dir: /var/lib/postgresql/15/patroni',
    '  bin_dir: /usr/lib/postgresql/15/bin',
    '  pgpass: /tmp/pgpass',
    '  authentication:',
    '    replication:',
    '      username: replicator',
    '    superuser:',
    '      username: postgres',
    '    rewind:',
    '      username: rewinder',
    '  parameters:',
    '    unix_socket_directories: /var/run/postgresql',
    '    shared_buffers: 128MB',
    '  pg_hba:',
    ...HBA,
    'watchdog:',
    '  mode: "off"',
    'tags:',
    '  nofailover: false',
    '  noloadbalance: false',
    '  clonefrom: false',
    '  nosync: false',
    '',
  ].join('\n');
}

/** compose.yaml, patroni.yml and the .env with generated passwords. */
export function generatePatroni(o: PatroniWizardOptions): GeneratedFile[] {
  const env = SECRETS.map((name) => `${name}=${randomBytes(18).toString('base64url')}\n`).join('');
  return [
    { path: 'compose.yaml', content: patroniCompose(o) },
    { path: 'patroni.yml', content: patroniYaml(o.scope ?? 'pgha-demo') },
    { path: '.env', content: env, secret: true },
  ];
}
