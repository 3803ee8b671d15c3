/** `pgha check` on pgbouncer.ini: a file or a folder holding it, text and the same JSON shape as every format. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CheckFinding } from '../../cli/commands/check';
import { pgha } from '../support/cli';

describe('pgha check: pgbouncer.ini', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-check-pgbouncer-'));
    fs.mkdirSync(path.join(dir, 'pooler'));
    fs.writeFileSync(path.join(dir, 'pooler', 'pgbouncer.ini'), '[databases]\napp = host=db\n[pgbouncer]\nauth_type = md6\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds it in a folder (text) and reads it named (JSON, the shape of every format)', async () => {
    const text = await pgha(['check', '.'], {}, dir);
    assert.strictEqual(text.code, 1);
    assert.match(text.out, /^pooler\/pgbouncer\.ini:4:13 error pgbouncer\/invalid-value invalid value "md6" for parameter auth_type/);
    const json = await pgha(['check', '--format', 'json', path.join(dir, 'pooler', 'pgbouncer.ini')], {}, dir);
    const [finding, ...rest] = JSON.parse(json.out) as CheckFinding[];
    assert.strictEqual(rest.length, 0);
    assert.deepStrictEqual(Object.keys(finding), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    assert.deepStrictEqual([finding.line, finding.column, finding.endColumn, finding.code], [4, 13, 16, 'pgbouncer/invalid-value']);
  });
});
