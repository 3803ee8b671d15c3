import * as assert from 'assert';
import type { RuntimeNode } from '../../../../cluster/runtime';
import { mergeClusters } from '../../../../client/src/views/clusters/clusterList';
import { FailureReasons, stoppedOnItsOwn } from '../../../../client/src/views/nodes/failureReasons';
import { nodeEntries, presentNode } from '../../../../client/src/views/nodes/nodeItems';
import { runtimeNode, runtimeProject, topology } from '../fixtures';

const LOG = '2026-11-27 21:00:00 UTC [1] FATAL:  could not map anonymous shared memory: Cannot allocate memory\n2026-11-27 21:00:00 UTC [1] LOG:  database system is shut down\n';
const exited = (node: RuntimeNode, code: number, ago = '1 minute'): RuntimeNode => ({ ...node, status: `Exited (${code}) ${ago} ago` });

describe('node failure reasons', () => {
  it('reads the log of a node that stopped on its own once per failure, never of one stopped on request', async () => {
    const reads: string[] = [];
    const reasons = new FailureReasons(async (node) => {
      reads.push(node.service);
      return LOG;
    });
    const failed = exited(runtimeNode('replica1', 'replica', 'stopped', 15433), 1);
    const stopped = exited(runtimeNode('primary', 'primary', 'stopped'), 0);
    assert.deepStrictEqual([stoppedOnItsOwn(failed), stoppedOnItsOwn(stopped)], [true, false]);
    assert.strictEqual(await reasons.update([failed, stopped]), true);
    assert.strictEqual(await reasons.update([exited(failed, 1, '2 minutes')]), false, 'the age of the status is no new failure');
    assert.deepStrictEqual(reads, ['replica1']);
    assert.strictEqual(reasons.reasonOf(failed), 'FATAL: could not map anonymous shared memory: Cannot allocate memory');
    assert.strictEqual(reasons.reasonOf(stopped), undefined);
    assert.strictEqual(await reasons.update([{ ...failed, lifecycle: 'running', status: 'Up 1 second' }]), true);
    assert.strictEqual(reasons.reasonOf(failed), undefined);
  });

  it('a log that cannot be read gives no reason and does not fail the refresh', async () => {
    const reasons = new FailureReasons(() => Promise.reject(new Error('engine gone')));
    const failed = { ...runtimeNode('replica1', 'replica', 'dead', 15433), status: 'exited unexpectedly' };
    await reasons.update([failed]);
    assert.strictEqual(reasons.reasonOf(failed), undefined);
  });

  it('puts the reason first in the tree: description after the state, tooltip before the table, critical colour', () => {
    const failed = exited(runtimeNode('replica1', 'replica', 'stopped', 15433), 1);
    const composeFile = { uri: 'file:///ws/ha-stack/compose.yaml', fsPath: '/ws/ha-stack/compose.yaml', topology: topology() };
    const [cluster] = mergeClusters([composeFile], [runtimeProject([runtimeNode('primary', 'primary'), failed], 'ha-stack')], []);
    const reason = 'FATAL: could not map anonymous shared memory: Cannot allocate memory';
    const items = nodeEntries(cluster, undefined, {}, (instance) => (instance?.service === 'replica1' ? reason : undefined)).map(presentNode);
    const replica = items.find((i) => i.label === 'replica1')!;
    assert.strictEqual(replica.description, `replica · stopped · ${reason} · :15433 · PG 17`);
    assert.strictEqual(replica.tone, 'critical');
    const lines = replica.tooltip.split('\n');
    assert.deepStrictEqual(lines.slice(0, 3), ['**replica1**', '', `**Why it stopped:** ${reason}`]);
    assert.strictEqual(items.find((i) => i.label === 'primary')!.tooltip.includes('Why it stopped'), false);
  });
});
