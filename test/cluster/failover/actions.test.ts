import * as assert from 'assert';
import type { ActionContext } from '../../../cluster/failover/context';
import { UnsafeActionError } from '../../../cluster/failover/context';
import { promote } from '../../../cluster/failover/promote';
import { addReplica, removeReplica } from '../../../cluster/failover/replicas';
import { setReplayPaused, setReplicationMode } from '../../../cluster/failover/settings';
import { switchover } from '../../../cluster/failover/switchover';
import { compareLsn } from '../../../cluster/monitor/lsn';
import { Monitor } from '../../../cluster/monitor/monitor';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { dockerUnavailable, freePort, queryNode, startTestCluster, type TestCluster } from '../../../scripts/soak/dockerCluster';

const MAJOR = 17;

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

describe('failover actions on real containers', function () {
  this.timeout(240_000);

  describe('promote (failover)', () => {
    let cluster: TestCluster | undefined;
    before(async function () {
      requirePart(this, `Docker with pgha-test/postgres:${MAJOR}`, await dockerUnavailable(MAJOR));
      cluster = await startTestCluster({ major: MAJOR, replicas: 2 });
    });
    after(async () => cluster?.dispose());

    it('refuses to promote while the primary still accepts writes', async () => {
      const steps: string[] = [];
      await assert.rejects(promote(contextFor(cluster!, steps), 'replica1'), (error: Error) => {
        assert.ok(error instanceof UnsafeActionError, String(error));
        assert.match(error.message, /primary still accepts writes; promoting replica1 now makes two primaries/);
        return true;
      });
      assert.strictEqual((await snapshot(cluster!)).primaries.join(), 'primary');
    });

    it('pauses and resumes replay on a replica, and refuses on the primary', async () => {
      const ctx = contextFor(cluster!, []);
      await setReplayPaused(ctx, 'replica2', true);
      assert.strictEqual((await snapshot(cluster!)).nodes.find((n) => n.service === 'replica2')!.replayPaused, true);
      await setReplayPaused(ctx, 'replica2', false);
      assert.strictEqual((await snapshot(cluster!)).nodes.find((n) => n.service === 'replica2')!.replayPaused, false);
      await assert.rejects(setReplayPaused(ctx, 'primary', true), /primary; only a replica replays WAL/);
    });

    it('switches between synchronous and asynchronous replication', async () => {
      const ctx = contextFor(cluster!, []);
      await setReplicationMode(ctx, 'sync', ['replica1']);
      await waitFor(async () => (await snapshot(cluster!)).nodes[0].replication.find((r) => r.applicationName === 'replica1')?.syncState === 'sync', 'replica1 to be sync');
      await cluster!.query('primary', 'CREATE TABLE sync_probe (id int)'); // commits while sync: must not hang
      await assert.rejects(setReplicationMode(ctx, 'sync', ['nobody']), UnsafeActionError);
      await setReplicationMode(ctx, 'async');
      await waitFor(async () => (await snapshot(cluster!)).nodes[0].replication.every((r) => r.syncState === 'async'), 'all async');
    });

    it('after the primary is killed, promotes a replica that accepts writes and re-points the other', async () => {
      await cluster!.control.signal('primary', 'SIGKILL');
      await cluster!.control.waitStopped('primary', 10_000);
      // Promote the replica that received the most WAL (what an operator should do; promote refuses otherwise).
      const before = (await snapshot(cluster!)).nodes.filter((n) => n.role === 'replica');
      const [winner, follower] = before.sort((a, b) => compareLsn(b.receiveLsn, a.receiveLsn)).map((n) => n.service);
      const steps: string[] = [];
      const report = await promote(contextFor(cluster!, steps), winner);
      assert.ok(steps.some((s) => s === `${winner} is primary and accepts writes`), steps.join('\n'));
      assert.ok(steps.some((s) => s === `${follower} streams from ${winner}`), steps.join('\n'));
      assert.ok(report.warnings.some((w) => w.startsWith('the old primary "primary" is unreachable; do not start it as it is') && w.includes(`replica of "${winner}"`)), report.warnings.join('\n'));
      await cluster!.query(winner, 'CREATE TABLE after_failover (id int)');
      await cluster!.query(winner, 'INSERT INTO after_failover VALUES (42)');
      await waitFor(async () => (await cluster!.query<{ id: number }>(follower, 'SELECT id FROM after_failover').catch(() => []))[0]?.id === 42, `the row on ${follower}`, 20_000);
      const after = await snapshot(cluster!);
      assert.deepStrictEqual(after.primaries, [winner]);
      const followerNode = after.nodes.find((n) => n.service === follower)!;
      assert.strictEqual(followerNode.upstream, winner);
      assert.strictEqual(followerNode.timeline, 2);
      assert.strictEqual(after.nodes.find((n) => n.service === winner)!.timeline, 2);
    });
  });

  describe('switchover, add and remove replica', () => {
    let cluster: TestCluster | undefined;
    before(async function () {
      requirePart(this, `Docker with pgha-test/postgres:${MAJOR}`, await dockerUnavailable(MAJOR));
      cluster = await startTestCluster({ major: MAJOR, replicas: 2 });
    });
    after(async () => cluster?.dispose());

    it('switches over: the old primary streams from the new one, the other replica follows, no row lost', async () => {
      await cluster!.query('primary', 'CREATE TABLE before_switch AS SELECT generate_series(1, 1000) AS id');
      const steps: string[] = [];
      const report = await switchover(contextFor(cluster!, steps), 'replica1');
      assert.deepStrictEqual(report.warnings, []);
      assert.ok(steps.includes('primary: pg_rewind done'), steps.join('\n'));
      const after = await snapshot(cluster!);
      assert.deepStrictEqual(after.primaries, ['replica1']);
      const old = after.nodes.find((n) => n.service === 'primary')!;
      assert.strictEqual(old.role, 'replica');
      assert.strictEqual(old.upstream, 'replica1', steps.join('\n'));
      assert.strictEqual(old.streaming, true);
      assert.strictEqual(after.nodes.find((n) => n.service === 'replica2')!.upstream, 'replica1');
      await cluster!.query('replica1', 'INSERT INTO before_switch VALUES (1001)');
      for (const node of ['primary', 'replica2']) {
        await waitFor(async () => (await cluster!.query<{ n: string }>(node, 'SELECT count(*) AS n FROM before_switch'))[0].n === '1001', `1001 rows on ${node}`, 20_000);
      }
    });

    it('adds a replica with its own slot, then removes it and drops the slot', async () => {
      const steps: string[] = [];
      const port = await freePort();
      const added = await addReplica(contextFor(cluster!, steps), { service: 'replica3', hostPort: port });
      assert.ok(steps.includes('replica3 streams from replica1 through slot replica3'), steps.join('\n'));
      cluster!.targets.push(added.target);
      const withNew = await snapshot(cluster!);
      const node = withNew.nodes.find((n) => n.service === 'replica3')!;
      assert.strictEqual(node.role, 'replica');
      assert.strictEqual(node.upstream, 'replica1');
      assert.ok(withNew.nodes.find((n) => n.service === 'replica1')!.slots.some((s) => s.name === 'replica3' && s.active));
      const rows = await queryNode<{ n: string }>(added.target, 'SELECT count(*) AS n FROM before_switch');
      assert.ok(Number(rows[0].n) >= 1000);

      const removal = await removeReplica(contextFor(cluster!, []), 'replica3');
      assert.ok(removal.steps.includes('dropped slot replica3 on replica1'), removal.steps.join('\n'));
      cluster!.targets.splice(cluster!.targets.indexOf(added.target), 1);
      const slots = await cluster!.query<{ slot_name: string }>('replica1', 'SELECT slot_name FROM pg_replication_slots');
      assert.ok(!slots.some((s) => s.slot_name === 'replica3'));
      assert.strictEqual((await cluster!.docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${cluster!.project}`, 'com.docker.compose.service=replica3'] } })).length, 0);
    });
  });
});
