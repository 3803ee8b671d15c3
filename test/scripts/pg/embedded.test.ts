import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  EMBEDDED_VERSIONS,
  cacheDir,
  embeddedPostgresMissing,
  ensureEmbeddedPostgres,
  makeDataDir,
  postgresUser,
  removeDataDir,
  runPostgres,
  startServer,
} from '../../../scripts/pg/embedded';
import { MAJORS } from '../../../core/majors';
import { requirePart } from '../../support/parts';

describe('scripts/pg/embedded', function () {
  this.timeout(60_000);
  const major = 16;
  let dataDir: string | undefined;

  before(function () {
    requirePart(this, 'embedded PostgreSQL', embeddedPostgresMissing(major));
  });

  after(() => {
    if (dataDir) removeDataDir(dataDir);
  });

  it('pins a prerelease package version per major', () => {
    assert.deepStrictEqual(Object.keys(EMBEDDED_VERSIONS), MAJORS.map(String));
    for (const [major, version] of Object.entries(EMBEDDED_VERSIONS)) assert.match(version, new RegExp(`^${major}\\.\\d+\\.0-beta\\.\\d+$`));
  });

  it('honours PGHA_CACHE', () => {
    const saved = process.env.PGHA_CACHE;
    try {
      process.env.PGHA_CACHE = '/tmp/somewhere-else';
      assert.strictEqual(cacheDir(), '/tmp/somewhere-else');
    } finally {
      if (saved === undefined) delete process.env.PGHA_CACHE;
      else process.env.PGHA_CACHE = saved;
    }
  });

  it('ensureEmbeddedPostgres is a fast no-op when installed', () => {
    const started = Date.now();
    const installed = ensureEmbeddedPostgres(major);
    assert.ok(Date.now() - started < 1000);
    assert.strictEqual(installed.version, EMBEDDED_VERSIONS[major]);
    assert.ok(fs.existsSync(path.join(installed.binDir, 'postgres')));
    assert.ok(fs.existsSync(path.join(installed.shareDir, 'postgresql.conf.sample')));
  });

  it('makeDataDir runs initdb as the postgres user and `-C shared_buffers` answers', () => {
    dataDir = makeDataDir(major);
    assert.ok(fs.existsSync(path.join(dataDir, 'PG_VERSION')));
    assert.strictEqual(fs.readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim(), String(major));
    const user = postgresUser();
    if (user) assert.strictEqual(fs.statSync(dataDir).uid, user.uid);
    const result = runPostgres(major, ['-C', 'shared_buffers'], { dataDir });
    assert.strictEqual(result.status, 0, result.stderr);
    assert.strictEqual(result.stdout.trim(), '16384');
  });

  it('runPostgres reports a bad value the way PostgreSQL does', () => {
    assert.ok(dataDir);
    const result = runPostgres(major, ['-C', 'wal_level', '-c', 'wal_level=bogus'], { dataDir });
    assert.notStrictEqual(result.status, 0);
    assert.match(result.stderr, /invalid value for parameter "wal_level"/);
  });

  it('startServer listens on 127.0.0.1 and stops cleanly', async () => {
    assert.ok(dataDir);
    const server = await startServer(major, dataDir);
    try {
      const client = await server.connect();
      try {
        const { rows } = await client.query<{ listen: string; version: string }>(
          "SELECT current_setting('listen_addresses') AS listen, current_setting('server_version') AS version",
        );
        assert.strictEqual(rows[0].listen, '127.0.0.1');
        assert.match(rows[0].version, /^16\./);
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
    }
    assert.ok(!fs.existsSync(server.socketDir));
    assert.ok(!fs.existsSync(path.join(dataDir, 'postmaster.pid')));
  });
});
