import * as assert from 'assert';
import { mergeClusters } from '../../../../client/src/views/clusters/clusterList';
import { nodeEntries, presentNode } from '../../../../client/src/views/nodes/nodeItems';
import { runtimeNode, runtimeProject, snapshot, topology } from '../fixtures';

const composeFile = { uri: 'file:///ws/ha-stack/compose.yaml', fsPath: '/ws/ha-stack/compose.yaml', topology: topology() };
const running = [runtimeNode('primary', 'primary'), runtimeNode('replica1', 'replica', 'running', 15433), runtimeNode('replica2', 'replica', 'running', 15434)];

describe('node items', () => {
  it('lists the primary first, then replicas, with role, state, port, major and lag', () => {
    const [cluster] = mergeClusters([composeFile], [runtimeProject(running, 'ha-stack')], []);
    const items = nodeEntries(cluster, snapshot()).map(presentNode);
    assert.deepStrictEqual(items.map((i) => i.label), ['primary', 'replica1', 'replica2']);
    assert.strictEqual(items[0].description, 'primary · running · TL 1 · :15432 · PG 17');
    assert.strictEqual(items[1].description, 'replica · streaming · lag 0 B · 0 ms · TL 1 · :15433 · PG 17');
    assert.deepStrictEqual(items.map((i) => i.contextValue), ['pgha.node.primary.running', 'pgha.node.replica.running.streaming', 'pgha.node.replica.running.streaming']);
    assert.deepStrictEqual(items.map((i) => i.tone), ['ok', 'ok', 'ok']);
    assert.match(items[1].tooltip, /\| Replay lag \| 0 B · 0 ms \|/);
  });

  it('colours a lagging replica by the thresholds and a down node as critical', () => {
    const [cluster] = mergeClusters([composeFile], [runtimeProject(running, 'ha-stack')], []);
    const lagging = nodeEntries(cluster, snapshot({ lagBytes: 32 * 1024 * 1024 })).map(presentNode);
    assert.strictEqual(lagging.find((i) => i.label === 'replica2')?.tone, 'warning');
    assert.match(lagging.find((i) => i.label === 'replica2')!.description, /lag 32 MB/);
    const down = nodeEntries(cluster, snapshot({ replica2Down: true })).map(presentNode);
    const replica2 = down.find((i) => i.label === 'replica2')!;
    assert.strictEqual(replica2.tone, 'critical');
    assert.match(replica2.description, /^replica · unreachable/);
  });

  it('shows compose services that are not created yet, muted, with their published port', () => {
    const [cluster] = mergeClusters([composeFile], [], []);
    const items = nodeEntries(cluster, undefined).map(presentNode);
    assert.deepStrictEqual(items.map((i) => [i.label, i.description, i.tone, i.contextValue]), [
      ['primary', 'primary · not created · :15432 · PG 17', 'muted', 'pgha.node.primary.missing'],
      ['replica1', 'replica · not created · :15433 · PG 17', 'muted', 'pgha.node.replica.missing'],
      ['replica2', 'replica · not created · :15434 · PG 17', 'muted', 'pgha.node.replica.missing'],
    ]);
  });

  it('shows a stopped cluster in the roles pgha last gave it (after a failover), not the compose file\'s', () => {
    const nodes = [runtimeNode('primary', 'primary', 'stopped'), runtimeNode('replica1', 'replica', 'stopped', 15433), runtimeNode('replica2', 'replica', 'stopped', 15434)];
    const [cluster] = mergeClusters([composeFile], [runtimeProject(nodes, 'ha-stack')], []);
    const items = nodeEntries(cluster, undefined, { primary: 'replica', replica1: 'primary', replica2: 'replica' }).map(presentNode);
    assert.deepStrictEqual(items.map((i) => [i.label, i.contextValue]), [
      ['replica1', 'pgha.node.primary.stopped'],
      ['primary', 'pgha.node.replica.stopped'],
      ['replica2', 'pgha.node.replica.stopped'],
    ]);
  });

  it('names the runtime lifecycle in the context value and the description', () => {
    const nodes = [runtimeNode('primary', 'primary', 'stopped'), runtimeNode('replica1', 'replica', 'restarting', 15433)];
    const [cluster] = mergeClusters([composeFile], [runtimeProject(nodes, 'ha-stack')], []);
    const items = nodeEntries(cluster, undefined).map(presentNode);
    assert.deepStrictEqual(items.map((i) => [i.contextValue, i.description]), [
      ['pgha.node.primary.stopped', 'primary · stopped · :15432 · PG 17'],
      ['pgha.node.replica.restarting', 'replica · restarting · :15433 · PG 17'],
      ['pgha.node.replica.missing', 'replica · not created · :15434 · PG 17'],
    ]);
    assert.match(items[0].tooltip, /\| Runs as \| ha-stack-primary-1 \(Exited \(0\) 1 minute ago\) · docker \|/);
  });

  it('takes the live role over the labels after a promotion', () => {
    const [cluster] = mergeClusters([composeFile], [runtimeProject(running, 'ha-stack')], []);
    const s = snapshot();
    const promoted = { ...s, nodes: s.nodes.map((n) => (n.service === 'replica1' ? { ...n, role: 'primary' as const } : n)) };
    const item = nodeEntries(cluster, promoted).map(presentNode).find((i) => i.label === 'replica1')!;
    assert.strictEqual(item.role, 'primary');
    assert.strictEqual(item.contextValue, 'pgha.node.primary.running');
  });

  it('marks paused replay in the context value (menus offer "Resume replay")', () => {
    const [cluster] = mergeClusters([composeFile], [runtimeProject(running, 'ha-stack')], []);
    const s = snapshot();
    const paused = { ...s, nodes: s.nodes.map((n) => (n.service === 'replica2' ? { ...n, replayPaused: true } : n)) };
    const item = nodeEntries(cluster, paused).map(presentNode).find((i) => i.label === 'replica2')!;
    assert.strictEqual(item.contextValue, 'pgha.node.replica.running.replayPaused');
    assert.match(item.description, /replay paused/);
  });

  it('notes in the hover that time lag reads high on an idle primary', () => {
    const [cluster] = mergeClusters([composeFile], [runtimeProject(running, 'ha-stack')], []);
    const s = snapshot();
    const idle = { ...s, nodes: s.nodes.map((n) => (n.service === 'replica1' && n.lag ? { ...n, lag: { ...n.lag, replaySeconds: 300, secondsSource: 'last-replay' as const } } : n)) };
    const item = nodeEntries(cluster, idle).map(presentNode).find((i) => i.label === 'replica1')!;
    assert.match(item.tooltip, /reads high while the primary is idle/);
  });
});
