/**
 * examples/pgbouncer for real (a port-shifted copy, made synchronous once up): `up` waits until PgBouncer answers, clients
 * write through it, the monitor reads its pools, and while a client keeps writing through PgBouncer the primary
 * crashes and pgha promotes the replica: writes through the same PgBouncer address work again within 10 s because
 * the promotion re-pointed PgBouncer (rewrite + RELOAD), and no acknowledged write is lost.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { poolerFollowersOf, stackAdminLogin } from '../../../cluster/failover/poolers';
import { probePooler } from '../../../cluster/monitor/pooler';
import { targetsFromTopology } from '../../../cluster/monitor/targets';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { down, up } from '../../../cluster/runtime/docker/index';
import { DockerRuntime } from '../../../cluster/runtime/docker/runtime';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import { judgeWhy } from '../../../scripts/differential/poolers/oracle';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { dockerWhy, freePorts, imagesWhy, tempDir } from '../runtime/docker/dockerSupport';
import { copyPgbouncerExample, exampleImageMap, failoverUnderWrites, PASSWORD, throughPooler } from './exampleSupport';

describe('examples/pgbouncer on Docker: pooler up, monitored, and following a failover', function () {
  this.timeout(300_000);
  const engine = connectEngine();
  let dir = '';
  let project = '';
  let base = 0;

  before(async function () {
    requirePart(this, 'Docker with pgha-test/postgres:17 and pgbouncer:1.24', (await dockerWhy(engine)) ?? (await imagesWhy(engine, [17])) ?? (await judgeWhy('pgbouncer', '1.24')));
    dir = tempDir('pgbouncer-example');
    project = path.basename(dir);
    base = await freePorts(3);
  });

  after(async () => {
    if (project) await down(engine, project, { volumes: true }).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts the stack, waits for PgBouncer, and sees its pools', async function () {
    const topology = loadTopology(copyPgbouncerExample(dir, base));
    const imageMap = exampleImageMap();
    const events: string[] = [];
    await up(topology, { engine, imageMap, wait: true, timeoutMs: 180_000, onProgress: (e) => events.push(e.message) });
    assert.ok(events.includes(`pgbouncer (PgBouncer) answers on port ${base + 2}`), events.join('\n'));
    // Synchronous from now on (not in postgresql.conf: the image's init scripts would wait for a standby): a commit
    // waits for replica1, so it has to be the synchronous standby first.
    await throughPooler(base + 2, "ALTER SYSTEM SET synchronous_standby_names = '*'");
    await throughPooler(base + 2, 'SELECT pg_reload_conf()');
    await waitFor(async () => (await throughPooler<{ n: number }>(base + 2, "SELECT count(*)::int AS n FROM pg_stat_replication WHERE sync_state = 'sync'"))[0]?.n === 1, 'replica1 to be the synchronous standby', 60_000, 200);
    await throughPooler(base + 2, 'CREATE TABLE writes (id int PRIMARY KEY)');
    const status = await probePooler({ service: 'pgbouncer', host: '127.0.0.1', port: base + 2, user: 'postgres', password: PASSWORD });
    assert.strictEqual(status.state, 'up', status.error);
    assert.ok(status.pools.some((p) => p.database === 'appdb'), JSON.stringify(status.pools));
    assert.deepStrictEqual(status.databases.filter((d) => d.name === 'appdb').map((d) => d.host), ['primary']);
  });

  it('a client writing through PgBouncer writes again within 10 s of the promotion, and no acknowledged write is lost', async function () {
    const topology = loadTopology(path.join(dir, 'compose.yaml'));
    const control = new DockerRuntime({ engine }).nodeControl(project);
    const targets = targetsFromTopology(topology).targets;
    const poolers = poolerFollowersOf(topology, stackAdminLogin(targets));
    assert.deepStrictEqual(poolers.map((p) => p.service), ['pgbouncer']);
    const port = base + 2;
    const run = await failoverUnderWrites({ targets, control, poolers }, port);
    console.log(`      writes through PgBouncer resumed ${run.resumedMs} ms after pgha promote began`);
    assert.ok(run.steps.some((s) => s.startsWith('pgbouncer sends its databases to replica1')), run.steps.join('\n'));
    assert.deepStrictEqual(run.lost, [], 'acknowledged writes missing on the new primary');
    assert.ok(run.acknowledged > 20, `${run.acknowledged} writes acknowledged`);
  });
});
