import * as assert from 'assert';
import { Monitor } from '../../../cluster/monitor/monitor';
import type { ClusterSnapshot } from '../../../cluster/monitor/types';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { MAJORS } from '../../../core/majors';
import { TEST_IMAGE_MAJORS } from '../../../scripts/images/build';
import { clusterPart, clusterUnavailable, startTestCluster, testBackends, type TestCluster } from '../../../scripts/soak/dockerCluster';

/**
 * The monitor against real clusters (primary + 2 replicas) on both backends: containers of each test image major,
 * native processes of every major (PGHA_TEST_BACKENDS narrows the backends).
 */
const cases = testBackends().flatMap((backend) => (backend === 'docker' ? TEST_IMAGE_MAJORS : MAJORS).map((major) => ({ backend, major })));

for (const { backend, major } of cases) {
  describe(`monitor on a real ${backend} cluster, PostgreSQL ${major}`, function () {
    this.timeout(180_000);
    let cluster: TestCluster | undefined;
    let monitor: Monitor | undefined;

    before(async function () {
      requirePart(this, clusterPart(backend, major), await clusterUnavailable(backend, major));
      cluster = await startTestCluster({ major, replicas: 2, backend });
      monitor = new Monitor(cluster.targets, { intervalMs: 2000 });
    });

    after(async () => {
      await monitor?.dispose();
      await cluster?.dispose();
    });

    it('shows roles, timeline, streaming replicas, slots and zero lag right after start', async () => {
      const snapshot = await waitFor(async () => {
        const s = await monitor!.refresh();
        return s.nodes.every((n) => n.role !== 'replica' || (n.lag?.replayBytes === 0 && n.streaming)) && s;
      }, 'replicas caught up', 20_000, 100);
      assert.strictEqual(snapshot.nodes.length, 3);
      const primary = snapshot.nodes.find((n) => n.service === 'primary')!;
      assert.strictEqual(primary.role, 'primary');
      assert.strictEqual(primary.state, 'up');
      assert.strictEqual(primary.major, major);
      assert.strictEqual(primary.timeline, 1);
      assert.strictEqual(primary.replication.length, 2);
      assert.deepStrictEqual(primary.slots.map((s) => [s.name, s.active, s.walStatus]), [['replica1', true, 'reserved'], ['replica2', true, 'reserved']]);
      assert.ok(primary.slots.every((s) => (major >= 17 ? s.inactiveSince === null : s.inactiveSince === null)));
      for (const name of ['replica1', 'replica2']) {
        const replica = snapshot.nodes.find((n) => n.service === name)!;
        assert.strictEqual(replica.role, 'replica');
        assert.strictEqual(replica.upstream, 'primary');
        assert.strictEqual(replica.slot, name);
        assert.strictEqual(replica.walReceiver?.status, 'streaming');
        assert.strictEqual(replica.timeline, 1);
        assert.strictEqual(replica.health, 'ok', replica.problems.join('; '));
      }
      assert.strictEqual(snapshot.summary, '1 primary · 2 replicas · max lag 0 B');
      assert.strictEqual(snapshot.health, 'ok', snapshot.problems.join('; '));
    });

    it('reports a wrong password as "authentication failed" and keeps monitoring the others', async () => {
      const wrong = cluster!.targets.map((t) => (t.service === 'replica2' ? { ...t, password: 'wrong' } : t));
      const other = new Monitor(wrong);
      try {
        const snapshot = await other.refresh();
        const replica2 = snapshot.nodes.find((n) => n.service === 'replica2')!;
        assert.strictEqual(replica2.state, 'authentication failed');
        assert.match(replica2.detail ?? '', /password authentication failed/);
        assert.ok(!(replica2.detail ?? '').includes('wrong'));
        assert.strictEqual(snapshot.nodes.find((n) => n.service === 'replica1')!.state, 'up');
      } finally {
        await other.dispose();
      }
    });

    // One major is enough for the load and kill tests; keeps CI time down.
    if (major === 15) it('sees lag appear under a bounded write load and drain afterwards', async function () {
      const seen: number[] = [];
      const fast = new Monitor(cluster!.targets, { intervalMs: 100 });
      fast.onSnapshot((s) => seen.push(s.maxLagBytes ?? 0));
      fast.start();
      try {
        await cluster!.query('primary', 'CREATE TABLE load (id bigint, pad text)');
        for (let batch = 0; batch < 20 && !seen.some((b) => b > 0); batch++) {
          await cluster!.query('primary', `INSERT INTO load SELECT g, repeat('x', 200) FROM generate_series(1, 100000) g`);
        }
        assert.ok(seen.some((b) => b > 0), `no lag seen in ${seen.length} refreshes during the load`);
        await waitFor(async () => (await fast.refresh()).maxLagBytes === 0, 'lag to drain', 30_000, 100);
      } finally {
        await fast.dispose();
      }
    });

    if (major === 17) it('after a kill (SIGKILL) of the primary shows it down and the replicas without WAL receiver within two refreshes', async function () {
      const after: ClusterSnapshot[] = [];
      monitor!.start();
      await waitFor(() => monitor!.latest, 'a first snapshot');
      const listener = monitor!.onSnapshot((s) => after.push(s));
      await cluster!.control.signal('primary', 'SIGKILL');
      await waitFor(() => after.length >= 2, 'two refreshes after the kill', 10_000);
      listener.dispose();
      monitor!.stop();
      const second = after[1];
      const primary = second.nodes.find((n) => n.service === 'primary')!;
      assert.strictEqual(primary.state, 'unreachable');
      assert.strictEqual(primary.health, 'critical');
      for (const replica of second.nodes.filter((n) => n.service !== 'primary')) {
        assert.strictEqual(replica.state, 'up');
        assert.strictEqual(replica.role, 'replica');
        assert.strictEqual(replica.streaming, false, `${replica.service} still streams: ${JSON.stringify(replica.walReceiver)}`);
      }
      assert.ok(second.problems.includes('no primary accepts writes'));
      assert.strictEqual(second.health, 'critical');
    });
  });
}
