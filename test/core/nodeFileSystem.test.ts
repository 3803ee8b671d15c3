/** The real file system host reads only regular files within the size limit: nothing blocks, nothing floods memory. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { refusalMessage } from '../../core/fileSystem';
import { DEFAULT_MAX_FILE_BYTES, maxFileBytes, nodeFileSystem, readFileChecked, refusalOfPath } from '../../core/nodeFileSystem';
import { suiteTempDir } from '../support/tempDir';

describe('nodeFileSystem (hostile files)', () => {
  let dir: string;
  suiteTempDir('pgha-nodefs-', (made) => (dir = made));

  it('reads a regular file', () => {
    const file = path.join(dir, 'ok.conf');
    fs.writeFileSync(file, 'work_mem = 4MB\n');
    assert.deepEqual(readFileChecked(file), { text: 'work_mem = 4MB\n' });
    assert.equal(nodeFileSystem.readFile(file), 'work_mem = 4MB\n');
  });

  it('refuses a FIFO without opening it (returns at once, no writer needed)', () => {
    const fifo = path.join(dir, 'pipe.conf');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual(readFileChecked(fifo), { refused: 'fifo' });
    assert.equal(nodeFileSystem.readFile(fifo), undefined);
    assert.match(refusalMessage({ refused: 'fifo' }), /not a regular file \(FIFO\)/);
  });

  it('refuses character devices (/dev/zero, /dev/null)', () => {
    assert.deepEqual(readFileChecked('/dev/zero'), { refused: 'device' });
    assert.deepEqual(nodeFileSystem.readFileChecked?.('/dev/null'), { refused: 'device' });
    assert.equal(nodeFileSystem.readFile('/dev/zero'), undefined);
  });

  it('refuses a socket, a directory and a missing file, saying which', async () => {
    const socket = path.join(dir, 'sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      assert.deepEqual(readFileChecked(socket), { refused: 'socket' });
    } finally {
      server.close();
    }
    assert.deepEqual(readFileChecked(dir), { refused: 'directory' });
    assert.deepEqual(readFileChecked(path.join(dir, 'gone.conf')), { refused: 'missing' });
  });

  it('refuses a 17 MiB file with a message naming the 16 MiB limit', () => {
    const big = path.join(dir, 'big.conf');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 17 * 1024 * 1024);
    const read = readFileChecked(big);
    assert.match('refused' in read ? refusalMessage(read) : 'read', /larger than 16 MiB/);
    assert.deepEqual(read, { refused: 'too-large', limit: DEFAULT_MAX_FILE_BYTES });
  });

  it('takes the limit from PGHA_MAX_FILE_BYTES and reads a file exactly at the limit', () => {
    assert.equal(maxFileBytes({ PGHA_MAX_FILE_BYTES: '10' }), 10);
    assert.equal(maxFileBytes({ PGHA_MAX_FILE_BYTES: 'lots' }), DEFAULT_MAX_FILE_BYTES);
    const file = path.join(dir, 'ten.conf');
    fs.writeFileSync(file, '0123456789');
    assert.deepEqual(readFileChecked(file, 10), { text: '0123456789' });
    assert.deepEqual(readFileChecked(file, 9), { refused: 'too-large', limit: 9 });
  });

  it('names a symbolic-link loop, and says why from a stat alone without opening a FIFO', () => {
    fs.symlinkSync('loop-2', path.join(dir, 'loop-1'));
    fs.symlinkSync('loop-1', path.join(dir, 'loop-2'));
    assert.deepEqual(readFileChecked(path.join(dir, 'loop-1')), { refused: 'loop' });
    assert.match(refusalMessage({ refused: 'loop' }), /loop of symbolic links/);
    const fifo = path.join(dir, 'stat-only.fifo');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual(refusalOfPath(fifo), { refused: 'fifo' });
    const six = path.join(dir, 'six.conf');
    fs.writeFileSync(six, '012345');
    assert.deepEqual(nodeFileSystem.refusal?.(six, 5), { refused: 'too-large', limit: 5 });
    assert.equal(refusalOfPath(six), undefined);
  });

  it('says when the bytes read are not UTF-8 (the text shows U+FFFD for them)', () => {
    const file = path.join(dir, 'latin1.conf');
    fs.writeFileSync(file, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    assert.deepEqual(readFileChecked(file), { text: 'caf\uFFFD\n', invalidUtf8: true });
    fs.writeFileSync(file, 'café\n');
    assert.deepEqual(readFileChecked(file), { text: 'café\n' });
  });
});
