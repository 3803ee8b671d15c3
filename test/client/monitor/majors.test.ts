import * as assert from 'assert';
import { Monitor } from '../../../client/src/monitor/monitor';
import { embeddedPostgresMissing, makeDataDir, removeDataDir, startServer, type RunningServer } from '../../../scripts/pg/embedded';
import { requirePart } from '../../support/parts';

/** The monitor's SQL on every supported major (13–18), on a single embedded server: columns that differ by major. */
for (const major of [13, 14, 15, 16, 17, 18] as const) {
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
        assert.deepStrictEqual(node.publications, ['everything']);
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
