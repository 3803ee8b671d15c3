/** `pgha check` as a process on hostile files: every one refused or checked with a reason, never a hang or a crash. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { includeFanOut } from '../../scripts/bench/hostile/inputs';
import { mkfifo, pghaCheck, put, sparse, symlinkLoop, type CheckRun } from './files';
import { suiteTempDir } from '../support/tempDir';

/** The run finished by itself (not killed by the timeout) with this status. */
function exited(run: CheckRun, status: number): void {
  assert.equal(run.signal, null, `pgha check was killed (it blocked); stderr: ${run.stderr}`);
  assert.equal(run.status, status, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
}

describe('hostile: pgha check (real process)', function () {
  this.timeout(180_000);
  let dir: string;
  suiteTempDir('pgha-hostile-cli-', (made) => (dir = made));

  describe('a file on the command line', () => {
    it('refuses a FIFO at once, naming it', () => {
      mkfifo(path.join(dir, 'postgresql.conf'));
      const run = pghaCheck(['postgresql.conf'], dir);
      exited(run, 1);
      assert.match(run.stderr, /cannot check "postgresql\.conf": not a regular file \(FIFO\)/);
    });

    it('refuses /dev/zero (a device without end)', () => {
      const run = pghaCheck(['/dev/zero'], dir);
      exited(run, 1);
      assert.match(run.stderr, /cannot check "\/dev\/zero": not a regular file \(device\)/);
    });

    it('refuses a 17 MiB file, and a smaller one under PGHA_MAX_FILE_BYTES', () => {
      sparse(path.join(dir, 'huge.conf'), 17 * 1024 * 1024);
      const huge = pghaCheck(['huge.conf'], dir);
      exited(huge, 1);
      assert.match(huge.stderr, /cannot check "huge\.conf": larger than 16 MiB/);
      put(dir, 'small/postgresql.conf', 'work_mem = 4MB\n'.repeat(100));
      const limited = pghaCheck(['small/postgresql.conf'], dir, { PGHA_MAX_FILE_BYTES: '1000' });
      exited(limited, 1);
      assert.match(limited.stderr, /larger than 1000 bytes/);
    });

    it('says a symbolic-link loop is a loop', () => {
      symlinkLoop(dir, 'loop-a.conf', 'loop-b.conf');
      const run = pghaCheck(['loop-a.conf'], dir);
      exited(run, 2);
      assert.match(run.stderr, /cannot read "loop-a\.conf": a loop of symbolic links/);
    });

    it('searches a folder named like a file instead of reading it', () => {
      fs.mkdirSync(path.join(dir, 'folder/postgresql.conf'), { recursive: true });
      const run = pghaCheck(['folder/postgresql.conf'], dir);
      exited(run, 2);
      assert.match(run.stderr, /holds no file of a format pgha reads/);
    });

    it('skips a binary file, saying so', () => {
      put(dir, 'binary/postgresql.conf', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0xfe, 0, 1, 2, 3]));
      const run = pghaCheck(['binary/postgresql.conf'], dir);
      exited(run, 2);
      assert.match(run.stderr, /skipped "binary\/postgresql\.conf": it is a binary file/);
    });

    it('checks a postgresql.conf with bytes that are not UTF-8 like PostgreSQL (bytes, not text)', () => {
      put(dir, 'latin1/postgresql.conf', Buffer.concat([Buffer.from("application_name = 'caf"), Buffer.from([0xe9]), Buffer.from("'\nwork_mem = 4MB\n")]));
      exited(pghaCheck(['latin1/postgresql.conf'], dir), 0);
    });

    it('reports a compose file with bytes that are not UTF-8 as Compose does: refused, with file:line:col', () => {
      const bytes = Buffer.concat([Buffer.from('services:\n  db:\n    image: postgres:17.2\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/p'), Buffer.from([0xff]), Buffer.from('\n')]);
      put(dir, 'utf8/compose.yaml', bytes);
      const run = pghaCheck(['utf8/compose.yaml'], dir);
      exited(run, 1);
      assert.match(run.stdout, /utf8\/compose\.yaml:5:\d+ error compose\/yaml-syntax YAML: bytes that are not UTF-8/);
    });
  });

  describe('includes of postgresql.conf', () => {
    it('refuses an included FIFO, /dev/zero and a FIFO in an include_dir, each on its line', () => {
      const inc = path.join(dir, 'inc');
      fs.mkdirSync(path.join(inc, 'conf.d'), { recursive: true });
      mkfifo(path.join(inc, 'pipe.conf'));
      mkfifo(path.join(inc, 'conf.d', '10-pipe.conf'));
      put(inc, 'postgresql.conf', "include 'pipe.conf'\ninclude_if_exists '/dev/zero'\ninclude_dir 'conf.d'\n");
      const run = pghaCheck(['inc/postgresql.conf'], dir);
      exited(run, 1);
      assert.match(run.stdout, /postgresql\.conf:1:9 error pgconf\/include-refused .*not a regular file \(FIFO\)/);
      assert.match(run.stdout, /postgresql\.conf:2:\d+ error pgconf\/include-refused .*not a regular file \(device\)/);
      assert.match(run.stdout, /postgresql\.conf:3:\d+ error pgconf\/include-refused .*10-pipe\.conf.*FIFO/);
    });

    it('stops a 10 × 10 include fan-out at the file budget', () => {
      fs.mkdirSync(path.join(dir, 'fan'));
      includeFanOut(path.join(dir, 'fan'), 10, 10);
      const run = pghaCheck(['fan/postgresql.conf'], dir);
      exited(run, 0);
      assert.match(run.stdout, /warning pgconf\/include-budget more than 1000 included files/);
    });

    it('finds a cycle through a diamond, and an included symbolic-link loop', () => {
      const cyc = path.join(dir, 'cycle');
      put(cyc, 'postgresql.conf', "include 'b.conf'\ninclude 'c.conf'\ninclude 'loop-x.conf'\n");
      put(cyc, 'b.conf', "include 'd.conf'\n");
      put(cyc, 'c.conf', "include 'd.conf'\n");
      put(cyc, 'd.conf', "include 'postgresql.conf'\n");
      symlinkLoop(cyc, 'loop-x.conf', 'loop-y.conf');
      const run = pghaCheck(['cycle/postgresql.conf'], dir);
      exited(run, 1);
      assert.match(run.stdout, /postgresql\.conf:1:9 error pgconf\/include-cycle .*b\.conf → d\.conf → postgresql\.conf/);
      assert.match(run.stdout, /postgresql\.conf:3:9 error pgconf\/include-refused .*loop-x\.conf": Too many levels of symbolic links/);
    });

    it('reads a postgresql.conf whose folder holds a compose.yaml FIFO (read for the target major) without blocking', () => {
      const beside = path.join(dir, 'beside');
      put(beside, 'postgresql.conf', 'work_mem = 4MB\n');
      mkfifo(path.join(beside, 'compose.yaml'));
      exited(pghaCheck(['beside/postgresql.conf'], dir), 0);
    });
  });

  describe('files a compose file points at', () => {
    it('names each refused init script, env_file, mounted pg_hba.conf and .env with the reason', () => {
      const proj = path.join(dir, 'proj');
      fs.mkdirSync(path.join(proj, 'hba.d'), { recursive: true });
      mkfifo(path.join(proj, 'init.sql'));
      mkfifo(path.join(proj, '.env'));
      put(proj, 'compose.yaml', [
        'services:',
        '  db:',
        '    image: postgres:17.2',
        '    environment:',
        '      POSTGRES_PASSWORD_FILE: /run/secrets/pw',
        '    env_file: /dev/zero',
        '    volumes:',
        '      - ./init.sql:/docker-entrypoint-initdb.d/init.sql',
        '      - ./hba.d:/etc/postgresql/pg_hba.conf',
        '',
      ].join('\n'));
      const run = pghaCheck(['proj/compose.yaml'], dir);
      exited(run, 0);
      assert.match(run.stdout, /compose\.yaml:1:1 warning compose\/file-refused \.env .*FIFO/);
      assert.match(run.stdout, /compose\.yaml:6:\d+ warning compose\/file-refused .*dev\/zero \(env_file\): not a regular file \(device\)/);
      assert.match(run.stdout, /compose\.yaml:8:\d+ warning compose\/file-refused init\.sql \(init script .*\): not a regular file \(FIFO\)/);
      assert.match(run.stdout, /compose\.yaml:9:\d+ warning compose\/file-refused hba\.d \(mounted at \/etc\/postgresql\/pg_hba\.conf\): it is a directory/);
    });

    it('reports an alias of an anchor that does not exist, as Compose refuses it', () => {
      put(dir, 'alias/compose.yaml', 'services:\n  db:\n    <<: *missing\n    image: postgres:17.2\n');
      const run = pghaCheck(['alias/compose.yaml'], dir);
      exited(run, 1);
      assert.match(run.stdout, /compose\.yaml:3:9 error compose\/yaml-syntax YAML: unknown anchor "missing"/);
    });
  });
});
