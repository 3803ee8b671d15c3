/**
 * pgha up refuses, before it asks any runtime, every file with an error `pgha check` reports that Compose or the
 * postgres entrypoint would reject, at its file:line:col; and pgha check's word on ports open to every interface.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pgha as run } from '../../support/cli';

const pgha = (args: string[], cwd: string) => run(args, { DOCKER_HOST: 'tcp://127.0.0.1:1' }, cwd);
const HEAD = 'services:\n  primary:\n    image: postgres:17\n';

const CASES: { name: string; text: string | Buffer; at: string; says: RegExp }[] = [
  { name: 'a duplicate key', text: `${HEAD}    image: postgres:16\n    environment: { POSTGRES_PASSWORD: x }\n`, at: '4:5', says: /Map keys must be unique: Compose rejects the file/ },
  { name: 'invalid UTF-8', text: Buffer.concat([Buffer.from(`${HEAD}    environment: { POSTGRES_PASSWORD: "`), Buffer.from([0xff]), Buffer.from('" }\n')]), at: '4:40', says: /bytes that are not UTF-8/ },
  { name: 'an undefined alias', text: `${HEAD}    environment: *nope\n`, at: '4:18', says: /unknown anchor "nope"/ },
  { name: 'a node without a password', text: `${HEAD}    environment: { A: b }\n`, at: '2:3', says: /sets neither POSTGRES_PASSWORD nor POSTGRES_PASSWORD_FILE/ },
  { name: 'an unknown dependency', text: `${HEAD}    environment: { POSTGRES_PASSWORD: x }\n    depends_on: [nobody]\n`, at: '5:18', says: /depends on "nobody", which is not a service/ },
];

describe('pgha up refuses what Compose or the entrypoint would reject', () => {
  let dir = '';
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-refuse-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    it(`${c.name}: exit 1 at file:line:col, nothing created`, async () => {
      fs.writeFileSync(path.join(dir, 'compose.yaml'), c.text);
      const check = await pgha(['check', 'compose.yaml'], dir);
      assert.equal(check.code, 1, check.out);
      assert.ok(check.out.includes(`compose.yaml:${c.at} error `), check.out);
      const up = await pgha(['up', 'compose.yaml'], dir);
      assert.equal(up.code, 1, up.err);
      assert.ok(up.err.startsWith(`pgha up: ${path.join(dir, 'compose.yaml')}:${c.at}: `), up.err);
      assert.match(up.err, c.says);
      assert.match(up.err, /Nothing was created\. Fix it there \(pgha check compose\.yaml lists every problem\)/);
      assert.equal(up.out, '');
      assert.equal(fs.existsSync(path.join(dir, '.pgha')), false);
    });
  }

  it('pgha check reports a random host port and an explicit 0.0.0.0 as open to every interface', async () => {
    const text = `${HEAD}    ports: ["5432"]\n    environment: { POSTGRES_PASSWORD: x }\n  other:\n    image: postgres:17\n    ports: ["0.0.0.0:5434:5432"]\n    environment: { POSTGRES_PASSWORD: x }\n`;
    fs.writeFileSync(path.join(dir, 'compose.yaml'), text);
    const check = await pgha(['check', 'compose.yaml'], dir);
    assert.match(check.out, /compose\.yaml:4:13 information compose\/port-all-interfaces "primary" is published on every interface of this host, on a host port Docker picks \(container port 5432\)/);
    assert.match(check.out, /compose\.yaml:8:13 information compose\/port-all-interfaces "other" is published on every interface of this host, on host port 5434/);
  });
});
