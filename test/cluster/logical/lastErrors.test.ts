import * as assert from 'assert';
import { lastSubscriptionError, SubscriptionErrors } from '../../../cluster/logical/lastErrors';
import type { ClusterSnapshot, SubscriptionRow } from '../../../cluster/monitor/types';

// Lines as PostgreSQL 17 writes them to stderr (the container log), from the proof runs.
const LOG = [
  '2026-11-28 04:10:01.100 UTC [80] LOG:  logical replication apply worker for subscription "shop_sub" has started',
  '2026-11-28 04:10:02.200 UTC [80] ERROR:  duplicate key value violates unique constraint "customers_pkey"',
  '2026-11-28 04:10:02.200 UTC [80] DETAIL:  Key (id)=(100) already exists.',
  '2026-11-28 04:10:02.200 UTC [80] CONTEXT:  processing remote data for replication origin "pg_16390" during message type "INSERT" for replication target relation "public.customers" in transaction 755, finished at 0/1A2B3C4',
  '2026-11-28 04:11:00.000 UTC [91] LOG:  logical replication apply worker for subscription "other" has started',
  '2026-11-28 04:11:00.100 UTC [91] ERROR:  could not receive data from WAL stream: ERROR:  publication "missing" does not exist',
  '2026-11-28 04:11:00.100 UTC [91] CONTEXT:  slot "other", output plugin "pgoutput", in the change callback',
].join('\n');

const row = (name: string, over: Partial<SubscriptionRow>): SubscriptionRow => ({ name, enabled: true, pid: null, receivedLsn: null, latestEndLsn: null, lastMessageReceiptTime: null, latestEndTime: null, tables: { ready: 1 }, applyErrors: 1, syncErrors: 0, conflicts: null, ...over });
const snapshotOf = (...subs: SubscriptionRow[]) => ({ nodes: [{ service: 'subscriber', subscriptions: subs }] }) as unknown as ClusterSnapshot;

describe('the last error of a failing subscription, from the subscriber’s log', () => {
  it('takes the failing transaction’s error, or the last ERROR line beside the subscription’s name', () => {
    assert.strictEqual(lastSubscriptionError(LOG, 'shop_sub'), 'duplicate key value violates unique constraint "customers_pkey"');
    assert.strictEqual(lastSubscriptionError(LOG, 'other'), 'could not receive data from WAL stream: ERROR:  publication "missing" does not exist');
    assert.strictEqual(lastSubscriptionError(LOG, 'quiet'), undefined);
  });

  it('reads the log once per change of state, and puts the error on every later snapshot’s row', async () => {
    let reads = 0;
    const errors = new SubscriptionErrors(async () => {
      reads++;
      return LOG;
    });
    const first = snapshotOf(row('shop_sub', {}), row('fine', { pid: 12, applyErrors: 0 }));
    assert.strictEqual(errors.apply(first), true);
    await errors.read(first);
    assert.strictEqual(first.nodes[0].subscriptions[0].lastError, 'duplicate key value violates unique constraint "customers_pkey"');
    assert.strictEqual(first.nodes[0].subscriptions[1].lastError, undefined);
    const later = snapshotOf(row('shop_sub', { applyErrors: 5 }));
    assert.strictEqual(errors.apply(later), false, 'more retries of the same failure: no new read');
    assert.strictEqual(later.nodes[0].subscriptions[0].lastError, 'duplicate key value violates unique constraint "customers_pkey"');
    assert.strictEqual(errors.apply(snapshotOf(row('shop_sub', { enabled: false }))), true, 'disabled after the error: read again');
    assert.strictEqual(reads, 1);
  });
});
