import * as assert from 'assert';
import { composeLensSpecs, serviceLines, type LensSpec } from '../../../client/src/editor/composeLensModel';
import { mergeClusters } from '../../../client/src/views/clusters/clusterList';
import { nodeEntries } from '../../../client/src/views/nodes/nodeItems';
import type { NodeLifecycle } from '../../../cluster/runtime';
import { runtimeNode, runtimeProject, snapshot, topology } from '../views/fixtures';

const TEXT = ['# stack', 'services:', '  primary:', '    image: postgres:17', '  "replica1":', '    image: postgres:17', '  # a comment', '  replica2:', '    ports: ["127.0.0.1:15434:5432"]', 'volumes:', '  data:', ''].join('\n');
const composeFile = { uri: 'file:///ws/ha-stack/compose.yaml', fsPath: '/ws/ha-stack/compose.yaml', topology: topology() };

function lenses(lifecycles: NodeLifecycle[] | undefined, withSnapshot: boolean): LensSpec[] {
  const nodes = lifecycles ? [runtimeNode('primary', 'primary', lifecycles[0]), runtimeNode('replica1', 'replica', lifecycles[1], 15433), runtimeNode('replica2', 'replica', lifecycles[2], 15434)] : [];
  const [cluster] = mergeClusters([composeFile], nodes.length ? [runtimeProject(nodes, 'ha-stack')] : [], []);
  const snap = withSnapshot ? snapshot() : undefined;
  return composeLensSpecs(TEXT, cluster, snap, nodeEntries(cluster, snap));
}

const byLine = (specs: LensSpec[]): Record<number, string[]> => {
  const out: Record<number, string[]> = {};
  for (const s of specs) (out[s.line] ??= []).push(s.title);
  return out;
};

describe('compose code lenses by live state', () => {
  it('finds the services block and each service key (quoted, after comments), not keys of other blocks', () => {
    const { services, byName } = serviceLines(TEXT);
    assert.strictEqual(services, 1);
    assert.deepStrictEqual([...byName], [['primary', 2], ['replica1', 4], ['replica2', 7]]);
  });

  it('a running cluster: its summary and Stop only; each node its role, activity and lag, with stop, promote (replicas) and psql', () => {
    const specs = lenses(['running', 'running', 'running'], true);
    assert.deepStrictEqual(byLine(specs), {
      1: ['$(database) ha-stack: running · 1 primary · 2 replicas · max lag 0 B', '■ Stop cluster'],
      2: ['primary · running', '■ Stop', 'psql'],
      4: ['replica · streaming · lag 0 B · 0 ms', '■ Stop', '⇧ Promote', 'psql'],
      7: ['replica · streaming · lag 0 B · 0 ms', '■ Stop', '⇧ Promote', 'psql'],
    });
    const promote = specs.find((s) => s.title === '⇧ Promote' && s.line === 4)!;
    assert.strictEqual(typeof promote.target === 'object' && promote.target.node.service, 'replica1');
  });

  it('a stopped cluster: Start only, and Start on each node; not created: Start cluster and no node action', () => {
    assert.deepStrictEqual(byLine(lenses(['stopped', 'stopped', 'stopped'], false)), {
      1: ['$(database) ha-stack: stopped', '▶ Start cluster (3 PostgreSQL services)'],
      2: ['primary · stopped', '▶ Start'],
      4: ['replica · stopped', '▶ Start'],
      7: ['replica · stopped', '▶ Start'],
    });
    assert.deepStrictEqual(byLine(lenses(undefined, false))[1], ['$(database) ha-stack: not created', '▶ Start cluster (3 PostgreSQL services)']);
    assert.deepStrictEqual(byLine(lenses(undefined, false))[4], ['replica · not created']);
  });

  it('a partial cluster offers both Start (the rest) and Stop', () => {
    const specs = byLine(lenses(['running', 'running', 'stopped'], true));
    assert.deepStrictEqual(specs[1].slice(1), ['▶ Start cluster (3 PostgreSQL services)', '■ Stop cluster']);
    assert.deepStrictEqual(specs[7], ['replica · stopped', '▶ Start']);
  });
});
