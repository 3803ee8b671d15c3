/** pgha replica: help and usage errors (exit 2) before anything is asked of a runtime. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pgha as run } from '../../support/cli';

const pgha = (args: string[], cwd: string) => run(args, { DOCKER_HOST: 'tcp://127.0.0.1:1' }, cwd);

describe('pgha replica (usage)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-replica-'));
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  primary:\n    image: postgres:17\n    ports: ["127.0.0.1:15999:5432"]\n    environment: { POSTGRES_PASSWORD: x }\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is listed in the help with add and remove', async () => {
    assert.match((await pgha(['--help'], dir)).out, /replica\s+add a replica to a running compose cluster, or remove one/);
    assert.match((await pgha(['replica', '--help'], dir)).out, /pgha replica add FILE \[--name SERVICE\] \[--port PORT\]\n\s+pgha replica remove FILE SERVICE/);
  });

  const cases: [string[], RegExp][] = [
    [['replica'], /give add FILE, or remove FILE SERVICE/],
    [['replica', 'grow', 'compose.yaml'], /add or remove, not 'grow'/],
    [['replica', 'remove', 'compose.yaml'], /give the replica to remove/],
    [['replica', 'add', 'compose.yaml', 'extra'], /add takes FILE only/],
    [['replica', 'add', 'compose.yaml', '--port', '70000'], /--port needs a TCP port/],
    [['replica', 'add', 'compose.yaml', '--name', 'Bad!'], /--name Bad!: use lower-case letters/],
    [['replica', 'add', 'missing.yaml'], /cannot read missing.yaml/],
  ];
  for (const [args, message] of cases) {
    it(`exits 2 for ${args.join(' ')}`, async () => {
      const result = await pgha(args, dir);
      assert.equal(result.code, 2, result.err);
      assert.match(result.err, message);
    });
  }
});
