/**
 * Hand-built Topology objects for tests that must not depend on the compose model (plan unit tests),
 * shaped like what the compose model produces for examples/ha-stack/compose.yaml.
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { ServiceModel, Topology } from '../../../../core/model/topology';


export function serviceModel(name: string, overrides: Partial<ServiceModel> = {}): ServiceModel {
  return {
    name,
   
    role: 'other',
    flavor: 'official',
    image: 'postgres:17',
    tag: '17',
    major: 17,
    environment: {},
    settings: [],
    ports: [],
    volumes: [],
    dependsOn: [],
    networks: [],
    secrets: [],
    envFiles: [],
    credentials: {},
    createdSlots: [],
    unsupportedKeys: [],
    ...overrides,
  };
}

/** Primary + replicas like examples/ha-stack, with host ports basePort, basePort+1, … */
export function haTopology(composeDir: string, options: { project: string; basePort: number; replicas?: number; image?: string }): Topology {
  const image = options.image ?? 'postgres:17';
  const port = (n: number) => [{ hostIp: '127.0.0.1', hostPort: options.basePort + n, containerPort: 5432, protocol: 'tcp' as const }];
  const confMounts = [
    { type: 'bind' as const, source: './postgresql.conf', target: '/etc/postgresql/postgresql.conf', readOnly: true },
    { type: 'bind' as const, source: './pg_hba.conf', target: '/etc/postgresql/pg_hba.conf', readOnly: true },
  ];
  const healthcheck = { test: ['CMD-SHELL', 'pg_isready -U postgres -h 127.0.0.1 -p 5432'], interval: '5s', timeout: '3s', retries: 12, startPeriod: '30s' };
  const common = { image, restart: 'unless-stopped', networks: ['pg'], secrets: ['postgres_password', 'replication_pgpass'], healthcheck };
  const services: ServiceModel[] = [
    serviceModel('primary', {
      ...common,
      role: 'primary',
      environment: { POSTGRES_USER: 'postgres', POSTGRES_PASSWORD_FILE: '/run/secrets/postgres_password', POSTGRES_INITDB_ARGS: '--auth-local=peer --auth-host=scram-sha-256' },
      credentials: { user: 'postgres', passwordFile: '/run/secrets/postgres_password', database: 'postgres' },
      command: ['postgres', '-c', 'config_file=/etc/postgresql/postgresql.conf', '-c', 'hba_file=/etc/postgresql/pg_hba.conf'],
      ports: port(0),
      volumes: [{ type: 'volume', source: 'primary-data', target: '/var/lib/postgresql/data', readOnly: false }, ...confMounts,
        { type: 'bind', source: './init', target: '/docker-entrypoint-initdb.d', readOnly: true }],
    }),
  ];
  for (let i = 1; i <= (options.replicas ?? 2); i++) {
    const name = `replica${i}`;
    services.push(
      serviceModel(name, {
        ...common,
        role: 'replica',
        user: 'postgres',
        upstream: 'primary',
        slot: name,
        environment: { PGPASSFILE: '/tmp/pgpass' },
        credentials: { user: 'replicator', database: 'postgres' },
        command: ['bash', '-ec', [
          'install -m 600 /run/secrets/replication_pgpass /tmp/pgpass',
          'if [ ! -s /var/lib/postgresql/data/PG_VERSION ]; then',
          `  pg_basebackup --pgdata=/var/lib/postgresql/data --host=primary --port=5432 --username=replicator --slot=${name} --write-recovery-conf --wal-method=stream --checkpoint=fast --no-password`,
          '  chmod 700 /var/lib/postgresql/data',
          'fi',
          'exec postgres -c config_file=/etc/postgresql/postgresql.conf -c hba_file=/etc/postgresql/pg_hba.conf',
        ].join('\n')],
        dependsOn: [{ service: 'primary', condition: 'service_healthy' }],
        ports: port(i),
        volumes: [{ type: 'volume', source: `${name}-data`, target: '/var/lib/postgresql/data', readOnly: false }, ...confMounts],
      }),
    );
  }
  return {
    uri: pathToFileURL(path.join(composeDir, 'compose.yaml')).toString(),
    project: options.project,
    services,
    edges: services.filter((s) => s.role === 'replica').map((s) => ({ from: 'primary', to: s.name, slot: s.slot })),
    volumes: services.map((s) => `${s.name}-data`),
    networks: ['pg'],
    secrets: {
      postgres_password: { file: './secrets/postgres_password.txt' },
      replication_pgpass: { file: './secrets/replication.pgpass' },
    },
  };
}
