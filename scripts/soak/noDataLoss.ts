/**
 * One no-data-loss failover cycle on real containers: synchronous replication, 200 commits, SIGKILL of the
 * primary, promote the synchronous standby, count the rows there. Shared by the test suite (5 cycles) and
 * `npm run soak:failover` (20 cycles).
 */
import { Client } from 'pg';
import type { ActionContext } from '../../cluster/failover/context';
import { pollUntil } from '../../core/poll';
import { promote } from '../../cluster/failover/promote';
import { setReplicationMode } from '../../cluster/failover/settings';
import { startTestCluster } from './dockerCluster';

export const ROWS_PER_CYCLE = 200;

export interface CycleResult {
  committed: number;
  found: number;
  lost: number;
  elapsedMs: number;
  steps: string[];
}

export async function noDataLossCycle(major: number): Promise<CycleResult> {
  const started = Date.now();
  const cluster = await startTestCluster({ major, replicas: 1 });
  const steps: string[] = [];
  const ctx: ActionContext = { targets: cluster.targets, control: cluster.control, progress: (m) => steps.push(m), stepTimeoutMs: 60_000 };
  try {
    await setReplicationMode(ctx, 'sync', ['replica1']);
    await pollUntil(
      async () => (await cluster.query<{ s: string }>('primary', `SELECT sync_state AS s FROM pg_stat_replication WHERE application_name = 'replica1'`))[0]?.s === 'sync',
      { what: 'replica1 to be the synchronous standby', timeoutMs: 30_000 },
    );
    const primary = cluster.targets.find((t) => t.service === 'primary')!;
    const client = new Client({ host: primary.host, port: primary.port, user: primary.user, password: primary.password, database: primary.database });
    client.on('error', () => undefined);
    await client.connect();
    let committed = 0;
    try {
      await client.query('CREATE TABLE no_loss (id int PRIMARY KEY, at timestamptz DEFAULT now())');
      // One commit per row: each returns only after the synchronous standby flushed it.
      for (let id = 1; id <= ROWS_PER_CYCLE; id++) {
        await client.query('INSERT INTO no_loss (id) VALUES ($1)', [id]);
        committed++;
      }
    } finally {
      await client.end().catch(() => undefined);
    }
    await cluster.control.signal('primary', 'SIGKILL');
    await cluster.control.waitStopped('primary', 10_000);
    await promote(ctx, 'replica1');
    const rows = await cluster.query<{ n: string }>('replica1', 'SELECT count(*) AS n FROM no_loss');
    const found = Number(rows[0].n);
    return { committed, found, lost: committed - found, elapsedMs: Date.now() - started, steps };
  } finally {
    await cluster.dispose();
  }
}
