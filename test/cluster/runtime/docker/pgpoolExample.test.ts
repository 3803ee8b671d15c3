/**
 * examples/pgpool on Docker (a port-shifted copy): `up` starts the primary, both replicas and pgpool-II 4.6 with
 * its mounted pgpool.conf and waits until pgpool answers; pgpool sees node 0 as primary and the replicas as
 * standbys (SHOW POOL_NODES), balances reads onto the replicas (their select_cnt grows), shows up in `pgha status`
 * (role pooler, its view next to the real primary); after the primary crashes and `pgha promote` promotes a
 * replica, pgha tells pgpool through PCP (the stack's pcp.conf), pgpool names the new primary, has the old one down,
 * and a client writing through pgpool all along gets its writes to the new primary (figures printed: promote start →
 * first write, rows acknowledged/lost); then `pgha switchover` back through pgpool: pgpool names the new primary and
 * has the old one back as a standby, which is a replica by its own word, and writes work.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { loadavg } from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { readPoolNodes, type PgpoolEndpoint } from '../../../../cluster/monitor/pgpoolNodes';
import { connectEngine } from '../../../../cluster/runtime/docker/engine';
import { down, up } from '../../../../cluster/runtime/docker/index';
import { buildImageMap } from '../../../../cluster/runtime/docker/imageMap';
import { DockerRuntime } from '../../../../cluster/runtime/docker/runtime';
import { loadTopology } from '../../../../cluster/runtime/topologySource';
import { queryNode } from '../../../../scripts/soak/dockerCluster';
import { pgha } from '../../../support/cli';
import { requirePart } from '../../../support/parts';
import { waitFor } from '../../../support/waitFor';
import { dockerWhy, freePorts, imagesWhy, tempDir } from './dockerSupport';
import { judgeWhy } from '../../../../scripts/differential/poolers/oracle';

const repoRoot = path.resolve(__dirname, '../../../..');

/** examples/pgpool and the ha-stack files it mounts, copied side by side, host ports moved to `base`…`base+4`. */
function copyPgpoolExample(dir: string, base: number): string {
  fs.cpSync(path.join(repoRoot, 'examples/ha-stack'), path.join(dir, 'ha-stack'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'examples/pgpool'), path.join(dir, 'pgpool'), { recursive: true });
  const file = path.join(dir, 'pgpool/compose.yaml');
  const text = fs.readFileSync(file, 'utf8').replace(/127\.0\.0\.1:2543(\d):5432/g, (_, n: string) => `127.0.0.1:${base + Number(n) - 2}:5432`).replace('127.0.0.1:19999:9999', `127.0.0.1:${base + 3}:9999`).replace('127.0.0.1:19898:9898', `127.0.0.1:${base + 4}:9898`);
  fs.writeFileSync(file, text);
  return file;
}

interface PoolerJson {
  role: string;
  kind?: string;
  service: string;
  health: string;
  pgpoolPrimary?: string;
  realPrimary?: string;
  processes?: { total: number };
  nodes: { host: string; status: string; role: string }[];
}

