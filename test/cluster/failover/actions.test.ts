/**
 * Failover actions on real clusters, on both backends (containers and native processes; PGHA_TEST_BACKENDS
 * narrows it). Each test sets up what it needs (a test that changes the cluster for good
 * gets a cluster of its own), so any one runs alone (`--grep`). The replicas log in for replication with a
 * password that both libpq and postgresql.conf must quote (a quote, a backslash, a space, and `\'`): every action
 * that writes primary_conninfo must keep it working.
 */
import * as assert from 'assert';
import { parseConninfo } from '../../../core/conninfo';
import type { ActionContext } from '../../../cluster/failover/context';
import { UnsafeActionError } from '../../../cluster/failover/context';
import { promote } from '../../../cluster/failover/promote';
import { addReplica, removeReplica } from '../../../cluster/failover/replicas';
import { setReplayPaused, setReplicationMode } from '../../../cluster/failover/settings';
import { switchover } from '../../../cluster/failover/switchover';
import { compareLsn } from '../../../cluster/monitor/lsn';
import { Monitor } from '../../../cluster/monitor/monitor';
import type { NodeTarget } from '../../../cluster/monitor/types';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { clusterPart, clusterUnavailable, freePort, queryNode, startTestCluster, testBackends, type TestCluster, type TestClusterSpec } from '../../../scripts/soak/dockerCluster';

const MAJOR = 17;
const HOSTILE_PASSWORD = "it's a \\ secret\\'";
const SPEC: TestClusterSpec = { major: MAJOR, replicas: 2, replicationPassword: HOSTILE_PASSWORD };

function contextFor(cluster: TestCluster, steps: string[], force = false): ActionContext {
  return { targets: cluster.targets, control: cluster.control, progress: (m) => steps.push(m), force, stepTimeoutMs: 60_000 };
}

async function snapshot(cluster: TestCluster) {
  const monitor = new Monitor(cluster.targets);
  try {
    return await monitor.refresh();
  } finally {
    await monitor.dispose();
  }
}

/** A fresh cluster for the enclosing describe: started before its first test, removed after its last. */
function useCluster(spec: TestClusterSpec): () => TestCluster {
  let cluster: TestCluster | undefined;
  before(async function () {
    const backend = spec.backend ?? 'docker';
    requirePart(this, clusterPart(backend, spec.major), await clusterUnavailable(backend, spec.major));
    cluster = await startTestCluster(spec);
  });
  after(async () => cluster?.dispose());
  return () => cluster!;
}

/** The replication login a standby uses now, as its server reads primary_conninfo. */
async function standbyLogin(target: NodeTarget): Promise<{ user?: string; password?: string }> {
  const [row] = await queryNode<{ v: string }>(target, `SELECT current_setting('primary_conninfo') AS v`);
  const conninfo = parseConninfo(row.v);
  return { user: conninfo.get('user'), password: conninfo.get('password') };
}

const targetOf = (cluster: TestCluster, service: string): NodeTarget => cluster.targets.find((t) => t.service === service)!;

