/**
 * The three split-brain paths on real containers: Start Node on a fenced old primary, Stop + Start Cluster after a
 * failover, and a primary started behind pgha's back. Each ends with one primary or a clear refusal.
 */
import * as assert from 'assert';
import type { ActionContext } from '../../../cluster/failover/context';
import { promote } from '../../../cluster/failover/promote';
import { rejoin } from '../../../cluster/failover/rejoin';
import { assertMayStart, cliRejoinHint, FencedStartError } from '../../../cluster/history/guard';
import { detectSplitBrain } from '../../../cluster/history/splitBrain';
import { FileHistoryStore } from '../../../cluster/history/store';
import { DockerRuntime } from '../../../cluster/runtime/docker/runtime';
import { dockerUnavailable, startTestCluster, type TestCluster } from '../../../scripts/soak/dockerCluster';
import { pgha as run } from '../../support/cli';
import { requirePart } from '../../support/parts';
import { snapshotOnce } from '../../support/snapshot';
import { waitFor } from '../../support/waitFor';

const MAJOR = 17;

const snapshot = (cluster: TestCluster) => snapshotOnce(cluster.targets);

const pgha = (args: string[]) => run(args, { ...process.env, PGHA_IMAGE_MAP: `postgres:${MAJOR}=pgha-test/postgres:${MAJOR}` });

/** Kills `victim` (a crash) and promotes `winner` with the history recorded, as the UI and CLI do. */
async function failover(cluster: TestCluster, ctx: ActionContext, victim: string, winner: string): Promise<void> {
  await cluster.control.signal(victim, 'SIGKILL');
  await cluster.control.waitStopped(victim, 20_000);
  await waitFor(async () => (await snapshot(cluster)).nodes.find((n) => n.service === victim)?.state !== 'up', `${victim} to be down`, 30_000, 500);
  await promote({ ...ctx, force: true }, winner); // the victim's unknown lag is accepted (it crashed for good)
}

describe('split brain: prevent, detect, repair (real containers)', function () {
  this.timeout(600_000);
  let cluster: TestCluster | undefined;
  let ctx: ActionContext;
  let store: FileHistoryStore;

  before(async function () {
    requirePart(this, `Docker with pgha-test/postgres:${MAJOR}`, await dockerUnavailable(MAJOR));
    cluster = await startTestCluster({ major: MAJOR, replicas: 1 });
    store = FileHistoryStore.forProject(cluster.project, cluster.file);
    ctx = { targets: cluster.targets, control: cluster.control, history: store, stepTimeoutMs: 60_000 };
  });
  after(async () => cluster?.dispose());
  afterEach(async function () {
    if (!cluster) return;
    const writable = (await snapshot(cluster)).primaries;
    assert.ok(writable.length <= 1, `left two writable primaries: ${writable.join(', ')}`);
  });

  it('Start Node on a fenced old primary is refused; Rejoin as Replica makes it a replica', async () => {
    await failover(cluster!, ctx, 'primary', 'replica1');
    assert.deepStrictEqual(store.read().fenced.map((f) => f.service), ['primary']);
    assert.throws(() => assertMayStart(store, ['primary'], cliRejoinHint(cluster!.file!)), (error: Error) => {
      assert.ok(error instanceof FencedStartError);
      assert.match(error.message, /primary is a former primary: replica1 was promoted \(timeline 2\).*two primaries \(split brain\).*pgha rejoin .* primary/s);
      return true;
    });
    const report = await rejoin(ctx, 'primary');
    assert.ok(report.steps.includes('primary streams from replica1'), report.steps.join('\n'));
    const after = await snapshot(cluster!);
    assert.deepStrictEqual(after.primaries, ['replica1']);
    assert.deepStrictEqual(store.read().fenced, []);
    // The slots it kept as a primary would pin WAL on a standby nobody streams from.
    assert.deepStrictEqual(await cluster!.query('primary', 'SELECT slot_name FROM pg_replication_slots'), []);
    assert.doesNotThrow(() => assertMayStart(store, ['primary'], cliRejoinHint(cluster!.file!)));
  });

  it('Stop + Start Cluster after a failover starts the nodes in their current roles', async () => {
    const runtime = new DockerRuntime({ engine: { docker: cluster!.docker!, endpoint: 'the default Docker engine' } });
    await runtime.stop(cluster!.project, { stopTimeoutSeconds: 10 });
    const started = await pgha(['up', cluster!.file!, '--wait', '--timeout', '90']);
    assert.strictEqual(started.code, 0, started.err + started.out);
    assert.match(started.out, /primary streams from/);
    const after = await snapshot(cluster!);
    assert.deepStrictEqual(after.primaries, ['replica1']);
    await waitFor(async () => (await snapshot(cluster!)).nodes.find((n) => n.service === 'primary')?.streaming, 'primary to stream from replica1', 30_000, 500);
  });

  it('a start with a fenced primary stops at once; a primary started behind pgha\'s back is detected and rejoined', async () => {
    await failover(cluster!, ctx, 'replica1', 'primary');
    const refused = await pgha(['up', cluster!.file!, '--wait']);
    assert.strictEqual(refused.code, 1, refused.out);
    assert.match(refused.err, /refused, nothing started or changed:\nreplica1 is a former primary: primary was promoted/);
    assert.notStrictEqual((await snapshot(cluster!)).nodes.find((n) => n.service === 'replica1')?.state, 'up');

    await cluster!.control.start('replica1'); // behind pgha's back (docker start)
    const split = await waitFor(async () => detectSplitBrain(await snapshot(cluster!), store.read()), 'two writable primaries', 60_000, 500);
    assert.deepStrictEqual({ keep: split.keep, rejoin: split.rejoin }, { keep: 'primary', rejoin: ['replica1'] });
    assert.match(split.message, /^split brain: .* accept writes; keep primary \(pgha promoted it last\) and rejoin replica1 as replica$/);
    await assert.rejects(rejoin(ctx, 'primary'), /pgha promoted primary last; it is the primary to keep — rejoin replica1 instead/);
    await rejoin(ctx, 'replica1');
    const after = await snapshot(cluster!);
    assert.deepStrictEqual(after.primaries, ['primary']);
    assert.strictEqual(after.nodes.find((n) => n.service === 'replica1')?.upstream, 'primary');
  });
});
