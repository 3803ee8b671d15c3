/** The "Patroni + etcd (3 nodes)" generator: examples/patroni is its output, and what it writes checks clean. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatePatroni, validatePatroniOptions } from '../../../cluster/wizard/patroni';
import { writeGeneratedFiles } from '../../../cluster/wizard/write';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import { pgha } from '../../support/cli';

const EXAMPLE = path.resolve(__dirname, '../../../examples/patroni');

describe('wizard: Patroni + etcd (3 nodes)', function () {
  this.timeout(60_000);

  it('is what examples/patroni holds (the example is this generator’s output; passwords only in .env)', () => {
    const files = generatePatroni({ basePort: 25541, restBasePort: 28001 });
    for (const file of files.filter((f) => f.path !== '.env')) assert.equal(fs.readFileSync(path.join(EXAMPLE, file.path), 'utf8'), file.content, file.path);
    const env = files.find((f) => f.path === '.env')!;
    assert.equal(env.secret, true);
    assert.deepEqual(env.content.trim().split('\n').map((l) => l.split('=')[0]), ['PATRONI_SUPERUSER_PASSWORD', 'PATRONI_REPLICATION_PASSWORD', 'PATRONI_REWIND_PASSWORD', 'PATRONI_RESTAPI_PASSWORD']);
  });

  it('writes a stack on other ports that pgha check finds clean and pgha reads as a Patroni cluster', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-wizard-patroni-'));
    try {
      writeGeneratedFiles(dir, generatePatroni({ basePort: 26541, restBasePort: 29001, scope: 'orders' }));
      const checked = await pgha(['check', dir]);
      assert.equal(checked.code, 0, checked.out + checked.err);
      assert.match(checked.out, /0 errors, 0 warnings/);
      const managed = loadTopology(path.join(dir, 'compose.yaml')).managed!;
      assert.equal(managed.scope, 'orders');
      assert.deepEqual(managed.nodes.map((n) => [n.pgHost?.port, n.restHost?.port]), [[26541, 29001], [26542, 29002], [26543, 29003]]);
      assert.ok(managed.superuser.password && managed.restAuth?.password);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses overlapping or out-of-range port ranges', () => {
    assert.deepEqual(validatePatroniOptions({ basePort: 25541, restBasePort: 28001 }), []);
    assert.match(validatePatroniOptions({ basePort: 25541, restBasePort: 25542 }).join(' '), /overlap/);
    assert.match(validatePatroniOptions({ basePort: 80, restBasePort: 28001 }).join(' '), /PostgreSQL base port must be/);
  });
});
