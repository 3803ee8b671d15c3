/** Our test images honour the official postgres image contract (scripts/images/entrypoint.sh). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import type Docker from 'dockerode';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { demuxText } from '../../../cluster/runtime/docker/probes';
import { debianMirror, imageMapValue, testImageTag } from '../../../scripts/images/build';
import { dockerWhy, freePorts, imagesWhy, tempDir } from '../../cluster/runtime/docker/dockerSupport';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';

const engine = connectEngine();

describe('scripts/images', () => {
  it('maps official names (plain, -alpine, Debian suites) onto the test tags', () => {
    const map = imageMapValue([13, 17]).split(',');
    assert.ok(map.includes('postgres:13=pgha-test/postgres:13'));
    assert.ok(map.includes('postgres:13-alpine=pgha-test/postgres:13'));
    assert.ok(map.includes('postgres:17-trixie=pgha-test/postgres:17'));
    assert.ok(!map.some((m) => m.startsWith('postgres:15')));
    // The machine's apt mirror when it names one; otherwise debootstrap picks its own (undefined).
    assert.match(debianMirror() ?? 'http://default/debian', /^https?:\/\/\S+\/debian$/);
  });
});

describe('test image entrypoint (official postgres contract)', function () {
  this.timeout(120_000);
  const containers: Docker.Container[] = [];
  let dir: string;

  before(async function () {
    requirePart(this, 'docker', await dockerWhy(engine));
    requirePart(this, 'test images', await imagesWhy(engine, [15]));
    dir = tempDir('entrypoint');
  });
  after(async () => {
    for (const c of containers) await c.remove({ force: true, v: true }).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function run(env: string[], cmd: string[] | undefined, binds: string[] = []): Promise<{ container: Docker.Container; port: number }> {
    const port = await freePorts(1);
    const container = await engine.docker.createContainer({
      Image: testImageTag(15),
      Env: env,
      Cmd: cmd,
      ExposedPorts: { '5432/tcp': {} },
      HostConfig: { PortBindings: { '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] }, Binds: binds },
      Labels: { 'pgha.test': 'entrypoint' },
    });
    containers.push(container);
    await container.start();
    return { container, port };
  }

  it('initialises with POSTGRES_USER/DB, *_FILE, init scripts, a "-c" command, and runs as postgres', async () => {
    const init = path.join(dir, 'init');
    fs.mkdirSync(init);
    fs.writeFileSync(path.join(init, '10-table.sql'), 'CREATE TABLE from_init(note text); INSERT INTO from_init VALUES (current_user);\n');
    fs.writeFileSync(path.join(init, '20-env.sh'), 'psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "INSERT INTO from_init VALUES (\'sh:$(id -un)\')"\n');
    fs.writeFileSync(path.join(dir, 'password'), 's3cret\n');
    const { container, port } = await run(
      ['POSTGRES_USER=owner', 'POSTGRES_DB=app', 'POSTGRES_PASSWORD_FILE=/run/secrets/pw', 'POSTGRES_INITDB_ARGS=--data-checksums'],
      ['-c', 'shared_buffers=16MB'],
      [`${init}:/docker-entrypoint-initdb.d:ro`, `${path.join(dir, 'password')}:/run/secrets/pw:ro`],
    );
    const client = await waitFor(async () => {
      const c = new Client({ host: '127.0.0.1', port, user: 'owner', password: 's3cret', database: 'app', connectionTimeoutMillis: 1000 });
      c.on('error', () => undefined);
      await c.connect();
      return c;
    }, 'the server to accept owner@app', 60_000, 200);
    try {
      const rows = (await client.query("select note, current_setting('shared_buffers') as sb, current_setting('data_checksums') as dc from from_init order by note")).rows;
      assert.deepEqual(rows.map((r) => r.note), ['owner', 'sh:postgres']);
      assert.equal(rows[0].sb, '16MB');
      assert.equal(rows[0].dc, 'on');
    } finally {
      await client.end();
    }
    const exec = await container.exec({ Cmd: ['bash', '-c', 'stat -c %U /proc/1; command -v pg_basebackup pg_rewind pg_isready psql'], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({});
    let output = '';
    await new Promise<void>((resolve) => {
      stream.on('data', (c: Buffer) => (output += demuxText(c)));
      stream.on('end', resolve);
    });
    assert.match(output, /^postgres\n/);
    for (const tool of ['pg_basebackup', 'pg_rewind', 'pg_isready', 'psql']) assert.match(output, new RegExp(`/${tool}\\n`));
  });

  it('refuses to initialise without a password unless POSTGRES_HOST_AUTH_METHOD=trust', async () => {
    const { container } = await run([], undefined);
    const exit = (await container.wait()) as { StatusCode: number };
    assert.notEqual(exit.StatusCode, 0);
    const log = demuxText((await container.logs({ stdout: true, stderr: true })) as unknown as Buffer);
    assert.match(log, /no superuser password is set\. Set POSTGRES_PASSWORD/);

    const trusted = await run(['POSTGRES_HOST_AUTH_METHOD=trust'], ['postgres', '-c', 'max_connections=20']);
    await waitFor(async () => {
      const c = new Client({ host: '127.0.0.1', port: trusted.port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 1000 });
      c.on('error', () => undefined);
      await c.connect();
      const value = (await c.query("select current_setting('max_connections') as v")).rows[0].v;
      await c.end();
      return value === '20';
    }, 'a trust server with max_connections=20', 60_000, 200);
  });
});
