import * as assert from 'node:assert/strict';
import { ClusterError } from '../../../../cluster/runtime/errors';
import { buildImageMap, normalizeImage, parseImageMapValue, resolveImage } from '../../../../cluster/runtime/docker/imageMap';
import { durationNs, planLaunch, startOrder } from '../../../../cluster/runtime/docker/plan';
import { haTopology, serviceModel } from './handTopology';

const noFiles = () => undefined;
const imageMap = buildImageMap(undefined, { PGHA_IMAGE_MAP: 'postgres:17=mirror.local/postgres:17' }).map;

describe('cluster/plan', () => {
  it('labels each container with a hash of its definition, to notice a compose file edited later', () => {
    const hashes = (topology: ReturnType<typeof haTopology>) => planLaunch(topology, { imageMap, readFile: noFiles }).services.map((s) => s.create.Labels!['pgha.config-hash']);
    const before = hashes(haTopology('/srv/stack', { project: 'demo', basePort: 5432 }));
    assert.ok(before.every((h) => /^[0-9a-f]{16}$/.test(h)), before.join());
    assert.equal(new Set(before).size, 3);
    assert.deepEqual(hashes(haTopology('/srv/stack', { project: 'demo', basePort: 5432 })), before);
    const edited = haTopology('/srv/stack', { project: 'demo', basePort: 5432 });
    edited.services[0].command = [...edited.services[0].command!, '-c', 'work_mem=64MB'];
    const after = hashes(edited);
    assert.notEqual(after[0], before[0]);
    assert.deepEqual(after.slice(1), before.slice(1));
  });

  it('labels containers, networks and volumes like docker compose plus pgha.*', () => {
    const plan = planLaunch(haTopology('/srv/stack', { project: 'demo', basePort: 5432 }), { imageMap, readFile: noFiles });
    assert.deepEqual(plan.services.map((s) => s.name), ['primary', 'replica1', 'replica2']);
    const primary = plan.services[0];
    assert.equal(primary.containerName, 'demo-primary-1');
    assert.equal(primary.image, 'mirror.local/postgres:17');
    assert.equal(primary.requestedImage, 'postgres:17');
    const labels = primary.create.Labels!;
    assert.equal(labels['com.docker.compose.project'], 'demo');
    assert.equal(labels['com.docker.compose.service'], 'primary');
    assert.equal(labels['com.docker.compose.container-number'], '1');
    assert.equal(labels['com.docker.compose.oneoff'], 'False');
    assert.equal(labels['com.docker.compose.project.config_files'], '/srv/stack/compose.yaml');
    assert.equal(labels['com.docker.compose.project.working_dir'], '/srv/stack');
    assert.equal(labels['pgha.managed'], 'true');
    assert.equal(labels['pgha.role'], 'primary');
    assert.deepEqual(plan.networks.map((n) => [n.name, n.labels['com.docker.compose.network']]), [['demo_pg', 'pg']]);
    assert.deepEqual(plan.volumes.map((v) => v.name).sort(), ['demo_primary-data', 'demo_replica1-data', 'demo_replica2-data']);
  });

  it('resolves binds and secrets against the compose folder and publishes ports on the given address', () => {
    const plan = planLaunch(haTopology('/srv/stack', { project: 'demo', basePort: 6000 }), { imageMap, readFile: noFiles });
    const host = plan.services[0].create.HostConfig!;
    assert.ok(host.Binds!.includes('demo_primary-data:/var/lib/postgresql/data'));
    assert.ok(host.Binds!.includes('/srv/stack/postgresql.conf:/etc/postgresql/postgresql.conf:ro'));
    assert.ok(host.Binds!.includes('/srv/stack/secrets/postgres_password.txt:/run/secrets/postgres_password:ro'));
    assert.deepEqual(host.PortBindings, { '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '6000' }] });
    assert.deepEqual(plan.services[2].hostPort, { ip: '127.0.0.1', port: 6002 });
    assert.equal(plan.services[0].create.StopSignal, 'SIGINT');
    assert.deepEqual(plan.services[0].create.Healthcheck, {
      Test: ['CMD-SHELL', 'pg_isready -U postgres -h 127.0.0.1 -p 5432'],
      Interval: 5e9,
      Timeout: 3e9,
      Retries: 12,
      StartPeriod: 30e9,
    });
    assert.deepEqual(plan.services[1].create.NetworkingConfig, { EndpointsConfig: { demo_pg: { Aliases: ['replica1'] } } });
  });

  it('lists every unsupported key in one message before anything else', () => {
    const topology = haTopology('/srv/stack', { project: 'demo', basePort: 6000 });
    topology.services[0].unsupportedKeys = ['build'];
    topology.services[2].unsupportedKeys = ['deploy'];
    assert.throws(
      () => planLaunch(topology, { imageMap, readFile: noFiles }),
      (e: ClusterError) => e.code === 'unsupported-keys' && /services\.primary\.build, services\.replica2\.deploy/.test(e.message) && /Nothing was created/.test(e.message),
    );
  });

  it('orders by depends_on and reports cycles and unknown services', () => {
    const a = serviceModel('a', { dependsOn: [{ service: 'b', condition: 'service_started' }] });
    const b = serviceModel('b');
    assert.deepEqual(startOrder([a, b], 'c.yaml').map((s) => s.name), ['b', 'a']);
    const cyclic = [serviceModel('a', { dependsOn: [{ service: 'b', condition: 'service_started' }] }), serviceModel('b', { dependsOn: [{ service: 'a', condition: 'service_started' }] })];
    assert.throws(() => startOrder(cyclic, 'c.yaml'), /cycle: a → b → a/);
    assert.throws(() => startOrder([serviceModel('a', { dependsOn: [{ service: 'zz', condition: 'service_started' }] })], 'c.yaml'), /'zz', which c\.yaml does not define/);
  });

  it('merges env files under the environment and names a missing env file', () => {
    const topology = haTopology('/srv/stack', { project: 'demo', basePort: 6000, replicas: 0 });
    topology.services[0].envFiles = ['./db.env'];
    topology.services[0].environment.POSTGRES_USER = 'owner';
    const files: Record<string, string> = { '/srv/stack/db.env': '# comment\nPOSTGRES_USER=fromfile\nPOSTGRES_DB="app"\n' };
    const plan = planLaunch(topology, { imageMap, readFile: (f) => files[f] });
    const env = plan.services[0].create.Env!;
    assert.ok(env.includes('POSTGRES_USER=owner'));
    assert.ok(env.includes('POSTGRES_DB=app'));
    assert.throws(() => planLaunch(topology, { imageMap, readFile: noFiles }), /env_file \/srv\/stack\/db\.env of service 'primary'/);
  });

  it('passes hostname, shm_size, stop_grace_period and labels through; our labels win', () => {
    const topology = haTopology('/srv/stack', { project: 'demo', basePort: 6000, replicas: 0 });
    Object.assign(topology.services[0], { hostname: 'pg1', shmSize: '256m', stopGracePeriod: '1m', labels: { team: 'db', 'pgha.managed': 'no' }, entrypoint: [] });
    const create = planLaunch(topology, { imageMap, readFile: noFiles }).services[0].create;
    assert.equal(create.Hostname, 'pg1');
    assert.equal(create.HostConfig!.ShmSize, 256 * 1024 * 1024);
    assert.equal(create.StopTimeout, 60);
    assert.equal(create.Labels!.team, 'db');
    assert.equal(create.Labels!['pgha.managed'], 'true');
    assert.equal(create.Entrypoint, undefined, 'an empty entrypoint list keeps the image entrypoint');
  });

  it('uses external volumes and networks by their own name and never plans to create them', () => {
    const topology = haTopology('/srv/stack', { project: 'demo', basePort: 6000, replicas: 0 });
    topology.externalVolumes = ['primary-data'];
    topology.externalNetworks = ['pg'];
    const plan = planLaunch(topology, { imageMap, readFile: noFiles });
    assert.deepEqual(plan.volumes, []);
    assert.deepEqual(plan.networks, []);
    assert.ok(plan.services[0].create.HostConfig!.Binds!.includes('primary-data:/var/lib/postgresql/data'));
    assert.equal(plan.services[0].create.HostConfig!.NetworkMode, 'pg');
  });

  it('publishes ports without a host address on 127.0.0.1 unless every interface is asked for, and says so', () => {
    const topology = haTopology('/srv/stack', { project: 'demo', basePort: 6000, replicas: 1 });
    topology.services[0].ports = [{ hostPort: 25432, containerPort: 5432, protocol: 'tcp' }];
    topology.services[1].ports = [{ containerPort: 5432, protocol: 'tcp' }, { hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }];
    const local = planLaunch(topology, { imageMap, readFile: noFiles });
    assert.deepEqual(local.services[0].create.HostConfig!.PortBindings, { '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '25432' }] });
    assert.deepEqual(local.services[1].create.HostConfig!.PortBindings, {
      '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
      '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }],
    });
    assert.deepEqual(local.loopbackPorts, ['primary 25432:5432', 'replica1 (random):5432']);
    const everywhere = planLaunch(topology, { imageMap, readFile: noFiles, publishAllInterfaces: true });
    assert.deepEqual(everywhere.services[0].create.HostConfig!.PortBindings, { '5432/tcp': [{ HostIp: '', HostPort: '25432' }] });
    assert.deepEqual(everywhere.loopbackPorts, []);
    assert.deepEqual(everywhere.services[0].hostPort, { ip: '127.0.0.1', port: 25432 });
  });

  it('parses compose durations', () => {
    assert.equal(durationNs('1m30s'), 90e9);
    assert.equal(durationNs('500ms'), 500e6);
    assert.equal(durationNs('soon'), undefined);
  });
});

describe('cluster/imageMap', () => {
  it('maps official names (with or without docker.io/library and :latest), env over setting', () => {
    const { map, problems } = buildImageMap({ 'postgres:15': 'a/pg:15', redis: 'a/redis' }, { PGHA_IMAGE_MAP: 'postgres:15=b/pg:15, nonsense' });
    assert.equal(resolveImage('docker.io/library/postgres:15', map), 'b/pg:15');
    assert.equal(resolveImage('redis', map), 'a/redis');
    assert.equal(resolveImage('postgres:16', map), 'postgres:16');
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /'nonsense' is not 'image=replacement'/);
    assert.equal(normalizeImage('registry:5000/x/y'), 'registry:5000/x/y:latest');
    assert.equal(parseImageMapValue('').map.size, 0);
  });
});