for (const backend of testBackends()) {
  describe(`failover actions on a healthy ${backend} cluster${backend === 'docker' ? ' whose nodes have a container_name' : ''} (each test leaves it as it found it)`, function () {
    this.timeout(240_000);
    const cluster = useCluster({ ...SPEC, backend, containerNames: backend === 'docker' });

    if (backend === 'docker') it('tells who streams from whom although the replicas reach the primary by its container_name', async () => {
      const [receiver] = await cluster().query<{ host: string }>('replica1', 'SELECT sender_host AS host FROM pg_stat_wal_receiver');
      assert.strictEqual(receiver.host, `${cluster().project}-pg-primary`);
      const nodes = (await snapshot(cluster())).nodes;
      assert.deepStrictEqual(nodes.map((n) => [n.service, n.upstream]), [['primary', null], ['replica1', 'primary'], ['replica2', 'primary']]);
    });

    it('refuses to promote while the primary still accepts writes', async () => {
      await assert.rejects(promote(contextFor(cluster(), []), 'replica1'), (error: Error) => {
        assert.ok(error instanceof UnsafeActionError, String(error));
        assert.match(error.message, /primary still accepts writes; promoting replica1 now makes two primaries/);
        return true;
      });
      assert.strictEqual((await snapshot(cluster())).primaries.join(), 'primary');
    });

    it('pauses and resumes replay on a replica, and refuses on the primary', async () => {
      const ctx = contextFor(cluster(), []);
      await setReplayPaused(ctx, 'replica2', true);
      assert.strictEqual((await snapshot(cluster())).nodes.find((n) => n.service === 'replica2')!.replayPaused, true);
      await setReplayPaused(ctx, 'replica2', false);
      assert.strictEqual((await snapshot(cluster())).nodes.find((n) => n.service === 'replica2')!.replayPaused, false);
      await assert.rejects(setReplayPaused(ctx, 'primary', true), /primary; only a replica replays WAL/);
    });

    it('switches between synchronous and asynchronous replication', async () => {
      const ctx = contextFor(cluster(), []);
      await setReplicationMode(ctx, 'sync', ['replica1']);
      const syncState = async (name: string) => (await snapshot(cluster())).nodes[0].replication.find((r) => r.applicationName === name)?.syncState;
      await waitFor(async () => (await syncState('replica1')) === 'sync', 'replica1 to be sync');
      await cluster().query('primary', 'CREATE TABLE IF NOT EXISTS sync_probe (id int)'); // commits while sync: must not hang
      await assert.rejects(setReplicationMode(ctx, 'sync', ['nobody']), UnsafeActionError);
      await setReplicationMode(ctx, 'async');
      await waitFor(async () => (await snapshot(cluster())).nodes[0].replication.every((r) => r.syncState === 'async'), 'all async');
    });

    it('adds a replica that logs in with the replication password (quote, backslash, space), then removes it and its slot', async () => {
      await cluster().query('primary', 'CREATE TABLE IF NOT EXISTS before_add AS SELECT generate_series(1, 1000) AS id');
      const steps: string[] = [];
      const added = await addReplica(contextFor(cluster(), steps), { service: 'replica3', hostPort: await freePort() });
      const withNew = { ...cluster(), targets: [...cluster().targets, added.target] };
      try {
        assert.ok(steps.includes('replica3 streams from primary through slot replica3'), steps.join('\n'));
        assert.deepStrictEqual(await standbyLogin(added.target), { user: 'replicator', password: HOSTILE_PASSWORD });
        const node = (await snapshot(withNew)).nodes.find((n) => n.service === 'replica3')!;
        assert.deepStrictEqual([node.role, node.upstream, node.streaming], ['replica', 'primary', true]);
        await waitFor(async () => Number((await queryNode<{ n: string }>(added.target, 'SELECT count(*) AS n FROM before_add'))[0].n) >= 1000, 'the rows on replica3', 20_000);
      } finally {
        const removal = await removeReplica(contextFor(withNew, []), 'replica3');
        assert.ok(removal.steps.includes('dropped slot replica3 on primary'), removal.steps.join('\n'));
      }
      const slots = await cluster().query<{ slot_name: string }>('primary', 'SELECT slot_name FROM pg_replication_slots ORDER BY 1');
      assert.deepStrictEqual(slots.map((s) => s.slot_name), ['replica1', 'replica2']);
      assert.deepStrictEqual(await cluster().services(), ['primary', 'replica1', 'replica2']);
    });
  });

  describe(`failover: promote on ${backend}`, function () {
    this.timeout(240_000);
    const cluster = useCluster({ ...SPEC, backend });

    it('after the primary is killed, promotes a replica that accepts writes and re-points the other with its password', async () => {
      await cluster().control.signal('primary', 'SIGKILL');
      await cluster().control.waitStopped('primary', 10_000);
      // Promote the replica that received the most WAL (what an operator should do; promote refuses otherwise).
      const before = (await snapshot(cluster())).nodes.filter((n) => n.role === 'replica');
      const [winner, follower] = before.sort((a, b) => compareLsn(b.receiveLsn, a.receiveLsn)).map((n) => n.service);
      // With the primary gone, how much acknowledged WAL the winner misses is unknown: refused with what is known.
      const known = before.find((n) => n.service === winner)!.receiveLsn!;
      await assert.rejects(promote(contextFor(cluster(), []), winner), (error: Error) => {
        assert.ok(error instanceof UnsafeActionError, String(error));
        assert.match(error.reasons[0], /^the primary is unreachable — primary \(unreachable/);
        assert.ok(error.reasons[0].includes(`beyond what ${winner} received (${known}) is unknown`), error.reasons[0]);
        return true;
      });
      const steps: string[] = [];
      const report = await promote(contextFor(cluster(), steps, true), winner);
      assert.ok(steps.some((s) => s === `${winner} is primary and accepts writes`), steps.join('\n'));
      assert.ok(steps.some((s) => s === `${follower} streams from ${winner}`), steps.join('\n'));
      assert.ok(report.warnings.some((w) => w.startsWith('the old primary "primary" is unreachable; do not start it as it is') && w.includes(`replica of "${winner}"`)), report.warnings.join('\n'));
      assert.deepStrictEqual(await standbyLogin(targetOf(cluster(), follower)), { user: 'replicator', password: HOSTILE_PASSWORD });
      await cluster().query(winner, 'CREATE TABLE after_failover (id int)');
      await cluster().query(winner, 'INSERT INTO after_failover VALUES (42)');
      await waitFor(async () => (await cluster().query<{ id: number }>(follower, 'SELECT id FROM after_failover').catch(() => []))[0]?.id === 42, `the row on ${follower}`, 20_000);
      const after = await snapshot(cluster());
      assert.deepStrictEqual(after.primaries, [winner]);
      const followerNode = after.nodes.find((n) => n.service === follower)!;
      assert.deepStrictEqual([followerNode.upstream, followerNode.timeline], [winner, 2]);
      assert.strictEqual(after.nodes.find((n) => n.service === winner)!.timeline, 2);
    });
  });

  describe(`failover: switchover on ${backend}`, function () {
    this.timeout(240_000);
    const cluster = useCluster({ ...SPEC, backend });

    it('the old primary streams from the new one with the replication password, the other replica follows, no row lost', async () => {
      await cluster().query('primary', 'CREATE TABLE before_switch AS SELECT generate_series(1, 1000) AS id');
      const steps: string[] = [];
      const report = await switchover(contextFor(cluster(), steps), 'replica1');
      assert.deepStrictEqual(report.warnings, []);
      // The native packages have no pg_rewind: the old primary is re-seeded by a fresh base backup.
      const reseeded = backend === 'docker' ? 'primary: pg_rewind done' : 'primary: no pg_rewind in the native packages; taking a fresh base backup';
      assert.ok(steps.includes(reseeded), steps.join('\n'));
      const after = await snapshot(cluster());
      assert.deepStrictEqual(after.primaries, ['replica1']);
      const old = after.nodes.find((n) => n.service === 'primary')!;
      assert.deepStrictEqual([old.role, old.upstream, old.streaming], ['replica', 'replica1', true], steps.join('\n'));
      assert.strictEqual(after.nodes.find((n) => n.service === 'replica2')!.upstream, 'replica1');
      for (const node of ['primary', 'replica2']) assert.deepStrictEqual(await standbyLogin(targetOf(cluster(), node)), { user: 'replicator', password: HOSTILE_PASSWORD }, node);
      await cluster().query('replica1', 'INSERT INTO before_switch VALUES (1001)');
      for (const node of ['primary', 'replica2']) {
        await waitFor(async () => (await cluster().query<{ n: string }>(node, 'SELECT count(*) AS n FROM before_switch'))[0].n === '1001', `1001 rows on ${node}`, 20_000);
      }
    });
  });
}
