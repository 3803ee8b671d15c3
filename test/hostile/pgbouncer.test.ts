/**
 * `pgha check` as a process on hostile pgbouncer.ini setups: a binary ini, an include cycle, an include of a
 * device, and an auth_file that is a FIFO, a device or binary. Each gets a clear line (or is skipped, saying
 * why); none blocks or crashes the CLI.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mkfifo, pghaCheck, put } from './files';
import { suiteTempDir } from '../support/tempDir';

const INI_WITH_USERLIST = '[databases]\n* = host=127.0.0.1\n[pgbouncer]\nauth_file = userlist.txt\n';

describe('hostile: pgha check on pgbouncer.ini and its userlist (real process)', function () {
  this.timeout(180_000);
  let dir: string;
  suiteTempDir('pgha-hostile-pgbouncer-', (made) => (dir = made));

  /** One run over every case folder: the output line of each, by folder. */
  function lines(): Map<string, string> {
    const run = pghaCheck(['.'], dir);
    assert.equal(run.signal, null, `pgha check was killed (it blocked); stderr: ${run.stderr}`);
    assert.ok(run.status === 0 || run.status === 1, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
    const found = new Map<string, string>();
    for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) {
      const folder = /^(?:pgha check: skipped ")?([a-z-]+)\/pgbouncer\.ini/.exec(line)?.[1];
      if (folder) found.set(folder, `${found.get(folder) ?? ''}${line}\n`);
    }
    return found;
  }

  it('says what is wrong with each, and never blocks', () => {
    put(dir, 'binary/pgbouncer.ini', Buffer.from([0, 1, 0xff, 0x5b, 0x70, 0, 0xfe]));
    put(dir, 'cycle/pgbouncer.ini', '[pgbouncer]\n%include more.ini\n');
    put(dir, 'cycle/more.ini', '%include pgbouncer.ini\n');
    put(dir, 'include-device/pgbouncer.ini', '[pgbouncer]\n%include /dev/zero\n');
    put(dir, 'fifo-userlist/pgbouncer.ini', INI_WITH_USERLIST);
    mkfifo(path.join(dir, 'fifo-userlist/userlist.txt'));
    put(dir, 'device-userlist/pgbouncer.ini', INI_WITH_USERLIST);
    fs.symlinkSync('/dev/zero', path.join(dir, 'device-userlist/userlist.txt'));
    put(dir, 'binary-userlist/pgbouncer.ini', INI_WITH_USERLIST);
    put(dir, 'binary-userlist/userlist.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0xff, 0x0a, 0x22, 0x61]));
    const found = lines();
    assert.match(found.get('binary') ?? '', /skipped "binary\/pgbouncer\.ini": it is a binary file/);
    assert.match(found.get('cycle') ?? '', /error pgbouncer\/include-cycle include cycle: .*pgbouncer\.ini → .*more\.ini → .*pgbouncer\.ini/);
    assert.match(found.get('include-device') ?? '', /error pgbouncer\/include-missing could not load file "\/dev\/zero": not a regular file \(device\)/);
    assert.match(found.get('fifo-userlist') ?? '', /warning pgbouncer\/auth-file-broken cannot read auth_file userlist\.txt: not a regular file \(FIFO\)/);
    assert.match(found.get('device-userlist') ?? '', /warning pgbouncer\/auth-file-broken cannot read auth_file userlist\.txt: not a regular file \(device\)/);
    assert.match(found.get('binary-userlist') ?? '', /warning pgbouncer\/auth-file-broken broken auth file\. .*userlist\.txt line 1/);
  });
});
