/**
 * Logical replication on real PostgreSQL (embedded 13, 15 and 17): 13 → 17 like an upgrade rehearsal, watched by
 * the monitor until every table is ready; a disabled subscription's slot holding WAL on the publisher; the
 * replica-identity error our rule predicts; a conflicting row, the worker's error, and SKIP at the logged LSN.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../cli/main';
import type { Client } from 'pg';
import { lastSubscriptionError } from '../../../cluster/logical/lastErrors';
import { actOnSubscription, failingTransaction } from '../../../cluster/logical/subscriptions';
import { lsnDistance } from '../../../cluster/monitor/lsn';
import { Monitor } from '../../../cluster/monitor/monitor';
import type { ClusterSnapshot } from '../../../cluster/monitor/types';
import { noIdentityServerMessage } from '../../../language/formats/compose/rules/logical';
import { embeddedPostgresMissing, makeDataDir, removeDataDir, startServer, type Major, type RunningServer } from '../../../scripts/pg/embedded';
import { capture } from '../../support/cli';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';

const LOGICAL = { wal_level: 'logical', max_wal_senders: '8', max_replication_slots: '8', wal_retrieve_retry_interval: '200ms' };

describe('logical replication on embedded PostgreSQL 13/15 → 17, through the monitor', function () {
  this.timeout(180_000);
  const servers = new Map<string, RunningServer>();
  const dirs: string[] = [];
  const clients: Client[] = [];
  let monitor: Monitor;

  const start = async (name: string, major: Major) => {
    const dir = makeDataDir(major);
    dirs.push(dir);
    servers.set(name, await startServer(major, dir, { settings: LOGICAL }));
  };
  const sql = async (name: string) => {
    const client = await servers.get(name)!.connect();
    clients.push(client);
    return client;
  };
  const node = (snapshot: ClusterSnapshot, name: string) => snapshot.nodes.find((n) => n.service === name)!;

  before(async function () {
    for (const major of [13, 15, 17] as const) requirePart(this, `embedded PostgreSQL ${major}`, embeddedPostgresMissing(major));
    await start('pub13', 13);
    await start('pub15', 15);
    await start('sub17', 17);
    monitor = new Monitor([...servers].map(([service, s]) => ({ service, host: '127.0.0.1', port: s.port, user: 'postgres', database: 'postgres', password: '', aliases: [] })));
  });

  after(async () => {
    await monitor?.dispose();
    for (const client of clients) await client.end().catch(() => undefined);
    const sub = servers.get('sub17');
    if (sub) {
      const c = await sub.connect();
      for (const name of ['upgrade', 'orders']) await c.query(`DROP SUBSCRIPTION IF EXISTS ${name}`).catch(() => undefined);
      await c.end();
    }
    for (const server of servers.values()) await server.stop();
    for (const dir of dirs) removeDataDir(dir);
  });

  it('replicates 13 → 17: every table ready, rows arrive, the receive position reaches the publisher', async () => {
    const pub = await sql('pub13');
    const sub = await sql('sub17');
    for (const c of [pub, sub]) await c.query('CREATE TABLE items (id int PRIMARY KEY, note text); CREATE TABLE events (at timestamptz, body text)');
    await pub.query("INSERT INTO items SELECT g, 'before' FROM generate_series(1, 100) g");
    await pub.query('CREATE PUBLICATION upgrade FOR TABLE items, events');
    await sub.query(`CREATE SUBSCRIPTION upgrade CONNECTION 'host=127.0.0.1 port=${servers.get('pub13')!.port} user=postgres dbname=postgres' PUBLICATION upgrade`);
    await pub.query("INSERT INTO items SELECT g, 'after' FROM generate_series(101, 150) g");
    const snapshot = await waitFor(async () => {
      const s = await monitor.refresh();
      const subscription = node(s, 'sub17').subscriptions.find((x) => x.name === 'upgrade');
      return subscription?.tables.ready === 2 && subscription.pid !== null && s;
    }, 'both tables of the subscription to be ready', 60_000, 200);
    const subscription = node(snapshot, 'sub17').subscriptions[0];
    assert.deepStrictEqual(subscription.tables, { ready: 2 });
    assert.deepStrictEqual(node(snapshot, 'pub13').publications, [{ name: 'upgrade', allTables: false, tables: 2 }]);
    await waitFor(async () => Number((await sub.query('SELECT count(*) FROM items')).rows[0].count) === 150, 'the 150 rows on the subscriber', 30_000, 200);
    // The lag drains: what the subscription received catches up with the publisher's position.
    await waitFor(async () => {
      const s = await monitor.refresh();
      return lsnDistance(node(s, 'pub13').lsn ?? null, node(s, 'sub17').subscriptions[0].receivedLsn) === 0;
    }, 'the received position to reach the publisher', 30_000, 200);
  });

  it('refuses an UPDATE of a published table without replica identity with the message our rule predicts', async () => {
    const pub = await sql('pub13');
    await pub.query("INSERT INTO events VALUES (now(), 'x')");
    await assert.rejects(pub.query("UPDATE events SET body = 'y'"), (error: Error) => {
      assert.strictEqual(error.message, noIdentityServerMessage('events', 'update'));
      return true;
    });
  });

  it('shows a disabled subscription, and its slot on the publisher holding more WAL as writes go on', async () => {
    const sub = await sql('sub17');
    const pub = await sql('pub13');
    await actOnSubscription(sub, 'upgrade', 'disable', { major: 17 });
    const retained = async () => {
      const s = await monitor.refresh();
      const slot = node(s, 'pub13').slots.find((x) => x.name === 'upgrade');
      return { s, slot };
    };
    const first = await waitFor(async () => {
      const r = await retained();
      return r.slot && !r.slot.active && r;
    }, 'the slot to go inactive', 30_000, 200);
    assert.ok(node(first.s, 'sub17').problems.some((p) => p.startsWith('subscription upgrade disabled')), node(first.s, 'sub17').problems.join('; '));
    await pub.query("INSERT INTO items SELECT g, repeat('w', 500) FROM generate_series(1000, 3000) g");
    const second = await retained();
    assert.ok((second.slot?.retainedBytes ?? 0) > (first.slot!.retainedBytes ?? 0), `${first.slot!.retainedBytes} → ${second.slot?.retainedBytes}`);
    await actOnSubscription(sub, 'upgrade', 'enable', { major: 17 });
  });

  it('shows a conflicting insert failing with PostgreSQL’s message, and goes on after SKIP at the logged LSN (15 → 17)', async () => {
    const pub = await sql('pub15');
    const sub = await sql('sub17');
    for (const c of [pub, sub]) await c.query('CREATE TABLE orders (id int PRIMARY KEY, who text)');
    await pub.query('CREATE PUBLICATION orders FOR TABLE orders');
    await sub.query(`CREATE SUBSCRIPTION orders CONNECTION 'host=127.0.0.1 port=${servers.get('pub15')!.port} user=postgres dbname=postgres' PUBLICATION orders WITH (disable_on_error = true)`);
    await waitFor(async () => node(await monitor.refresh(), 'sub17').subscriptions.find((x) => x.name === 'orders')?.tables.ready === 1, 'orders ready', 60_000, 200);
    await sub.query("INSERT INTO orders VALUES (7, 'local')");
    await pub.query("INSERT INTO orders VALUES (7, 'remote')");
    const failed = await waitFor(async () => {
      const subscription = node(await monitor.refresh(), 'sub17').subscriptions.find((x) => x.name === 'orders');
      return subscription && !subscription.enabled && (subscription.applyErrors ?? 0) > 0 && subscription;
    }, 'the subscription to stop on the conflict', 60_000, 200);
    assert.ok(failed.applyErrors! >= 1);
    const failing = failingTransaction(servers.get('sub17')!.log(), 'orders');
    assert.ok(failing, servers.get('sub17')!.log().slice(-2000));
    assert.match(failing.error ?? '', /^duplicate key value violates unique constraint "orders_pkey"/);
    assert.strictEqual(failing.relation, 'public.orders');
    assert.strictEqual(lastSubscriptionError(servers.get('sub17')!.log(), 'orders'), failing.error, 'the error the tree and pgha status show');
    // Through the CLI, as a user would: a compose file whose service publishes the subscriber's port.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-logical-'));
    const port = servers.get('sub17')!.port;
    fs.writeFileSync(path.join(dir, 'compose.yaml'), `services:\n  sub17:\n    image: postgres:17\n    environment: { POSTGRES_PASSWORD: unused }\n    ports: ["127.0.0.1:${port}:5432"]\n`);
    const io = capture(dir);
    assert.strictEqual(await main(['subscription', 'compose.yaml', 'sub17', 'orders', 'skip', '--lsn', failing.lsn], io), 0, io.stderr());
    assert.strictEqual(io.stdout(), `sub17: subscription "orders" skips the transaction finishing at ${failing.lsn}\n`);
    assert.strictEqual(await main(['subscription', 'compose.yaml', 'sub17', 'orders', 'enable'], io), 0, io.stderr());
    assert.strictEqual(await main(['subscription', 'compose.yaml', 'sub17', 'orders', 'rewind'], io), 2);
    fs.rmSync(dir, { recursive: true, force: true });
    await pub.query("INSERT INTO orders VALUES (8, 'remote')");
    await waitFor(async () => (await sub.query('SELECT who FROM orders WHERE id = 8')).rows[0]?.who === 'remote', 'the next row after the skipped one', 60_000, 200);
    assert.strictEqual((await sub.query('SELECT who FROM orders WHERE id = 7')).rows[0].who, 'local');
  });
});
