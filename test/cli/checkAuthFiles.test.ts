/** `pgha check` on a data directory's pg_hba.conf and pg_ident.conf: the same JSON as every format, cross-file findings included. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CheckFinding } from '../../cli/commands/check';
import { pgha } from '../support/cli';

describe('pgha check on pg_hba.conf and pg_ident.conf', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-check-auth-'));
    fs.writeFileSync(path.join(dir, 'PG_VERSION'), '16\n');
    fs.writeFileSync(path.join(dir, 'postgresql.conf'), 'ssl = off\n');
    fs.writeFileSync(path.join(dir, 'pg_hba.conf'), 'local all all peer map=office\nhostssl all all 10.0.0.0/8 scram-sha-256\nhost all all 0.0.0.0/0 trust\nlocal all all peer map=nope\n');
    fs.writeFileSync(path.join(dir, 'pg_ident.conf'), 'office alice alice_db\nm a,b c\nspare x y\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON finding per diagnostic, with codes of both formats, and exits 1 on the ident error', async () => {
    const { code, out } = await pgha(['check', '--format', 'json', '.'], {}, dir);
    assert.strictEqual(code, 1);
    const findings = JSON.parse(out) as CheckFinding[];
    const of = (name: string) => findings.filter((f) => f.file === name).map((f) => `${f.line}:${f.column} ${f.severity} ${f.code}`);
    assert.deepStrictEqual(of('pg_hba.conf'), [
      '2:1 warning hba/ssl-disabled',
      '3:14 warning hba/open-to-world',
      '4:1 warning hba/shadowed-line',
      '4:20 warning hba/ident-map-missing',
    ]);
    assert.deepStrictEqual(of('pg_ident.conf'), ['1:1 warning ident/map-missing', '2:5 error ident/multiple-values', '3:1 information ident/map-unused']);
    const hostssl = findings.find((f) => f.code === 'hba/ssl-disabled')!;
    assert.deepStrictEqual(Object.keys(hostssl).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    assert.match(hostssl.message, /hostssl record cannot match because SSL is disabled/);
  });
});
