/** `.sql.gz` init scripts on the native backend: the compressed read and the gunzipped size are bounded, FIFOs never block. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { initScriptText } from '../../../../cluster/runtime/native/entrypoint';
import { requirePart } from '../../../support/parts';

describe('native init script reads (.sql.gz bounded)', () => {
  let dir = '';
  const limits = { compressed: 1024, text: 64 * 1024 };
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-initgz-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, bytes: Buffer) => {
    fs.writeFileSync(path.join(dir, name), bytes);
    return path.join(dir, name);
  };

  it('reads a small .sql.gz (what gzip wrote) and a plain .sql', () => {
    const file = path.join(dir, 'a.sql');
    fs.writeFileSync(file, 'CREATE TABLE t (id int);\n');
    execFileSync('gzip', ['-k', file]);
    assert.equal(initScriptText({ kind: 'sql.gz', file: `${file}.gz` }, limits), 'CREATE TABLE t (id int);\n');
    assert.equal(initScriptText({ kind: 'sql', file }, limits), 'CREATE TABLE t (id int);\n');
  });

  it('refuses a bomb (decompresses past the bound) and an oversized compressed file with the reason', () => {
    const bomb = write('bomb.sql.gz', zlib.gzipSync(Buffer.alloc(limits.text + 1, 0x20)));
    assert.ok(fs.statSync(bomb).size < limits.compressed);
    assert.throws(() => initScriptText({ kind: 'sql.gz', file: bomb }, limits), { message: `${bomb} decompresses to more than 0.0625 MB; split it or run it by hand` });
    const big = write('big.sql.gz', Buffer.alloc(limits.compressed + 1));
    assert.throws(() => initScriptText({ kind: 'sql.gz', file: big }, limits), { message: `cannot read ${big}: over ${limits.compressed / 1024 / 1024} MB compressed` });
    const broken = write('broken.sql.gz', Buffer.from('not gzip'));
    assert.throws(() => initScriptText({ kind: 'sql.gz', file: broken }, limits), /is not a readable gzip file: incorrect header check/);
  });

  it('refuses a FIFO and a device at once instead of blocking', function () {
    const fifo = path.join(dir, 'fifo.sql.gz');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch (error) {
      requirePart(this, 'mkfifo', (error as Error).message);
    }
    assert.throws(() => initScriptText({ kind: 'sql.gz', file: fifo }, limits), { message: `cannot read ${fifo}: fifo (a regular file is needed)` });
    assert.throws(() => initScriptText({ kind: 'sql.gz', file: '/dev/zero' }, limits), { message: 'cannot read /dev/zero: device (a regular file is needed)' });
  });
});
