/**
 * SKIP by major on a real server (embedded PostgreSQL 13): the server has no ALTER SUBSCRIPTION … SKIP before 15
 * (its parser refuses the word), and our action refuses first with what to do instead — the tree's Skip and
 * `pgha subscription … skip` share it. Enable, disable and refresh exist there and reach the server.
 */
import * as assert from 'assert';
import type { Client } from 'pg';
import { actOnSubscription } from '../../../cluster/logical/subscriptions';
import { embeddedPostgresMissing, makeDataDir, removeDataDir, startServer, type RunningServer } from '../../../scripts/pg/embedded';
import { requirePart } from '../../support/parts';

describe('subscription actions by major on a real PostgreSQL 13', function () {
  this.timeout(120_000);
  let server: RunningServer | undefined;
  let client: Client;
  let dir = '';

  before(async function () {
    requirePart(this, 'embedded PostgreSQL 13', embeddedPostgresMissing(13));
    dir = makeDataDir(13);
    server = await startServer(13, dir);
    client = await server.connect();
  });
  after(async () => {
    await client?.end().catch(() => undefined);
    await server?.stop();
    if (dir) removeDataDir(dir);
  });

  it('refuses SKIP before 15 as the server would, saying what to do instead', async () => {
    await assert.rejects(client.query("ALTER SUBSCRIPTION s SKIP (lsn = '0/1')"), /^error: syntax error at or near "SKIP"$/);
    await assert.rejects(actOnSubscription(client, 's', 'skip', { lsn: '0/1', major: 13 }), /exists from PostgreSQL 15 on; on 13, advance the origin with pg_replication_origin_advance\(\) or remove the conflicting row/);
  });

  it('sends enable, disable and refresh, which 13 has (the server answers for the missing subscription)', async () => {
    for (const action of ['enable', 'disable', 'refresh'] as const) {
      await assert.rejects(actOnSubscription(client, 's', action, { major: 13 }), /^error: subscription "s" does not exist$/, action);
    }
  });
});
