import * as assert from 'assert';
import { Monitor } from '../../../cluster/monitor/monitor';
import { MAJORS } from '../../../core/majors';
import { embeddedPostgresMissing, makeDataDir, removeDataDir, startServer, type RunningServer } from '../../../scripts/pg/embedded';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';

/** The monitor's SQL on every supported major (core/majors.ts), on a single embedded server: columns that differ by major. */
for (const major of MAJORS) {
  describe(`monitor SQL on embedded PostgreSQL ${major}`, function () {
    this.timeout(60_000);
    let server: RunningServer | undefined;
    let dataDir: string | undefined;

    before(async function () {
      requirePart(this, `embedded PostgreSQL ${major}`, embeddedPostgresMissing(major));
      dataDir = makeDataDir(major);
      server = await startServer(major, dataDir, { settings: { wal_level: 'logical', max_wal_senders: '4', max_replication_slots: '4' } });
      const client = await server.connect();
      try {
        await client.query(`SELECT pg_create_physical_replication_slot('parked', true)`);
        await client.query('CREATE PUBLICATION everything FOR ALL TABLES');
      } finally {
        await client.end();
      }
    });

    after(async () => {
      await server?.stop();
      if (dataDir) removeDataDir(dataDir);
    });

    it('reads role, timeline, LSN, slots (wal_status, retained bytes, inactive_since on 17+), publications', async () => {
      const monitor = new Monitor([{ service: 'solo', host: '127.0.0.1', port: server!.port, user: 'postgres', database: 'postgres', password: '', aliases: [] }]);
      try {
        const snapshot = await monitor.refresh();
        const node = snapshot.nodes[0];
        assert.strictEqual(node.state, 'up', node.detail);
        assert.strictEqual(node.role, 'primary');
        assert.strictEqual(node.major, major);
        assert.strictEqual(node.timeline, 1);
        assert.match(node.lsn ?? '', /^[0-9A-F]+\/[0-9A-F]+$/);
        assert.strictEqual(node.walReceiver, undefined);
        assert.deepStrictEqual(node.publications, [{ name: 'everything', allTables: true, tables: 0 }]);
        assert.strictEqual(node.archiver?.mode, 'off');
        const slot = node.slots[0];
        assert.deepStrictEqual([slot.name, slot.type, slot.active, slot.walStatus], ['parked', 'physical', false, 'reserved']);
        assert.ok((slot.retainedBytes ?? -1) >= 0);
        assert.strictEqual(slot.inactiveSince === null, major < 17, `inactive_since ${slot.inactiveSince}`);
        assert.ok(node.problems.some((p) => p.startsWith('slot parked inactive, holding')));
      } finally {
        await monitor.dispose();
      }
    });
  });
}

describe('monitor on embedded PostgreSQL 17: logical replication (publication → subscription)', function () {
  this.timeout(60_000);
  const servers: RunningServer[] = [];
  const dirs: string[] = [];

  before(async function () {
    requirePart(this, 'embedded PostgreSQL 17', embeddedPostgresMissing(17));
    for (let i = 0; i < 2; i++) {
      dirs.push(makeDataDir(17));
      servers.push(await startServer(17, dirs[i], { settings: { wal_level: 'logical', max_wal_senders: '4', max_replication_slots: '4' } }));
    }
  });

  after(async () => {
    for (const server of servers.reverse()) await server.stop();
    for (const dir of dirs) removeDataDir(dir);
  });

  it('lists the publication on the source and the running subscription on the target', async () => {
    const [source, target] = servers;
    const a = await source.connect();
    const b = await target.connect();
    try {
      await a.query('CREATE TABLE items (id int PRIMARY KEY)');
      await a.query('CREATE PUBLICATION items_pub FOR TABLE items');
      await b.query('CREATE TABLE items (id int PRIMARY KEY)');
      await b.query(`CREATE SUBSCRIPTION items_sub CONNECTION 'host=127.0.0.1 port=${source.port} user=postgres dbname=postgres' PUBLICATION items_pub`);
    } finally {
      await a.end();
      await b.end();
    }
    const monitor = new Monitor([
      { service: 'source', host: '127.0.0.1', port: source.port, user: 'postgres', database: 'postgres', password: '', aliases: [] },
      { service: 'target', host: '127.0.0.1', port: target.port, user: 'postgres', database: 'postgres', password: '', aliases: [] },
    ]);
    try {
      const snapshot = await waitFor(async () => {
        const s = await monitor.refresh();
        return s.nodes[1].subscriptions.some((sub) => sub.name === 'items_sub' && sub.pid !== null && sub.receivedLsn !== null) && s;
      }, 'the subscription worker to receive', 30_000, 200);
      assert.deepStrictEqual(snapshot.nodes[0].publications, [{ name: 'items_pub', allTables: false, tables: 1 }]);
      assert.ok(snapshot.nodes[0].slots.some((slot) => slot.name === 'items_sub' && slot.type === 'logical'));
      assert.ok(snapshot.nodes[0].replication.some((r) => r.applicationName === 'items_sub'));
      assert.ok(!snapshot.problems.some((p) => p.startsWith('split brain')), 'two independent primaries are not split brain');
    } finally {
      await monitor.dispose();
      const c = await target.connect();
      await c.query('DROP SUBSCRIPTION items_sub').catch(() => undefined);
      await c.end();
    }
  });
});
