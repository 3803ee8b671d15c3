/**
 * One no-data-loss failover cycle on a real cluster (containers or native processes): synchronous replication,
 * 200 commits, SIGKILL of the primary, promote the synchronous standby, count the rows there, then rejoin the
 * dead old primary as a replica of the new one and count them there too. Shared by the test suites (5 cycles)
 * and `npm run soak:failover` (20 cycles).
 */
import { Client } from 'pg';
import type { ActionContext } from '../../cluster/failover/context';
import { pollUntil } from '../../core/poll';
import { promote } from '../../cluster/failover/promote';
import { rejoin } from '../../cluster/failover/rejoin';
import { setReplicationMode } from '../../cluster/failover/settings';
import { startTestCluster, type TestBackend, type TestCluster } from './dockerCluster';

export const ROWS_PER_CYCLE = 200;

export interface CycleResult {
  committed: number;
  /** Rows on the promoted standby. */
  found: number;
  lost: number;
  /** Rows on the old primary once it streams again from the new one. */
  foundAfterRejoin: number;
  /** Phases in ms: up (until every replica streams), promote, rejoin (until the old primary streams). */
  upMs: number;
  promoteMs: number;
  rejoinMs: number;
  elapsedMs: number;
  steps: string[];
}

/** Commits ROWS_PER_CYCLE rows one by one on the primary; returns how many commits were acknowledged. */
async function commitRows(cluster: TestCluster): Promise<number> {
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
  return committed;
}

const countOn = async (cluster: TestCluster, service: string): Promise<number> => Number((await cluster.query<{ n: string }>(service, 'SELECT count(*) AS n FROM no_loss'))[0].n);

export async function noDataLossCycle(major: number, backend: TestBackend = 'docker'): Promise<CycleResult> {
  const started = Date.now();
  const cluster = await startTestCluster({ major, replicas: 1, backend });
  const upMs = Date.now() - started;
  const steps: string[] = [];
  const ctx: ActionContext = { targets: cluster.targets, control: cluster.control, progress: (m) => steps.push(m), stepTimeoutMs: 60_000 };
  try {
    await setReplicationMode(ctx, 'sync', ['replica1']);
    await pollUntil(
      async () => (await cluster.query<{ s: string }>('primary', `SELECT sync_state AS s FROM pg_stat_replication WHERE application_name = 'replica1'`))[0]?.s === 'sync',
      { what: 'replica1 to be the synchronous standby', timeoutMs: 30_000 },
    );
    const committed = await commitRows(cluster);
    await cluster.control.signal('primary', 'SIGKILL');
    await cluster.control.waitStopped('primary', 10_000);
    const promoting = Date.now();
    // The primary is gone, so how far replica1 lags is unknown and promote refuses without force; with replica1 the
    // synchronous standby of every acknowledged commit, forcing is what this cycle proves safe.
    await promote({ ...ctx, force: true }, 'replica1');
    const promoteMs = Date.now() - promoting;
    const found = await countOn(cluster, 'replica1');
    const rejoining = Date.now();
    await rejoin(ctx, 'primary');
    const rejoinMs = Date.now() - rejoining;
    // The rejoined node has replayed at least up to its start point; wait for the rows it streams.
    const foundAfterRejoin = await pollUntil(async () => {
      const n = await countOn(cluster, 'primary');
      return n >= found ? n : false;
    }, { what: 'the rows on the rejoined primary', timeoutMs: 30_000 }).catch(() => countOn(cluster, 'primary'));
    return { committed, found, lost: committed - found, foundAfterRejoin, upMs, promoteMs, rejoinMs, elapsedMs: Date.now() - started, steps };
  } catch (error) {
    // What the actions did before the failure, for the soak's FAILED line and the test's message.
    if (error instanceof Error && steps.length) error.message += `\n  after: ${steps.slice(-6).join(' / ')}`;
    throw error;
  } finally {
    await cluster.dispose();
  }
}
