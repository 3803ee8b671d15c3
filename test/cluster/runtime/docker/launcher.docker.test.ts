/**
 * The launcher against a real Docker engine and our test images (npm run test:images): the example
 * stack replicates, survives stop/start, and every failure leaves nothing behind.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { connectEngine } from '../../../../cluster/runtime/docker/engine';
import { ClusterError } from '../../../../cluster/runtime/errors';
import { up } from '../../../../cluster/runtime/docker/launcher';
import { down, followLogs, listContainers, nodeAction, startStack, stopStack } from '../../../../cluster/runtime/docker/manage';
import { DockerRuntime } from '../../../../cluster/runtime/docker/runtime';
import { followProjectLogs } from '../../../../cluster/runtime/projectLogs';
import { loadTopology } from '../../../../cluster/runtime/topologySource';
import { buildImageMap } from '../../../../cluster/runtime/docker/imageMap';
import { pullImage } from '../../../../cluster/runtime/docker/pull';
import { requirePart } from '../../../support/parts';
import { waitFor } from '../../../support/waitFor';
import { copyExample, dockerWhy, freePorts, imagesWhy, leftovers, nothingLeft, tempDir, testImageMap } from './dockerSupport';

const engine = connectEngine();
const password = fs.readFileSync(path.join(__dirname, '../../../../examples/ha-stack/secrets/postgres_password.txt'), 'utf8').trim();

async function query<T>(port: number, sql: string): Promise<T[]> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function expectFailure(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<ClusterError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ClusterError, `expected a ClusterError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('cluster launcher with real Docker', function () {
  this.timeout(240_000);
  const dirs: string[] = [];
  const projects: string[] = [];

  before(async function () {
    requirePart(this, 'docker', await dockerWhy(engine));
    requirePart(this, 'test images', await imagesWhy(engine, [17]));
  });

  after(async () => {
    if (await dockerWhy(engine)) return;
    for (const project of projects) await down(engine, project, { volumes: true }).catch(() => undefined);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  function exampleCopy(basePort: number): { file: string; project: string } {
    const dir = tempDir('ha-stack');
    dirs.push(dir);
    projects.push(path.basename(dir));
    return { file: copyExample(dir, basePort), project: path.basename(dir) };
  }

  it('starts the example (primary + 2 replicas), replicates a row, survives stop/start, and down --volumes leaves nothing', async () => {
    const base = await freePorts(3);
    const { file, project } = exampleCopy(base);
    const events: string[] = [];
    const result = await up(loadTopology(file), { engine, imageMap: testImageMap(), onProgress: (e) => events.push(e.message) });
    assert.equal(result.project, project);
    assert.deepEqual(result.nodes.map((n) => [n.service, n.status?.inRecovery, n.status?.receiver]), [
      ['primary', false, undefined],
      ['replica1', true, 'streaming'],
      ['replica2', true, 'streaming'],
    ]);
    assert.ok(events.includes('replica1 streams from primary') && events.includes('replica2 streams from primary'), events.join('\n'));

    await query(base, "create table ha_probe(id int primary key, note text); insert into ha_probe values (1, 'written on the primary')");
    for (const port of [base + 1, base + 2]) {
      await waitFor(async () => (await query<{ note: string }>(port, 'select note from ha_probe where id = 1'))[0]?.note === 'written on the primary', `row on replica port ${port}`, 20_000, 200);
    }

    // Logs: history, then following until aborted.
    const history: string[] = [];
    await followLogs(engine, `${project}-primary-1`, { follow: false, tail: 200, onLine: (l) => history.push(l) });
    assert.ok(history.some((l) => /ready to accept connections/.test(l)), history.slice(-5).join('\n'));
    const followed: string[] = [];
    const stopFollowing = new AbortController();
    // Through the runtime interface, as the extension's "Show logs" of a cluster does.
    const runtime = new DockerRuntime({ engine, imageMap: testImageMap() });
    const following = followProjectLogs(runtime, project, { follow: true, tail: 0, signal: stopFollowing.signal, onLine: (l) => followed.push(l) });
    await query(base, "select pg_terminate_backend(pid) from pg_stat_activity where false"); // a new connection is logged
    await waitFor(() => followed.some((l) => /^primary\s+\| .*connection (received|authorized)/.test(l)), 'a followed primary log line', 20_000, 100);
    stopFollowing.abort();
    await following;

    // An interactive (TTY) exec, as the psql pseudoterminal uses it (through the runtime's neutral session).
    const replica2 = (await runtime.list(project)).find((n) => n.service === 'replica2')!;
    assert.equal(replica2.lifecycle, 'running');
    const session = await runtime.exec(replica2.id, ['psql', '-U', 'postgres', '-d', 'postgres']);
    let screen = '';
    session.onData((text) => (screen += text));
    const exited = new Promise<number>((resolve) => session.onExit(resolve));
    session.resize(100, 30);
    session.write("select 'from ' || 'replica2';\n");
    await waitFor(() => screen.includes('from replica2'), 'psql output in the TTY', 20_000, 100);
    session.write('\\q\n');
    assert.equal(await exited, 0);

    assert.equal(await runtime.stop(project), 3);
    assert.ok((await listContainers(engine, project)).every((c) => c.state === 'exited'));
    assert.deepEqual((await runtime.list(project)).map((n) => n.lifecycle), ['stopped', 'stopped', 'stopped']);
    // Starting again through up (depends_on honoured) reuses the containers and their volumes.
    const again = await up(loadTopology(file), { engine, imageMap: testImageMap() });
    assert.equal(again.createdContainers, 0);
    assert.deepEqual(again.nodes.map((n) => n.status?.receiver ?? 'primary'), ['primary', 'streaming', 'streaming']);
    assert.deepEqual(await query(base + 2, 'select note from ha_probe'), [{ note: 'written on the primary' }]);

    // One node: kill (crash rehearsal), start again; the replica catches up.
    await nodeAction(engine, `${project}-replica1-1`, 'kill');
    await waitFor(async () => (await listContainers(engine, project)).find((c) => c.service === 'replica1')?.state === 'exited', 'replica1 killed', 20_000, 200);
    await query(base, "insert into ha_probe values (2, 'while replica1 was down')");
    await nodeAction(engine, `${project}-replica1-1`, 'start');
    await waitFor(async () => (await query(base + 1, 'select 1 from ha_probe where id = 2').catch(() => [])).length === 1, 'replica1 to catch up', 60_000, 250);

    assert.equal(await stopStack(engine, project), 3);
    assert.equal(await startStack(engine, project), 3);
    await waitFor(async () => (await query(base + 1, 'select count(*)::int as n from ha_probe').catch(() => []))[0], 'replica1 after startStack', 60_000, 250);

    const removed = await down(engine, project, { volumes: true });
    assert.deepEqual(removed, { containers: 3, networks: 1, volumes: 3 });
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
  });

  it('refuses a busy port before creating anything', async () => {
    const base = await freePorts(3);
    const { file, project } = exampleCopy(base);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(base + 1, '127.0.0.1', resolve));
    try {
      await expectFailure(up(loadTopology(file), { engine, imageMap: testImageMap() }), 'port-busy', new RegExp(`port ${base + 1} on 127\\.0\\.0\\.1 \\(service replica1\\) is already in use`));
    } finally {
      blocker.close();
    }
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
  });

  it('says how to start Docker when DOCKER_HOST points at a dead socket', async () => {
    const { file } = exampleCopy(await freePorts(3));
    const deadDir = tempDir('dead');
    dirs.push(deadDir);
    const dead = connectEngine({ DOCKER_HOST: `unix://${path.join(deadDir, 'docker.sock')}` });
    await expectFailure(up(loadTopology(file), { engine: dead, imageMap: testImageMap() }), 'engine-unreachable', /Cannot reach the Docker engine at unix:\/\/.*docker\.sock.*Start Docker/);
  });

  it('names a missing image (after the image map) and creates nothing', async () => {
    const { file, project } = exampleCopy(await freePorts(3));
    const imageMap = buildImageMap(undefined, { PGHA_IMAGE_MAP: 'postgres:17=pgha-test/not-built:0' }).map;
    const error = await expectFailure(up(loadTopology(file), { engine, imageMap }), 'image-missing', /'pgha-test\/not-built:0' \(mapped from 'postgres:17'\) is not available locally/);
    assert.deepEqual(error.actions.map((a) => a.id), ['pull-image']);
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
    // The offered pull fails here (no registry): offline is said as such.
    await expectFailure(pullImage(engine, error.actions[0].target!), 'image-pull-failed', /Cannot pull pgha-test\/not-built:0: the Docker engine cannot reach the registry \(offline\?\)|Pulling pgha-test\/not-built:0 failed/);
  });

  it('refuses a container name taken by a container it did not create, and leaves that container alone', async () => {
    const { file, project } = exampleCopy(await freePorts(3));
    const foreign = await engine.docker.createContainer({ name: `${project}-replica2-1`, Image: 'pgha-test/postgres:17', Cmd: ['true'] });
    try {
      await expectFailure(up(loadTopology(file), { engine, imageMap: testImageMap() }), 'name-clash', /'.*-replica2-1' \(service replica2\) already exists and was not created by PostgreSQL HA Studio/);
      assert.equal((await foreign.inspect()).Name, `/${project}-replica2-1`);
      const left = await leftovers(engine, project);
      assert.deepEqual(left, nothingLeft);
    } finally {
      await foreign.remove({ force: true, v: true });
    }
  });

  it('cancels on request part-way and removes what it created', async () => {
    const { file, project } = exampleCopy(await freePorts(3));
    const controller = new AbortController();
    const onProgress = (e: { message: string }) => {
      if (e.message === 'Starting primary') controller.abort();
    };
    await expectFailure(up(loadTopology(file), { engine, imageMap: testImageMap(), signal: controller.signal, onProgress }), 'cancelled', /Cancelled before project '.*' was up \(3 container\(s\), 1 network\(s\), 3 volume\(s\) created in this run\)\. Everything created in this run was removed\./);
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
  });

  it('waits for service_completed_successfully, and stops with a clear message when that job fails', async () => {
    for (const exitCode of [0, 3]) {
      const dir = tempDir('job');
      dirs.push(dir);
      projects.push(path.basename(dir));
      const port = await freePorts(1);
      fs.writeFileSync(
        path.join(dir, 'compose.yaml'),
        [
          'services:',
          '  setup:',
          '    image: postgres:17',
          `    command: ["bash", "-c", "echo preparing; exit ${exitCode}"]`,
          '  db:',
          '    image: postgres:17',
          '    environment:',
          '      POSTGRES_HOST_AUTH_METHOD: trust',
          '    depends_on:',
          '      setup:',
          '        condition: service_completed_successfully',
          '    ports:',
          `      - "127.0.0.1:${port}:5432"`,
          '',
        ].join('\n'),
      );
      const run = up(loadTopology(path.join(dir, 'compose.yaml')), { engine, imageMap: testImageMap() });
      if (exitCode === 0) {
        const result = await run;
        assert.deepEqual(result.nodes.map((n) => [n.service, n.status?.inRecovery]), [['setup', undefined], ['db', false]]);
        await down(engine, path.basename(dir), { volumes: true });
      } else {
        await expectFailure(run, 'start-failed', /Service 'setup' exited with code 3; services depending on its success cannot start/);
      }
      assert.deepEqual(await leftovers(engine, path.basename(dir)), nothingLeft);
    }
  });

  it('rolls back everything when an init script fails, quoting the log', async () => {
    const { file, project } = exampleCopy(await freePorts(3));
    fs.writeFileSync(path.join(path.dirname(file), 'init', '03-broken.sql'), 'SELECT 1/0;\n');
    const error = await expectFailure(up(loadTopology(file), { engine, imageMap: testImageMap(), timeoutMs: 90_000 }), 'start-failed', /^primary: psql:[^\n]*03-broken\.sql:1: ERROR: division by zero — stopped \(exit code \d+[\s\S]*Everything created in this run was removed/);
    assert.match(error.detail ?? '', /03-broken\.sql/);
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
  });

  it('quotes the replica log (once per distinct line) when it never streams, and offers no logs of removed containers', async () => {
    const dir = tempDir('never-streams');
    dirs.push(dir);
    projects.push(path.basename(dir));
    const port = await freePorts(2);
    // The seed's mistake: the replica logs in as a role nothing creates, in a retry loop that never ends.
    const compose = [
      'services:',
      '  primary:',
      '    image: postgres:17',
      `    ports: ["127.0.0.1:${port}:5432"]`,
      '    environment: { POSTGRES_PASSWORD: pw }',
      '  replica:',
      '    image: postgres:17',
      `    ports: ["127.0.0.1:${port + 1}:5432"]`,
      '    environment: { PGUSER: replicator, PGPASSWORD: wrong }',
      '    command: bash -c "until pg_basebackup -D /var/lib/postgresql/data -R -h primary; do sleep 1; done; exec postgres"',
      '    depends_on: [primary]',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'compose.yaml'), compose);
    const error = await expectFailure(
      up(loadTopology(path.join(dir, 'compose.yaml')), { engine, imageMap: testImageMap(), timeoutMs: 15_000 }),
      'timeout',
      /^pg_basebackup: error: [^\n]*"replicator"[^\n]* — [^\n]*waiting for replica to stream[\s\S]*Everything created in this run was removed/,
    );
    const quoted = error.message.split('\n').filter((l) => l.includes('pg_basebackup: error:'));
    assert.equal(new Set(quoted).size, quoted.length, error.message);
    assert.ok(!error.actions.some((a) => a.id === 'show-logs'), JSON.stringify(error.actions));
    assert.match(error.detail ?? '', /pg_basebackup/);
    assert.deepEqual(await leftovers(engine, path.basename(dir)), nothingLeft);
  });
});
