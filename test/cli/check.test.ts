import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CheckFinding } from '../../cli/commands/check';
import { pgha } from '../support/cli';

const runCli = (args: string[], cwd: string) => pgha(['check', ...args], {}, cwd);

describe('pgha check', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-check-'));
    fs.mkdirSync(path.join(dir, 'primary', 'conf.d'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'replica'));
    fs.writeFileSync(path.join(dir, 'primary', 'postgresql.conf'), "wal_level = replica\nshared_buffers = 128 MB\nmax_conections = 100\ninclude_dir 'conf.d'\n");
    fs.writeFileSync(path.join(dir, 'primary', 'conf.d', 'extra.conf'), 'work_mem = 4MB\n');
    fs.writeFileSync(path.join(dir, 'replica', 'postgresql.conf'), "hot_standby = on\nprimary_conninfo = 'host=primary'\n");
    fs.writeFileSync(path.join(dir, 'replica', 'notes.txt'), 'not a config\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints compiler-style findings for a folder and exits 1 on errors', async () => {
    const { code, out } = await runCli(['.'], dir);
    assert.strictEqual(code, 1);
    const lines = out.trim().split('\n');
    assert.match(lines[0], /^primary\/postgresql\.conf:2:22 error pgconf\/syntax syntax error in file ".*" line 2, near token "MB"/);
    assert.match(lines[1], /^primary\/postgresql\.conf:3:1 error pgconf\/unknown-parameter unrecognized configuration parameter "max_conections"\. Did you mean "max_connections"\?/);
    assert.strictEqual(lines[2], '2 files checked: 2 errors, 0 warnings');
  });

  it('prints JSON with 1-based positions', async () => {
    const { code, out } = await runCli(['--format', 'json', path.join(dir, 'primary', 'postgresql.conf')], dir);
    assert.strictEqual(code, 1);
    const findings = JSON.parse(out) as CheckFinding[];
    const file = path.join(dir, 'primary', 'postgresql.conf');
    assert.deepStrictEqual(findings[0], {
      file,
      line: 2,
      column: 22,
      endLine: 2,
      endColumn: 24,
      severity: 'error',
      code: 'pgconf/syntax',
      message: `syntax error in file "${file}" line 2, near token "MB". PostgreSQL refuses the whole file. Values with spaces or a fractional number with a unit need quotes.`,
    });
  });

  it('exits 0 on a clean file and honours --pg-version', async () => {
    assert.strictEqual((await runCli(['replica'], dir)).code, 0);
    const file = path.join(dir, 'replica', 'old.conf');
    fs.writeFileSync(file, 'vacuum_defer_cleanup_age = 0\n');
    assert.strictEqual((await runCli(['--pg-version', '15', file], dir)).code, 0);
    const newer = await runCli(['--pg-version=16', '--format', 'json', file], dir);
    assert.strictEqual(newer.code, 1);
    assert.strictEqual((JSON.parse(newer.out) as CheckFinding[])[0].code, 'pgconf/removed-parameter');
  });

  it('exits 2 with a clear message for an unreadable path or bad options', async () => {
    const missing = await runCli(['nope.conf'], dir);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.err, /cannot read "nope\.conf": no such file or folder/);
    assert.strictEqual((await runCli(['--pg-version', '9', '.'], dir)).code, 2);
    assert.strictEqual((await runCli(['--format', 'xml', '.'], dir)).code, 2);
    assert.strictEqual((await runCli([], dir)).code, 2);
  });
});
