import * as assert from 'assert';
import { mergeClusters } from '../../../../client/src/views/clusters/clusterList';
import { clusterMarkdown } from '../../../../client/src/views/export/markdown';
import { runtimeNode, runtimeProject, snapshot, topology } from '../fixtures';

const composeFile = { uri: 'file:///ws/ha-stack/compose.yaml', fsPath: '/ws/ha-stack/compose.yaml', topology: topology() };

describe('copy status as Markdown', () => {
  it('renders the live table with the cluster title, summary and slots', () => {
    const [cluster] = mergeClusters([composeFile], [runtimeProject([runtimeNode('primary', 'primary')], 'ha-stack')], []);
    const md = clusterMarkdown(cluster, snapshot());
    const lines = md.split('\n');
    assert.strictEqual(lines[0], '### Cluster ha-stack (ha-stack/compose.yaml)');
    assert.match(md, /\*\*1 primary · 2 replicas · max lag 0 B\*\*/);
    assert.match(md, /\| primary \| primary \| running \| 1 \|/);
    assert.match(md, /\| primary \| replica1 \| yes \| reserved \| 0 B \| unlimited \|/);
    assert.ok(lines.filter((l) => l.startsWith('|')).every((l) => l.endsWith('|')));
  });

  it('lists containers when there is no live status', () => {
    const [cluster] = mergeClusters([composeFile], [runtimeProject([runtimeNode('primary', 'primary', 'stopped')], 'ha-stack')], []);
    const md = clusterMarkdown(cluster, undefined);
    assert.match(md, /\*\*stopped\*\* — no live status/);
    assert.match(md, /\| primary \| ha-stack-primary-1 \| primary \| Exited \(0\) 1 minute ago \|/);
  });
});
