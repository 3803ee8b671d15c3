import * as assert from 'assert';
import { renderStatusText, snapshotToJson } from '../../../cluster/monitor/format';
import { DEFAULT_THRESHOLDS } from '../../../cluster/monitor/types';
import { composeLensSpecs } from '../../../client/src/editor/composeLensModel';
import { summarizeCluster } from '../../../client/src/statusBar/clusterSummary';
import { mergeClusters } from '../../../client/src/views/clusters/clusterList';
import { detailRows } from '../../../client/src/views/details/detailRows';
import { nodeEntries, presentNode } from '../../../client/src/views/nodes/nodeItems';
import { runtimeNode, runtimeProject, snapshot, topology } from './fixtures';

describe('one lag figure everywhere (one snapshot)', () => {
  const snap = snapshot({ lagBytes: 3 * 1024 * 1024 });
  const composeFile = { uri: 'file:///ws/ha-stack/compose.yaml', fsPath: '/ws/ha-stack/compose.yaml', topology: topology() };
  const nodes = [runtimeNode('primary', 'primary'), runtimeNode('replica1', 'replica', 'running', 15433), runtimeNode('replica2', 'replica', 'running', 15434)];
  const [cluster] = mergeClusters([composeFile], [runtimeProject(nodes, 'ha-stack')], []);
  const entries = nodeEntries(cluster, snap);
  const replica2 = snap.nodes.find((n) => n.service === 'replica2')!;

  it('tree row, its details, the primary\'s standby row, the status bar, the code lens and pgha status say the same bytes and time', () => {
    const figure = '3.0 MB · –';
    assert.strictEqual(replica2.lag?.replayBytes, 3 * 1024 * 1024);
    const treeRow = presentNode(entries.find((e) => e.service === 'replica2')!).description;
    assert.ok(treeRow.includes(`lag ${figure}`), treeRow);
    assert.ok(detailRows(replica2, DEFAULT_THRESHOLDS).some((r) => r.label === 'Replay lag' && r.description === figure));
    const primary = snap.nodes.find((n) => n.service === 'primary')!;
    const standby = detailRows(primary, DEFAULT_THRESHOLDS, snap.nodes).find((r) => r.label === '→ replica2');
    assert.ok(standby?.description.endsWith(`replay ${figure}`), standby?.description);
    assert.match(standby?.tooltip ?? '', /the primary's view \(pg_stat_replication/);
    const status = summarizeCluster('ha-stack', snap, DEFAULT_THRESHOLDS);
    assert.ok(status.text.includes('max lag 3.0 MB'), status.text);
    assert.ok(status.tooltip.includes(`replica2: lag ${figure}`), status.tooltip);
    const lens = composeLensSpecs('services:\n  primary:\n  replica1:\n  replica2:\n', cluster, snap, entries).find((s) => s.line === 3);
    assert.strictEqual(lens?.title, `replica · streaming · lag ${figure}`);
    assert.match(renderStatusText(snap), new RegExp(`^replica2 .* ${figure.replace(/[.]/g, '\\.')}\\s+replica2\\s+primary$`, 'm'));
    assert.strictEqual(snapshotToJson(snap).nodes.find((n) => n.service === 'replica2')?.lagBytes, replica2.lag?.replayBytes);
  });
});
