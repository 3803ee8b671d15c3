/**
 * The Patroni kill-the-leader cycle, shared by the container test and `npm run soak:patroni`: a writer commits rows
 * to whoever leads (synchronous_mode: a commit returns once the synchronous standby has it), the leader's node is
 * killed (SIGKILL, like a crash), Patroni elects a new leader once the leader key expires (within ttl + loop_wait),
 * the old leader's node is started again and Patroni rejoins it as a replica; then every acknowledged row must be on
 * the new leader.
 */
import { Client } from 'pg';
import { queryOnce, RowWriter } from './rowWriter';
import { pollUntil } from '../../core/poll';
import type { ManagedCluster } from '../../core/model/topology';
import { killLeader, type KillReport } from '../../cluster/managed/patroniChaos';
import { currentLeader } from '../../cluster/managed/patroniReady';

export { currentLeader };
import type { NodeControl } from '../../cluster/runtime/types';

function clientOf(managed: ManagedCluster, member: string): Client {
  const node = managed.nodes.find((n) => n.member === member)!;
  const { user, password } = managed.superuser;
  const client = new Client({ host: node.pgHost!.ip, port: node.pgHost!.port, user, password, database: 'postgres', connectionTimeoutMillis: 10_000, query_timeout: 30_000 });
  client.on('error', () => undefined);
  return client;
}

/** Runs `sql` on the current leader. */
export async function onLeader<T>(managed: ManagedCluster, sql: string): Promise<T[]> {
  return queryOnce<T>(clientOf(managed, await leaderNow(managed)), sql);
}

const leaderNow = (managed: ManagedCluster) => pollUntil(() => currentLeader(managed), { what: 'a Patroni leader', timeoutMs: 120_000, intervalMs: 100 });

/** Commits one row after another to the current leader, following it through failovers; keeps the acknowledged ids. */
export class LeaderWriter extends RowWriter {
  constructor(managed: ManagedCluster) {
    super(async () => {
      const client = clientOf(managed, await leaderNow(managed));
      await client.connect();
      return client;
    }, 'INSERT INTO patroni_writes VALUES ($1)');
  }
}

export interface PatroniCycle extends KillReport {
  acknowledged: number;
  lost: number[];
}

/** One cycle: rows committed before the kill and on the new leader, then every acknowledged row checked. */
export async function killLeaderCycle(managed: ManagedCluster, control: NodeControl, writer: LeaderWriter): Promise<PatroniCycle> {
  const committed = (what: string) => {
    const before = writer.acknowledged.length;
    return pollUntil(() => writer.acknowledged.length > before + 20, { what, timeoutMs: 60_000, intervalMs: 50 });
  };
  await committed('rows committed before the kill');
  const report = await killLeader(managed, control, () => committed('rows committed on the new leader').then(() => undefined));
  await writer.stop();
  const ids = new Set((await onLeader<{ id: number }>(managed, 'SELECT id FROM patroni_writes')).map((r) => r.id));
  const lost = writer.acknowledged.filter((id) => !ids.has(id));
  writer.start();
  return { ...report, acknowledged: writer.acknowledged.length, lost };
}
