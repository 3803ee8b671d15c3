/**
 * Real PostgreSQL clusters in containers for the monitor/failover tests, the failover soak and the monitor bench: a primary and N streaming
 * replicas from the pgha test images (`npm run test:images`), ports published on 127.0.0.1 only, everything
 * labelled `pgha.test=1` plus compose labels, and always removed by `dispose()`.
 */
import Docker from 'dockerode';
import * as net from 'net';
import { Client } from 'pg';
import { DockerRuntime } from '../../cluster/runtime/docker/runtime';
import type { NodeControl } from '../../cluster/runtime/types';
import { pollUntil } from '../../core/poll';
import { testImageTag } from '../images/build';
import { launchTestCluster, type TestClusterOptions } from './launchCluster';
import { nativeUnavailable, startNative } from './nativeCluster';
import type { NodeTarget } from '../../cluster/monitor/types';

export const PASSWORD = 'pgha-test-secret';
const PROJECT_LABEL = 'com.docker.compose.project';

export type TestBackend = 'docker' | 'native';

export interface TestClusterSpec extends TestClusterOptions {
  major: number;
  replicas: number;
  /** Where the nodes run (default docker). */
  backend?: TestBackend;
}

export interface TestCluster {
  backend: TestBackend;
  project: string;
  /** The engine (Docker clusters only). */
  docker?: Docker;
  /** The compose file the cluster was started from (absent with PGHA_TEST_LAUNCHER=direct). */
  file?: string;
  targets: NodeTarget[];
  control: NodeControl;
  /** Runs SQL on a node through its published port. */
  query<T extends Record<string, unknown> = Record<string, unknown>>(service: string, sql: string, params?: unknown[]): Promise<T[]>;
  /** The services that still have a node (container or process), sorted. */
  services(): Promise<string[]>;
  dispose(): Promise<void>;
}

/** The test image of a major (npm run test:images). */
export const imageFor = testImageTag;

