/**
 * The wizard's stack with PgBouncer, for real: `pgha check` finds nothing in it, `up` starts primary, replica and
 * the pooler (bitnami/pgbouncer contract on our image) and waits until PgBouncer answers; clients log in through
 * PgBouncer with the generated superuser password (scram-sha-256), and the tree's watch reads its pools. Then the
 * failover proof for a PgBouncer configured from its environment: a client keeps writing through it under
 * synchronous replication, the primary is killed, pgha promotes the replica and rewrites the pgbouncer.ini the
 * entrypoint generated inside the container (+ RELOAD): writes through the same address resume within 10 s, no
 * acknowledged write is lost, and a restart of the pooler container keeps sending them to the new primary.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { poolerFollowersOf, stackAdminLogin } from '../../../cluster/failover/poolers';
import { DEFAULT_POOLER_THRESHOLDS, poolerAnswers, probePooler } from '../../../cluster/monitor/pooler';
import { DockerRuntime } from '../../../cluster/runtime/docker/runtime';
import { targetsFromTopology } from '../../../cluster/monitor/targets';
import { poolerRows } from '../../../client/src/views/poolers/poolerRows';
import { PoolerWatch } from '../../../client/src/views/poolers/poolerWatch';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { buildImageMap } from '../../../cluster/runtime/docker/imageMap';
import { up } from '../../../cluster/runtime/docker/launcher';
import { down } from '../../../cluster/runtime/docker/manage';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import { generateCluster, PGBOUNCER_IMAGE } from '../../../cluster/wizard/generate';
import { writeGeneratedFiles } from '../../../cluster/wizard/write';
import { judgeWhy } from '../../../scripts/differential/poolers/oracle';
import { imageMapValue } from '../../../scripts/images/build';
import { pgha } from '../../support/cli';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { failoverUnderWrites, throughPooler } from '../pooler/exampleSupport';
import { dockerWhy, freePorts, imagesWhy, leftovers, nothingLeft, tempDir } from '../runtime/docker/dockerSupport';

const PASSWORD = 'wizard-pooler';

describe('wizard stack with PgBouncer on Docker', function () {
  this.timeout(240_000);
  const engine = connectEngine();
  let dir = '';
  let project = '';
  let basePort = 0;

  before(async function () {
    requirePart(this, 'Docker with pgha-test/postgres:17 and pgbouncer:1.24', (await dockerWhy(engine)) ?? (await imagesWhy(engine, [17])) ?? (await judgeWhy('pgbouncer', '1.24')));
    dir = tempDir('wizard-pgbouncer');
    project = path.basename(dir);
    basePort = await freePorts(3);
  });

  after(async () => {
    if (!project) return;
    await down(engine, project, { volumes: true });
    fs.rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
  });

  it('is clean under pgha check, starts with the pooler, and serves clients through it', async () => {
    writeGeneratedFiles(dir, generateCluster({ major: 17, replicas: 1, mode: 'sync', pgbouncer: true, basePort, superuserPassword: PASSWORD }));
    const check = await pgha(['check', dir]);
    assert.equal(check.code, 0, check.out + check.err);
    const imageMap = buildImageMap(undefined, { PGHA_IMAGE_MAP: `${imageMapValue([17])},${PGBOUNCER_IMAGE}=pgha-test/pgbouncer:1.24` }).map;
    const events: string[] = [];
    await up(loadTopology(path.join(dir, 'compose.yaml')), { engine, imageMap, wait: true, timeoutMs: 180_000, onProgress: (e) => events.push(e.message) });
    const poolerPort = basePort + 2;
    assert.ok(events.includes(`pgbouncer (PgBouncer) answers on port ${poolerPort}`), events.join('\n'));
    const client = new Client({ host: '127.0.0.1', port: poolerPort, user: 'postgres', password: PASSWORD, database: 'postgres', connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query('CREATE TABLE through_pooler (id int PRIMARY KEY)');
      await client.query('INSERT INTO through_pooler VALUES (1)'); // synchronous: returns once the replica confirmed it
      assert.deepEqual((await client.query('SELECT count(*)::int AS n FROM through_pooler')).rows, [{ n: 1 }]);
    } finally {
      await client.end();
    }
    // What the tree shows under the pooler node: the watch reads it with the stack's login, the rows present it.
    const topology = loadTopology(path.join(dir, 'compose.yaml'));
    const watch = new PoolerWatch();
    assert.equal(await watch.refresh('wizard', topology, targetsFromTopology(topology).targets), true);
    const status = watch.statusOf('wizard', 'pgbouncer');
    assert.equal(status?.state, 'up', status?.error);
    assert.deepEqual(status!.databases.filter((d) => d.name === 'postgres').map((d) => `${d.host}:${d.port}`), ['primary:5432']);
    const rows = poolerRows(status, DEFAULT_POOLER_THRESHOLDS);
    assert.deepEqual(rows.map((r) => r.label), ['postgres/postgres (transaction)', 'Databases']);
  });

  it('follows a failover: writes through the same PgBouncer resume within 10 s, none acknowledged is lost, a restart keeps the new primary', async () => {
    const topology = loadTopology(path.join(dir, 'compose.yaml'));
    const control = new DockerRuntime({ engine }).nodeControl(project);
    const targets = targetsFromTopology(topology).targets;
    const poolers = poolerFollowersOf(topology, stackAdminLogin(targets));
    assert.deepEqual(poolers.map((p) => [p.service, p.configPath, p.inContainer]), [['pgbouncer', '/opt/bitnami/pgbouncer/conf/pgbouncer.ini', true]]);
    const port = basePort + 2;
    const login = { database: 'postgres', password: PASSWORD };
    await throughPooler(port, 'CREATE TABLE writes (id int PRIMARY KEY)', login);
    const run = await failoverUnderWrites({ targets, control, poolers }, port, login);
    console.log(`      wizard stack: writes through PgBouncer resumed ${run.resumedMs} ms after pgha promote began; ${run.acknowledged} writes acknowledged, ${run.lost.length} lost`);
    assert.ok(run.steps.some((s) => s.startsWith('pgbouncer sends its databases to replica1 (/opt/bitnami/pgbouncer/conf/pgbouncer.ini in its container rewritten')), run.steps.join('\n'));
    assert.deepEqual(run.lost, [], 'acknowledged writes missing on the new primary');
    // A new start of the container runs the entrypoint again: it keeps the rewritten file (its generated-file mark is gone).
    const restarted = Date.now();
    await control.signal('pgbouncer', 'SIGKILL');
    await control.waitStopped('pgbouncer', 30_000);
    await control.start('pgbouncer');
    await waitFor(async () => poolerAnswers('127.0.0.1', port), 'PgBouncer to answer after its restart', 60_000, 100);
    console.log(`      PgBouncer killed and started again: answering after ${Date.now() - restarted} ms, still sending to replica1`);
    const status = await probePooler({ service: 'pgbouncer', host: '127.0.0.1', port, user: 'postgres', password: PASSWORD });
    assert.deepEqual(status.databases.filter((d) => d.name === 'postgres').map((d) => d.host), ['replica1']);
    await waitFor(async () => (await throughPooler(port, 'INSERT INTO writes VALUES (-1)', login).then(() => true, () => false)), 'a write through the restarted PgBouncer', 30_000, 200);
  });
});
