import * as assert from 'assert';
import { mergeClusters } from '../../../../client/src/views/clusters/clusterList';
import { runtimeNode, runtimeProject, topology } from '../fixtures';

describe('cluster list: a project of the same name started from another compose file', () => {
  it('is its own entry, not the workspace file running', () => {
    const workspaceFile = { uri: 'file:///ws/ha-stack/compose.yaml', fsPath: '/ws/ha-stack/compose.yaml', topology: topology() };
    const other = runtimeProject([runtimeNode('primary', 'primary')], 'ha-stack', '/home/me/clone/ha-stack/compose.yaml');
    const entries = mergeClusters([workspaceFile], [other], []);
    assert.deepStrictEqual(
      entries.map((e) => [e.id, e.composePath, e.state]),
      [
        ['ha-stack', '/ws/ha-stack/compose.yaml', 'not created'],
        ['ha-stack@/home/me/clone/ha-stack/compose.yaml', '/home/me/clone/ha-stack/compose.yaml', 'running'],
      ],
    );
  });
});
