/**
 * One native server (PostgreSQL 17, and 16 for the wrong-major case) through what goes wrong and what users
 * watch: a port already taken, a setting the server rejects, a data folder of another major, a stale
 * postmaster.pid, a server killed behind pgha's back; logs followed live, lifecycle events, psql.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { loadTopology } from '../../../../cluster/runtime/topologySource';
import { createNativeRuntime } from '../../../../cluster/runtime/native/index';
import { onPath } from '../../../../cluster/runtime/native/exec';
import type { ClusterRuntime, RuntimeEvent } from '../../../../cluster/runtime/types';
import { requirePart } from '../../../support/parts';
import { waitFor } from '../../../support/waitFor';
import { freePorts, nativeWhy, postmastersUnder, tempDir } from './nativeSupport';

function singleNode(dir: string, port: number, major: number, command = ''): string {
  const file = path.join(dir, 'compose.yaml');
  const lines = ['name: single', 'services:', '  db:', `    image: postgres:${major}`, '    environment: { POSTGRES_PASSWORD: pw, POSTGRES_INITDB_ARGS: --no-sync }', `    ports: ["127.0.0.1:${port}:5432"]`];
  fs.writeFileSync(file, [...lines, ...(command ? [`    command: ${command}`] : []), ''].join('\n'));
  return file;
}

describe('native runtime: one node, what goes wrong and what users watch', function () {
  this.timeout(180_000);
  let dir = '';
  let port = 0;
  let runtime: ClusterRuntime;

  before(async function () {
    requirePart(this, 'native PostgreSQL 16 and 17', nativeWhy(17) ?? nativeWhy(16));
    dir = tempDir('lifecycle');
    port = await freePorts(1);
    runtime = createNativeRuntime({ registryFile: path.join(dir, 'registry.json'), pollIntervalMs: 100 });
  });

  after(async () => {
    if (!dir) return;
    await runtime.down('single', { volumes: true }).catch(() => undefined);
    assert.deepStrictEqual(postmastersUnder(dir), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a port already taken before creating anything', async () => {
    const blocker = net.createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      await assert.rejects(runtime.up(loadTopology(singleNode(dir, port, 17)), {}), (error: Error & { code?: string }) => {
        assert.strictEqual(error.code, 'port-busy');
        assert.match(error.message, new RegExp(`port ${port} on 127\\.0\\.0\\.1 \\(service db, held by node \\(PID ${process.pid}\\)\\) is already in use by another program\\. Nothing was created\\.`));
        return true;
      });
    } finally {
      blocker.close();
    }
    assert.strictEqual(fs.existsSync(path.join(dir, '.pgha')), false);
  });

  it('reports a setting the server rejects with the log line that says so, and leaves nothing', async () => {
    const topology = loadTopology(singleNode(dir, port, 17, '["postgres", "-c", "shared_buffers=lots"]'));
    await assert.rejects(runtime.up(topology, {}), /: FATAL: invalid value for parameter "shared_buffers": "lots".* — PostgreSQL exited while starting\. Its log: .*postgres\.log$/);
    assert.deepStrictEqual(postmastersUnder(dir), []);
    assert.strictEqual(fs.existsSync(path.join(dir, '.pgha')), false);
  });

  it('refuses a data folder made by another major', async () => {
    await runtime.up(loadTopology(singleNode(dir, port, 16)), {});
    const down = await runtime.down('single', {});
    assert.deepStrictEqual(down.kept, [`db: data kept in ${path.join(dir, '.pgha', 'single', 'db', 'data')} (pgha down --volumes removes it)`]);
    await assert.rejects(runtime.up(loadTopology(singleNode(dir, port, 17)), {}), /db: the data folder .* was made by PostgreSQL 16, but the service runs 17\. Use image postgres:16 again, or remove the old data \(pgha down --volumes\)/);
    await runtime.down('single', { volumes: true, composeFile: path.join(dir, 'compose.yaml') });
    assert.strictEqual(fs.existsSync(path.join(dir, '.pgha')), false);
  });

  it('starts over a stale postmaster.pid and shows a server killed behind its back as dead, with its log', async () => {
    await runtime.up(loadTopology(singleNode(dir, port, 17)), {});
    assert.strictEqual(await runtime.stop('single'), 1);
    const dataDir = path.join(dir, '.pgha', 'single', 'db', 'data');
    fs.writeFileSync(path.join(dataDir, 'postmaster.pid'), `999999\n${dataDir}\n`);
    const notes: string[] = [];
    assert.strictEqual(await runtime.start('single', { onProgress: (m) => notes.push(m) }), 1);
    assert.ok(notes.includes('db: removed a stale postmaster.pid (PID 999999 is not a server of this data folder)'), notes.join('\n'));
    const [pid] = postmastersUnder(dir);
    process.kill(pid, 'SIGKILL');
    const [node] = await waitFor(async () => {
      const nodes = await runtime.list('single');
      return nodes[0]?.lifecycle === 'dead' && nodes;
    }, 'db to show as dead');
    assert.match(node.status, /^exited unexpectedly: /);
    await runtime.nodeAction('single/db', 'start');
    assert.strictEqual((await runtime.list('single'))[0].lifecycle, 'running');
  });

  it('follows the log live and reports lifecycle events', async () => {
    const events: RuntimeEvent[] = [];
    const watching = runtime.events((e) => events.push(e));
    const lines: string[] = [];
    const controller = new AbortController();
    const following = runtime.logs('single/db', { follow: true, tail: 2, onLine: (l) => lines.push(l), signal: controller.signal });
    try {
      await runtime.nodeAction('single/db', 'restart');
      await waitFor(() => lines.some((l) => /database system is ready to accept connections/.test(l)) && events.some((e) => e.service === 'db' && e.action === 'running'), 'the restart in the log and the events', 30_000);
      assert.ok(events.every((e) => e.project === 'single'), JSON.stringify(events));
    } finally {
      controller.abort();
      watching.dispose();
    }
    await following;
  });

  it('opens psql on the node when one is on PATH, and says how to get one otherwise', async () => {
    if (!onPath('psql')) {
      await assert.rejects(runtime.exec('single/db', ['psql', '-U', 'postgres']), /psql is not on PATH, and the native PostgreSQL packages do not include it\. Install a PostgreSQL client/);
      return;
    }
    const session = await runtime.exec('single/db', ['psql', '-U', 'postgres', '-d', 'postgres'], { PGPASSWORD: 'pw', PAGER: 'cat' });
    let output = '';
    session.onData((data) => (output += data));
    const exited = new Promise<number>((resolve) => session.onExit(resolve));
    session.write('SELECT 40 + 2 AS answer;\n\\q\n');
    assert.strictEqual(await exited, 0);
    assert.match(output, /\b42\b/);
  });
});
