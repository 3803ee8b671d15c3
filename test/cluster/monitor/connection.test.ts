/**
 * The monitor keeps one connection per node (the server logs one connection, not one per refresh), reconnects when
 * it is dropped, and waits (bounded, doubling) before trying again a server that refused — on a real server with
 * log_connections on, counting what its log says.
 */
import * as assert from 'assert';
import { Monitor } from '../../../cluster/monitor/monitor';
import type { NodeTarget } from '../../../cluster/monitor/types';
import { embeddedPostgresMissing, makeDataDir, removeDataDir, startServer, type RunningServer } from '../../../scripts/pg/embedded';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';

const MAJOR = 17;
const count = (text: string, pattern: RegExp): number => text.split('\n').filter((l) => pattern.test(l)).length;

describe('monitor/NodeConnection on a real server (log_connections = on)', function () {
  this.timeout(120_000);
  let dataDir: string | undefined;
  let server: RunningServer;
  const target = (database = 'postgres'): NodeTarget => ({ service: 'db', host: '127.0.0.1', port: server.port, user: 'postgres', password: 'unused', database, aliases: ['db'] });

  before(async function () {
    requirePart(this, `embedded PostgreSQL ${MAJOR}`, embeddedPostgresMissing(MAJOR));
    dataDir = makeDataDir(MAJOR);
    server = await startServer(MAJOR, dataDir, { settings: { log_connections: 'on' } });
  });

  after(async () => {
    await server?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('opens one connection for twenty refreshes, and opens a new one after the server drops it', async () => {
    const monitor = new Monitor([target()]);
    const authorizedBefore = count(server.log(), /connection authorized: .*application_name=pgha-monitor/);
    try {
      for (let i = 0; i < 20; i++) assert.strictEqual((await monitor.refresh()).nodes[0].state, 'up');
      assert.deepStrictEqual(monitor.connectionsOpened(), { db: 1 });
      assert.strictEqual(count(server.log(), /connection authorized: .*application_name=pgha-monitor/) - authorizedBefore, 1);
      const admin = await server.connect();
      try {
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pgha-monitor'");
      } finally {
        await admin.end();
      }
      await waitFor(async () => (await monitor.refresh()).nodes[0].state === 'up' && monitor.connectionsOpened().db === 2, 'the monitor to reconnect', 10_000);
      for (let i = 0; i < 5; i++) await monitor.refresh();
      assert.deepStrictEqual(monitor.connectionsOpened(), { db: 2 });
    } finally {
      await monitor.dispose();
    }
  });

  it('does not knock again at every refresh after a refusal: backoff, and retryNow() to try at once', async () => {
    const monitor = new Monitor([target('no_such_db')], { probe: { connectTimeoutMs: 2000, queryTimeoutMs: 2000, backoffMs: 60_000 } });
    const refusedBefore = count(server.log(), /database "no_such_db" does not exist/);
    try {
      for (let i = 0; i < 10; i++) assert.strictEqual((await monitor.refresh()).nodes[0].state, 'database missing');
      assert.deepStrictEqual(monitor.connectionsOpened(), { db: 1 });
      monitor.retryNow();
      assert.strictEqual((await monitor.refresh()).nodes[0].state, 'database missing');
      assert.deepStrictEqual(monitor.connectionsOpened(), { db: 2 });
      await waitFor(() => count(server.log(), /database "no_such_db" does not exist/) - refusedBefore === 2, 'two refusals in the server log', 5_000);
    } finally {
      await monitor.dispose();
    }
  });
});
