/** pgha check on odd input: huge files, folders without configs, binary and non-postgresql.conf files, closed pipes. */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pgha } from '../../support/cli';
import { exampleName } from '../../../language/formats/glob';
import { FORMATS, UNREAD_FILES } from '../../../language/formats/registry';
import { suiteTempDir } from '../../support/tempDir';

const repoRoot = path.resolve(__dirname, '../../..');

const check = (args: string[], cwd: string) => pgha(['check', ...args], {}, cwd);

describe('pgha check (odd input)', function () {
  this.timeout(60_000);
  let dir: string;
  suiteTempDir('pgha-check-odd-', (made) => (dir = made));

  it('reports more findings than a call can take arguments (no stack overflow)', async () => {
    const file = path.join(dir, 'huge.conf');
    const lines = Array.from({ length: 150_000 }, (_, i) => `work_mem = ${64 + (i % 1000)}kB`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const { code, out, err } = await check([file], dir);
    assert.equal(err, '');
    assert.equal(code, 0);
    assert.match(out, /1 file checked: 0 errors, 0 warnings\n$/);
    assert.equal(out.split('\n').filter((l) => l.includes('pgconf/overridden')).length, 149_999);
  });

  it('exits 2 naming a folder that holds no config file', async () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, 'notes.txt'), 'nothing here\n');
    const { code, err } = await check([empty], dir);
    assert.equal(code, 2);
    assert.match(err, /"[^"]*empty" holds no file of a format pgha reads/);
    for (const format of FORMATS) assert.ok(err.includes(format.title) && format.filePatterns.every((p) => err.includes(p)), `${format.id} named in: ${err}`);
  });

  it('finds the files of every registered format in a folder, subfolders included', async () => {
    const all = path.join(dir, 'all-formats');
    const names = FORMATS.flatMap((format) => format.filePatterns.map((pattern) => exampleName(pattern)));
    names.forEach((name, i) => {
      fs.mkdirSync(path.join(all, `f${i}`), { recursive: true });
      fs.writeFileSync(path.join(all, `f${i}`, name), '');
    });
    fs.writeFileSync(path.join(all, 'notes.txt'), 'not a config\n');
    const { out, err } = await check([all], dir);
    assert.equal(err, '');
    assert.match(out, new RegExp(`^${names.length} files checked`, 'm'));
  });

  it('skips a binary file instead of reporting a syntax error per line', async () => {
    const file = path.join(dir, 'postgresql.conf.bin');
    fs.writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0x0a, 0x01, 0x02, 0x0a]));
    const { code, out, err } = await check([file], dir);
    assert.equal(code, 2);
    assert.match(err, /skipped ".*postgresql\.conf\.bin": it is a binary file/);
    assert.match(out, /^0 files checked/);
  });

  it('skips files no registered format reads yet (pg_ident.conf while it has none) and checks the rest', async () => {
    assert.ok(UNREAD_FILES.length, 'every such file has a format now: test a file of no format instead');
    const unread = exampleName(UNREAD_FILES[0].pattern);
    fs.writeFileSync(path.join(dir, unread), 'host replication replicator 0.0.0.0/0 scram-sha-256\n');
    fs.writeFileSync(path.join(dir, 'postgresql.conf'), 'wal_level = replica\n');
    const { code, out, err } = await check([unread, 'postgresql.conf'], dir);
    assert.equal(code, 0);
    assert.equal(err, `pgha check: skipped "${unread}": it is not a ${FORMATS.map((f) => f.title).join(' or ')} (it holds ${UNREAD_FILES[0].what}, a syntax pgha check does not read yet).\n`);
    assert.equal(out, '1 file checked: 0 errors, 0 warnings\n');
  });

  it('skips a file whose format it cannot tell', async () => {
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'shared_buffers = 1\n');
    const { code, err } = await check(['notes.txt'], dir);
    assert.equal(code, 2);
    assert.match(err, /skipped "notes\.txt": pgha check does not know its format \(it reads /);
    for (const format of FORMATS) assert.ok(err.includes(format.title), format.id);
  });

  it('stops quietly when its output pipe is closed early (pgha check … | head)', async () => {
    const file = path.join(dir, 'many.conf');
    fs.writeFileSync(file, `${Array.from({ length: 20_000 }, () => 'work_mem = 4MB').join('\n')}\n`);
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(repoRoot, 'cli/pgha.ts'), 'check', file], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.doesNotMatch(err, /EPIPE|at .*\(/, err);
    assert.equal(code, 0);
  });
});
