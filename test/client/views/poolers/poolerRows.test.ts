import * as assert from 'assert';
import { DEFAULT_POOLER_THRESHOLDS, type PoolerStatus, type PoolRow } from '../../../../cluster/monitor/pooler';
import { poolerRows, poolerSummary } from '../../../../client/src/views/poolers/poolerRows';

const pool = (database: string, clientsWaiting: number, maxWaitSeconds: number): PoolRow => ({ database, user: 'app', clientsActive: 3, clientsWaiting, serversActive: 2, serversIdle: 1, maxWaitSeconds, poolMode: 'transaction' });

function status(pools: PoolRow[]): PoolerStatus {
  return {
    service: 'pgbouncer',
    state: 'up',
    pools: [{ ...pool('pgbouncer', 0, 0), user: 'pgbouncer', poolMode: 'statement' }, ...pools],
    databases: [{ name: 'appdb', host: 'primary', port: 5432, database: 'appdb', paused: false, disabled: false }, { name: 'pgbouncer', host: null, port: 6432, database: 'pgbouncer', paused: false, disabled: false }],
    stats: [{ database: 'appdb', avgQueryMicros: 1234, avgTransactionMicros: 5678 }],
    health: 'ok',
    findings: [],
  };
}

describe('tree: the pools under a PgBouncer node', () => {
  it('one row per pool with clients, servers, wait and times; where each database goes; the admin pool left out', () => {
    const rows = poolerRows(status([pool('appdb', 0, 0)]), DEFAULT_POOLER_THRESHOLDS);
    assert.deepStrictEqual(rows.map((r) => [r.label, r.description, r.tone]), [
      ['appdb/app (transaction)', 'clients 3 active · 0 waiting · servers 2 active 1 idle · max wait 0.0 s · avg query 1.2 ms, transaction 5.7 ms', 'ok'],
      ['Databases', 'appdb → primary:5432', undefined],
    ]);
    assert.deepStrictEqual(poolerSummary(status([pool('appdb', 0, 0)]), DEFAULT_POOLER_THRESHOLDS), { description: 'pooler · 1 pool(s) · 3 client(s) active · 0 waiting', tone: 'ok' });
  });

  it('waiting clients and the longest wait against the thresholds: warning, critical, and the user’s own limits', () => {
    const waiting = status([pool('appdb', 2, 0.5), pool('reports', 0, 12)]);
    const rows = poolerRows(waiting, DEFAULT_POOLER_THRESHOLDS);
    assert.deepStrictEqual(rows.filter((r) => r.id.startsWith('pool:')).map((r) => r.tone), ['warning', 'critical']);
    assert.deepStrictEqual(rows.filter((r) => r.label === 'Problem').map((r) => r.description), [
      'appdb/app: 2 client(s) waiting for a server connection',
      'reports/app: the oldest waiting client has waited 12.0 s',
    ]);
    const lenient = { waitingWarning: 5, waitingCritical: 50, maxWaitWarningSeconds: 30, maxWaitCriticalSeconds: 60 };
    assert.deepStrictEqual(poolerRows(waiting, lenient).filter((r) => r.id.startsWith('pool:')).map((r) => r.tone), ['ok', 'ok']);
    assert.strictEqual(poolerSummary(waiting, DEFAULT_POOLER_THRESHOLDS).tone, 'critical');
  });

  it('a pooler that does not answer, and one not read yet', () => {
    const down: PoolerStatus = { ...status([]), state: 'unreachable', error: 'connection refused', pools: [] };
    assert.deepStrictEqual(poolerRows(down, DEFAULT_POOLER_THRESHOLDS).map((r) => [r.label, r.description, r.tone]), [['Admin console', 'unreachable — connection refused', 'critical']]);
    assert.deepStrictEqual(poolerRows(undefined, DEFAULT_POOLER_THRESHOLDS).map((r) => r.description), ['not read yet']);
  });
});
