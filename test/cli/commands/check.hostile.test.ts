/** pgha check given a FIFO, a device or a huge file on the command line: a clear message, exit 1, never blocks. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pgha } from '../../support/cli';
import { suiteTempDir } from '../../support/tempDir';

const check = (args: string[], cwd: string) => pgha(['check', ...args], {}, cwd);

describe('pgha check (hostile files on the command line)', function () {
  this.timeout(60_000);
  let dir: string;
  suiteTempDir('pgha-check-hostile-', (made) => (dir = made));

  it('refuses a FIFO at once, naming it (no writer needed)', async () => {
    execFileSync('mkfifo', [path.join(dir, 'postgresql.conf')]);
    const { code, err } = await check(['postgresql.conf'], dir);
    assert.equal(code, 1);
    assert.match(err, /cannot check "postgresql\.conf": not a regular file \(FIFO\)/);
  });

  it('refuses /dev/zero', async () => {
    const { code, err } = await check(['/dev/zero'], dir);
    assert.equal(code, 1);
    assert.match(err, /cannot check "\/dev\/zero": not a regular file \(device\)/);
  });

  it('refuses a 17 MiB file with the limit in the message', async () => {
    const big = path.join(dir, 'big.conf');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 17 * 1024 * 1024);
    const { code, err } = await check(['big.conf'], dir);
    assert.equal(code, 1);
    assert.match(err, /cannot check "big\.conf": larger than 16 MiB/);
  });
});
