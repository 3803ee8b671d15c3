/** Code lenses of a compose file the workspace did not list: never the look-alike project started from another file. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lensClusterOf } from '../../../client/src/editor/lensCluster';
import { mergeClusters } from '../../../client/src/views/clusters/clusterList';
import { runtimeNode, runtimeProject, topology } from '../views/fixtures';

describe('compose lenses of an unlisted file', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-lens-'));
    for (const clone of ['mine', 'other']) {
      fs.mkdirSync(path.join(dir, clone, 'ha-stack'), { recursive: true });
      fs.writeFileSync(path.join(dir, clone, 'ha-stack', 'compose.yaml'), 'services: {}\n');
    }
    fs.symlinkSync(path.join(dir, 'mine'), path.join(dir, 'link'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fileAt = (fsPath: string) => ({ uri: `file://${fsPath}`, fsPath, topology: topology('ha-stack', `file://${fsPath}`) });
  const running = (composeFile?: string) => mergeClusters([], [runtimeProject([runtimeNode('primary', 'primary')], 'ha-stack', composeFile)], []);

  it('a same-named stack started from another file is not this file’s: the file shows as not created', () => {
    const mine = path.join(dir, 'mine', 'ha-stack', 'compose.yaml');
    const cluster = lensClusterOf(running(path.join(dir, 'other', 'ha-stack', 'compose.yaml')), fileAt(mine));
    assert.deepStrictEqual([cluster?.state, cluster?.composePath], ['not created', mine]);
  });

  it('the stack started from this very file (also through a symlink) or from an unknown file is this file’s', () => {
    const mine = path.join(dir, 'mine', 'ha-stack', 'compose.yaml');
    assert.strictEqual(lensClusterOf(running(mine), fileAt(path.join(dir, 'link', 'ha-stack', 'compose.yaml')))?.state, 'running');
    assert.strictEqual(lensClusterOf(running(undefined), fileAt(mine))?.state, 'running');
  });
});
