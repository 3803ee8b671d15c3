import * as assert from 'assert';
import { clusterContextValue, clusterDescription, clusterOfFile, fileUri, mergeClusters, stateOf } from '../../../../client/src/views/clusters/clusterList';
import { runtimeNode, runtimeProject, service, topology } from '../fixtures';

const composeFile = { uri: 'file:///ws/ha-stack/compose.yaml', fsPath: '/ws/ha-stack/compose.yaml', topology: topology() };

describe('cluster list', () => {
  it('shows a workspace compose stack that was never started as "not created"', () => {
    const [entry] = mergeClusters([composeFile], [], []);
    assert.strictEqual(entry.project, 'ha-stack');
    assert.strictEqual(entry.state, 'not created');
    assert.strictEqual(entry.composeUri, composeFile.uri);
    assert.strictEqual(clusterContextValue(entry), 'pgha.cluster.notCreated.compose');
    assert.strictEqual(clusterDescription(entry), 'not created · 3 nodes · ha-stack/compose.yaml');
  });

  it('joins runtime nodes to their compose file by project name', () => {
    const nodes = [runtimeNode('primary', 'primary'), runtimeNode('replica1', 'replica', 'running', 15433), runtimeNode('replica2', 'replica', 'stopped', 15434)];
    const [entry] = mergeClusters([composeFile], [runtimeProject(nodes, 'ha-stack', '/ws/ha-stack/compose.yaml')], []);
    assert.strictEqual(entry.state, 'partial');
    assert.strictEqual(entry.nodes.length, 3);
    assert.strictEqual(clusterDescription(entry), '2/3 running · 3 nodes · ha-stack/compose.yaml');
  });

  it('lists running projects without a workspace compose file, and attached clusters last', () => {
    const entries = mergeClusters([], [runtimeProject([runtimeNode('primary', 'primary', 'running', 15432, 'other')], 'other', '/tmp/x/compose.yaml')], [
      'postgresql://postgres@127.0.0.1:5432/postgres',
      ' ',
    ]);
    assert.deepStrictEqual(entries.map((e) => [e.id, e.state]), [['other', 'running'], ['attached', 'attached']]);
    assert.strictEqual(entries[0].composeUri, 'file:///tmp/x/compose.yaml');
    assert.strictEqual(entries[1].connections?.length, 1);
  });

  it('ignores compose files without PostgreSQL nodes; with the engine unreachable shows compose stacks only', () => {
    const web = { ...composeFile, uri: 'file:///ws/web/compose.yaml', topology: { ...topology('web'), services: [service('web', 'other')] } };
    assert.deepStrictEqual(mergeClusters([web, composeFile], undefined, []).map((e) => e.project), ['ha-stack']);
  });

  it('derives the state from node lifecycles', () => {
    assert.strictEqual(stateOf([], 3), 'not created');
    assert.strictEqual(stateOf([runtimeNode('a', 'primary', 'stopped')], 1), 'stopped');
    assert.strictEqual(stateOf([runtimeNode('a', 'primary')], 1), 'running');
    assert.strictEqual(stateOf([runtimeNode('a', 'primary')], 3), 'partial');
  });

  it('finds a compose file\'s own cluster, never another running project that sorts before it', () => {
    const other = runtimeProject([runtimeNode('primary', 'primary', 'running', 22474, 'another-stack')], 'another-stack', '/tmp/another-stack/compose.yaml');
    const mine = runtimeProject([runtimeNode('primary', 'primary'), runtimeNode('replica1', 'replica', 'running', 15433)], 'ha-stack');
    assert.strictEqual(mergeClusters([composeFile], [other, mine], [])[0].project, 'another-stack', 'the merged list is sorted by name');
    const entry = clusterOfFile(composeFile, [other, mine]);
    assert.strictEqual(entry?.project, 'ha-stack');
    assert.strictEqual(entry?.state, 'partial');
    assert.strictEqual(clusterOfFile(composeFile, [other])?.state, 'not created');
    assert.strictEqual(clusterOfFile({ ...composeFile, topology: { ...topology(), services: [] } }, [other]), undefined);
  });

  it('builds file URIs like VS Code does', () => {
    assert.strictEqual(fileUri('/work/my stack/compose.yaml'), 'file:///work/my%20stack/compose.yaml');
  });
});