/** Why Docker tests cannot run here, or undefined when the engine answers and the image exists. */
export async function dockerUnavailable(major: number): Promise<string | undefined> {
  const docker = new Docker();
  try {
    await docker.ping();
  } catch (error) {
    return `no Docker engine answers (${(error as Error).message}); start dockerd`;
  }
  try {
    await docker.getImage(imageFor(major)).inspect();
  } catch {
    return `image ${imageFor(major)} is missing; run npm run test:images`;
  }
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export const settings = (service: string): string[] => [
  '-c', 'wal_level=replica', '-c', 'max_wal_senders=10', '-c', 'max_replication_slots=10', '-c', 'hot_standby=on',
  '-c', 'wal_log_hints=on', '-c', `cluster_name=${service}`, '-c', 'wal_keep_size=128MB',
  '-c', 'shared_buffers=32MB', '-c', 'checkpoint_timeout=30s',
];

export async function queryNode<T extends Record<string, unknown>>(target: NodeTarget, sql: string, params?: unknown[]): Promise<T[]> {
  const client = new Client({ host: target.host, port: target.port, user: target.user, password: target.password, database: target.database, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Removes every container, volume and network of a test project (by label). */
export async function removeProject(docker: Docker, project: string): Promise<void> {
  const filter = { label: [`${PROJECT_LABEL}=${project}`, 'pgha.test=1'] };
  for (const c of await docker.listContainers({ all: true, filters: filter })) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
  for (const v of (await docker.listVolumes({ filters: filter })).Volumes ?? []) await docker.getVolume(v.Name).remove().catch(() => undefined);
  for (const n of await docker.listNetworks({ filters: filter })) await docker.getNetwork(n.Id).remove().catch(() => undefined);
}

/** A test cluster's `query`: SQL on a node by service name, through its published port. */
export function queryOn(targets: NodeTarget[]): TestCluster['query'] {
  return (service, sql, params) => {
    const target = targets.find((t) => t.service === service);
    if (!target) throw new Error(`no service ${service}`);
    return queryNode(target, sql, params);
  };
}

/** The handle both ways of starting a Docker test cluster return. */
export function testCluster(project: string, docker: Docker, targets: NodeTarget[], dispose: () => Promise<void>): TestCluster {
  return {
    backend: 'docker',
    project,
    docker,
    targets,
    control: new DockerRuntime({ engine: { docker, endpoint: 'the default Docker engine' } }).nodeControl(project),
    query: queryOn(targets),
    services: async () => {
      const containers = await docker.listContainers({ all: true, filters: { label: [`${PROJECT_LABEL}=${project}`] } });
      return [...new Set(containers.map((c) => c.Labels['com.docker.compose.service']))].sort();
    },
    dispose,
  };
}

/** Why a test cluster on `backend` cannot run here, or undefined. */
export async function clusterUnavailable(backend: TestBackend, major: number): Promise<string | undefined> {
  if (backend === 'native') return nativeUnavailable();
  return dockerUnavailable(major);
}

/** What a test needs, for requirePart messages: "Docker with pgha-test/postgres:17" or "native PostgreSQL 17". */
export function clusterPart(backend: TestBackend, major: number): string {
  return backend === 'native' ? `native PostgreSQL ${major}` : `Docker with ${imageFor(major)}`;
}

/** The backends the shared suites run on: both, or the one PGHA_TEST_BACKENDS names (docker,native). */
export function testBackends(): TestBackend[] {
  const named = (process.env.PGHA_TEST_BACKENDS ?? 'docker,native').split(',').map((b) => b.trim());
  return (['docker', 'native'] as const).filter((b) => named.includes(b));
}

/** Resolves once the primary has `replicas` streaming standbys. */
export function allStreaming(cluster: TestCluster, replicas: number): Promise<boolean> {
  return pollUntil(
    async () => (await cluster.query<{ n: string }>('primary', `SELECT count(*) AS n FROM pg_stat_replication WHERE state = 'streaming'`))[0].n === String(replicas),
    { what: 'all replicas to stream', timeoutMs: 60_000 },
  );
}

/**
 * Starts a test cluster through the launcher (compose file → compose model → `up`), or, with
 * PGHA_TEST_LAUNCHER=direct, with plain dockerode calls (kept as a fallback that depends on no other core).
 */
export async function startTestCluster(spec: TestClusterSpec): Promise<TestCluster> {
  const project = `pghat${Math.random().toString(36).slice(2, 8)}`;
  const ports: number[] = [];
  for (let i = 0; i <= spec.replicas; i++) ports.push(await freePort());
  if (spec.backend === 'native') return startNative(spec, { project, ports, password: PASSWORD, settings, queryOn });
  if (process.env.PGHA_TEST_LAUNCHER === 'direct') return (await import('./directCluster')).startDirect(spec, project);
  const docker = new Docker();
  const launched = await launchTestCluster(project, spec.major, ports, PASSWORD, settings, spec);
  const targets = launched.targets;
  const cluster = testCluster(project, docker, targets, async () => {
    await launched.dispose();
    await removeProject(docker, project); // anything an action added outside the launcher's labels
  });
  cluster.file = launched.file;
  try {
    await allStreaming(cluster, spec.replicas);
  } catch (error) {
    await cluster.dispose();
    throw error;
  }
  return cluster;
}

/**
 * A compose file describing a running test cluster (same project name, services, ports and password), so the
 * CLI and the compose model see it as if `pgha up` had started it from this file.
 */
export function composeFileFor(cluster: Pick<TestCluster, 'project' | 'targets'>, major: number): string {
  const lines = [`name: ${cluster.project}`, 'services:'];
  for (const target of cluster.targets) {
    lines.push(`  ${target.service}:`, `    image: postgres:${major}`, `    ports: ["127.0.0.1:${target.port}:5432"]`);
    if (target.expectedRole === 'primary') {
      lines.push('    environment:', `      POSTGRES_PASSWORD: ${PASSWORD}`);
    } else {
      lines.push(
        '    environment:',
        `      PGPASSWORD: ${PASSWORD}`,
        '    depends_on: [primary]',
        '    command: >',
        `      bash -c "pg_basebackup -h primary -U postgres -D /var/lib/postgresql/data -R -S ${target.service} -C -X stream`,
        '      && exec docker-entrypoint.sh postgres"',
      );
    }
  }
  return lines.join('\n') + '\n';
}