describe('examples/pgpool on Docker: pgpool-II in front of a primary and two replicas', function () {
  this.timeout(420_000);
  const engine = connectEngine();
  let dir = '';
  let file = '';
  let project = '';
  let pgpool: PgpoolEndpoint;
  let stopWriter: (() => Promise<void>) | undefined;
  /** A query through pgpool: a login there logs into every backend too, seconds each on a busy machine. */
  const through = async (sql: string, timeoutMs = 20_000) => {
    const client = new Client({ ...pgpool, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const status = async () => {
    const result = await pgha(['status', file, '--json']);
    return { code: result.code, json: JSON.parse(result.out) as { health: string; problems: string[]; poolers: PoolerJson[] } };
  };

  before(async function () {
    requirePart(this, 'Docker with pgha-test/postgres:17 and pgha-test/pgpool:4.6', (await dockerWhy(engine)) ?? (await imagesWhy(engine, [17])) ?? (await judgeWhy('pgpool', '4.6')));
    dir = tempDir('pgpool-example');
    const base = await freePorts(5);
    file = copyPgpoolExample(dir, base);
    project = loadTopology(file).project;
    const imageMap = buildImageMap(undefined, { PGHA_IMAGE_MAP: 'postgres:17=pgha-test/postgres:17,pgpool/pgpool:4.6=pgha-test/pgpool:4.6' }).map;
    const events: string[] = [];
    await up(loadTopology(file), { engine, imageMap, wait: true, timeoutMs: 300_000, onProgress: (e) => events.push(e.message) });
    assert.ok(events.includes(`pgpool (pgpool-II) answers on port ${base + 3}`), events.join('\n'));
    pgpool = { host: '127.0.0.1', port: base + 3, user: 'postgres', password: 'ha-demo-superuser-change-me', database: 'postgres' };
  });

  after(async () => {
    // However the promotion test ended, its writer stops (it would keep a failed run's process alive).
    await stopWriter?.();
    if (project) await down(engine, project, { volumes: true }).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers, with node 0 as primary and both replicas up as standbys', async () => {
    const seen = await waitFor(async () => {
      const { nodes } = await readPoolNodes(pgpool);
      // pgpool names the primary once its primary search has run (a standby until then on a busy machine).
      return nodes.length === 3 && nodes.every((n) => n.status === 'up' || n.status === 'waiting') && nodes[0].role === 'primary' ? nodes : undefined;
    }, 'pgpool reports three nodes up, node 0 as primary', 120_000, 1000);
    assert.deepStrictEqual(seen.map((n) => [n.host, n.role]), [['primary', 'primary'], ['replica1', 'standby'], ['replica2', 'standby']]);
  });

  it('balances reads onto the replicas (select_cnt grows there, not on the primary)', async () => {
    const before = (await readPoolNodes(pgpool)).nodes;
    for (let i = 0; i < 20; i++) await through('SELECT 1');
    const after = (await readPoolNodes(pgpool)).nodes;
    const grown = after.map((n, i) => n.selectCount - before[i].selectCount);
    console.log(`      select_cnt grew by ${grown.join(' / ')} on primary / replica1 / replica2 for 20 reads`);
    assert.strictEqual(grown[0], 0, `primary select_cnt grew by ${grown[0]}`);
    assert.ok(grown[1] + grown[2] >= 20, `replicas got ${grown[1] + grown[2]} of 20 reads`);
  });

  it('pgha status shows pgpool as a pooler with its nodes, agreeing with the servers on the primary', async () => {
    const { code, json } = await status();
    const row = json.poolers.find((p) => p.service === 'pgpool');
    assert.ok(row, JSON.stringify(json));
    assert.deepStrictEqual([code, row.role, row.kind, row.health, row.pgpoolPrimary, row.realPrimary], [0, 'pooler', 'pgpool', 'ok', 'primary', 'primary']);
    assert.ok((row.processes?.total ?? 0) > 0, JSON.stringify(row.processes));
    const text = await pgha(['status', file]);
    assert.match(text.out, /\npgpool {7}pooler {3}up {3}ok {3}pgpool-II: primary primary \(real: primary\)/);
  });

  /** Writes row after row through pgpool (a new login each, as a pooled app reconnects) until stopped: when each was acknowledged. */
  const writer = () => {
    const acked: { id: number; at: number }[] = [];
    let stop = false;
    const done = (async () => {
      for (let id = 100; !stop; id++) {
        const ok = await through(`INSERT INTO writes VALUES (${id})`, 5000).then(() => true, () => false);
        if (ok) acked.push({ id, at: Date.now() });
      }
    })();
    return { acked, stop: async () => ((stop = true), await done) };
  };

  it('after the primary crashes and pgha promote, pgha tells pgpool through PCP and writes through it reach the new primary', async () => {
    await through('CREATE TABLE IF NOT EXISTS writes (id int PRIMARY KEY)');
    await through('INSERT INTO writes VALUES (1)');
    const control = new DockerRuntime({ engine }).nodeControl(project);
    const writes = writer();
    stopWriter = writes.stop;
    await waitFor(() => writes.acked.length >= 3, 'the writer writes through pgpool', 30_000, 100);
    await control.signal('primary', 'SIGKILL');
    await control.waitStopped('primary', 30_000);
    const killedAt = Date.now();
    const ackedBefore = writes.acked.length;
    const cpu = process.cpuUsage();
    const promoted = Date.now();
    const result = await pgha(['promote', file, 'replica1', '--force']);
    const promoteMs = Date.now() - promoted;
    const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
    assert.strictEqual(result.code, 0, result.out + result.err);
    // Told through PCP, or pgpool's own health check (every second) found out first on a quiet machine.
    assert.match(result.out, /told pgpool \(pgpool-II\) through PCP: node 0 \(primary\) is gone|pgpool \(pgpool-II\) has node 0 \(primary\) down already|told pgpool \(pgpool-II\) through PCP: node 1 \(replica1\) is the primary|pgpool \(pgpool-II\) already has node 1 \(replica1\) as its primary/);
    assert.match(result.out, /pgpool \(pgpool-II\) sends writes to replica1 \(after [\d.]+ s\)/);
    console.log(`      ${/^ {2}(told pgpool.*|pgpool \(pgpool-II\) (?:already|has node).*)$/m.exec(result.out)?.[1] ?? ''}`);
    const first = await waitFor(() => writes.acked.find((w) => w.at > promoted), 'a write through pgpool after the promotion', 10_000, 50);
    await waitFor(() => writes.acked.filter((w) => w.at > promoted).length >= 3, 'three writes through pgpool after the promotion', 10_000, 50);
    await writes.stop();
    const replica1 = { service: 'replica1', aliases: [], ...pgpool, port: pgpool.port - 2 };
    const rows = await waitFor(() => queryNode(replica1, 'SELECT id FROM writes').catch(() => undefined), 'replica1 answers directly', 30_000, 500);
    const present = new Set(rows.map((r) => Number(r.id)));
    const lost = writes.acked.filter((w) => !present.has(w.id)).length;
    console.log(
      `      promote start → first write through pgpool: ${first.at - promoted} ms (kill → first write ${first.at - killedAt} ms; pgha promote ${promoteMs} ms, ` +
        `test process CPU ${cpuMs.toFixed(0)} ms, load ${loadavg()[0].toFixed(1)}); rows acknowledged ${writes.acked.length} (${ackedBefore} before the kill), lost ${lost}`,
    );
    assert.ok(present.has(first.id), 'the first write after the promotion is on replica1');
    const nodes = (await readPoolNodes(pgpool)).nodes;
    assert.deepStrictEqual(nodes.slice(0, 2).map((n) => [n.host, n.status]), [['primary', 'down'], ['replica1', 'up']]);
    assert.strictEqual(nodes[1].role, 'primary');
    const { json } = await status();
    const row = json.poolers.find((p) => p.service === 'pgpool');
    assert.deepStrictEqual([row?.pgpoolPrimary, row?.realPrimary], ['replica1', 'replica1']);
  });

  it('pgha switchover through pgpool: pgpool names the new primary, takes the old one back as a standby, and writes work', async () => {
    const started = Date.now();
    const result = await pgha(['switchover', file, 'replica2']);
    assert.strictEqual(result.code, 0, result.out + result.err);
    // pgpool may have found out itself from the old primary's clean shutdown before pgha tells it.
    assert.match(result.out, /told pgpool \(pgpool-II\) through PCP: node 2 \(replica2\) is the primary|pgpool \(pgpool-II\) already has node 2 \(replica2\) as its primary/);
    assert.match(result.out, /told pgpool \(pgpool-II\) through PCP: node 1 \(replica1\) is back as a replica/);
    const nodes = await waitFor(async () => {
      const seen = (await readPoolNodes(pgpool)).nodes;
      return seen[1]?.status !== 'down' && seen[2]?.role === 'primary' ? seen : undefined;
    }, 'pgpool names replica2 primary and has replica1 up', 30_000, 250);
    assert.deepStrictEqual(nodes.slice(1).map((n) => [n.host, n.role]), [['replica1', 'standby'], ['replica2', 'primary']]);
    const replica1 = { service: 'replica1', aliases: [], ...pgpool, port: pgpool.port - 2 };
    assert.deepStrictEqual(await queryNode(replica1, 'SELECT pg_is_in_recovery() AS r'), [{ r: true }]);
    await waitFor(() => through('INSERT INTO writes VALUES (100000)', 5000).then(() => true, () => false), 'a write through pgpool after the switchover', 10_000, 100);
    console.log(`      pgha switchover to replica2 with pgpool: ${Date.now() - started} ms to a write through pgpool`);
  });
});
