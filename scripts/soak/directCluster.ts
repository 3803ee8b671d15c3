/**
 * The fallback way to start a test cluster (PGHA_TEST_LAUNCHER=direct): plain dockerode calls, depending on no
 * other core than the names and the polling loop, for when the launcher itself is what is being debugged.
 */
import Docker from 'dockerode';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { officialDataDirectory } from '../../core/dataDirectory';
import { containerName, networkName, nodeDataVolumeKey, serviceHostNames, volumeName } from '../../core/names';
import { pollUntil } from '../../core/poll';
import type { NodeTarget } from '../../cluster/monitor/types';
import { allStreaming, freePort, imageFor, PASSWORD, queryNode, removeProject, settings, testCluster, type TestCluster, type TestClusterSpec } from './dockerCluster';
import { replicationLoginOf, testContainerName, testInitFiles } from './launchCluster';

const PROJECT_LABEL = 'com.docker.compose.project';

function replicaScript(service: string, primaryHost: string, user: string): string {
  return [
    'set -e',
    'if [ ! -s "$PGDATA/PG_VERSION" ]; then',
    `  for i in $(seq 600); do gosu postgres pg_isready -q -h ${primaryHost} && break; sleep 0.1; done`,
    // PGPASSWORD comes from the container's environment (gosu keeps it): no password in the script.
    `  gosu postgres pg_basebackup -d "host=${primaryHost} user=${user} application_name=${service}" -D "$PGDATA" -R -S ${service} -C -X stream -c fast`,
    'fi',
    `exec docker-entrypoint.sh postgres ${settings(service).join(' ')}`,
  ].join('\n');
}

function targetFor(service: string, port: number, project: string, spec: TestClusterSpec): NodeTarget {
  const role = service === 'primary' ? 'primary' : 'replica';
  const login = replicationLoginOf(spec, PASSWORD);
  return {
    service,
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: PASSWORD,
    database: 'postgres',
    expectedRole: role,
    upstream: role === 'replica' ? 'primary' : undefined,
    slot: role === 'replica' ? service : undefined,
    aliases: serviceHostNames(project, service, spec.containerNames ? testContainerName(project, service) : undefined),
    replication: { ...login, source: 'test cluster' },
  };
}

/** Creates and starts one node's volume and container; returns its monitor target. */
async function startNode(docker: Docker, project: string, spec: TestClusterSpec, service: string, initDir: string): Promise<NodeTarget> {
  const labels = { [PROJECT_LABEL]: project, 'pgha.test': '1' };
  const port = await freePort();
  const role = service === 'primary' ? 'primary' : 'replica';
  const volume = volumeName(project, nodeDataVolumeKey(service));
  await docker.createVolume({ Name: volume, Labels: { ...labels, 'com.docker.compose.volume': nodeDataVolumeKey(service) } });
  const network = networkName(project, 'default');
  const login = replicationLoginOf(spec, PASSWORD);
  const primaryHost = spec.containerNames ? testContainerName(project, 'primary') : 'primary';
  const container = await docker.createContainer({
    name: containerName(project, service, spec.containerNames ? testContainerName(project, service) : undefined),
    Image: imageFor(spec.major),
    Env: [`POSTGRES_PASSWORD=${PASSWORD}`, ...(role === 'replica' ? [`PGPASSWORD=${login.password}`] : [])],
    ...(role === 'primary' ? { Cmd: ['postgres', ...settings(service)] } : { Entrypoint: ['bash', '-c', replicaScript(service, primaryHost, login.user)], Cmd: [] }),
    Labels: { ...labels, 'com.docker.compose.service': service, 'com.docker.compose.container-number': '1', 'pgha.role': role },
    ExposedPorts: { '5432/tcp': {} },
    HostConfig: {
      Binds: [`${volume}:${officialDataDirectory(undefined)}`, ...(role === 'primary' ? [`${initDir}:/docker-entrypoint-initdb.d:ro`] : [])],
      PortBindings: { '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] },
      NetworkMode: network,
    },
    NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [service] } } },
  });
  await container.start();
  return targetFor(service, port, project, spec);
}

export async function startDirect(spec: TestClusterSpec, project: string): Promise<TestCluster> {
  const docker = new Docker();
  const initDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-init-'));
  fs.chmodSync(initDir, 0o755);
  for (const [name, text] of Object.entries(testInitFiles(spec))) fs.writeFileSync(path.join(initDir, name), text, { mode: 0o644 });
  const targets: NodeTarget[] = [];
  const dispose = async () => {
    await removeProject(docker, project);
    fs.rmSync(initDir, { recursive: true, force: true });
  };
  try {
    await docker.createNetwork({ Name: networkName(project, 'default'), Labels: { [PROJECT_LABEL]: project, 'pgha.test': '1', 'com.docker.compose.network': 'default' } });
    const services = ['primary', ...Array.from({ length: spec.replicas }, (_, i) => `replica${i + 1}`)];
    for (const service of services) targets.push(await startNode(docker, project, spec, service, initDir));
    const cluster = testCluster(project, docker, targets, dispose);
    for (const target of targets) {
      await pollUntil(() => queryNode(target, 'SELECT 1').then(() => true), { what: `${target.service} to accept connections`, timeoutMs: 90_000 });
    }
    await allStreaming(cluster, spec.replicas);
    return cluster;
  } catch (error) {
    await dispose();
    throw error;
  }
}
