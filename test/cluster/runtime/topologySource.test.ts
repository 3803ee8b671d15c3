/** loadTopology: any file name the user gives, and a clear stop (file:line) at broken YAML before up creates anything. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isClusterError } from '../../../cluster/runtime/errors';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import { suiteTempDir } from '../../support/tempDir';

describe('loadTopology', () => {
  let dir: string;
  suiteTempDir('pgha-topology-source-', (made) => (dir = made));

  it('reads a compose file whatever its name (stack.yml)', () => {
    fs.writeFileSync(path.join(dir, 'stack.yml'), 'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: x\n');
    const topology = loadTopology('stack.yml', dir);
    assert.deepEqual(topology.services.map((s) => s.name), ['db']);
  });

  it('refuses broken YAML for up with the file, line and column, and still reads it for down', () => {
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  db:\n    image: postgres:17\n    ports: ["5432:5432"\n');
    assert.throws(
      () => loadTopology('compose.yaml', dir, { refuseBrokenYaml: true }),
      (error: unknown) => isClusterError(error) && error.code === 'invalid-topology' && /compose\.yaml:4:\d+: YAML: .*Nothing was created/.test(error.message),
    );
    assert.equal(loadTopology('compose.yaml', dir).project, loadTopology('stack.yml', dir).project);
  });
});
