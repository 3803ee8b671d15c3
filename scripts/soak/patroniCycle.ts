/**
 * The Patroni kill-the-leader cycle, shared by the container test and `npm run soak:patroni`: a writer commits rows
 * to whoever leads (synchronous_mode: a commit returns once the synchronous standby has it), the leader's node is
 * killed (SIGKILL, like a crash), Patroni elects a new leader once the leader key expires (within ttl + loop_wait),
 * the old leader's node is started again and Patroni rejoins it as a replica; then every acknowledged row must be on
 * the new leader.
 */
import { Client } from 'pg';
import { pollUntil } from '../../core/poll';
import type { ManagedCluster } from '../../core/model/topology';
import { readCluster } from '../../cluster/managed/patroniApi';
import { patroniReadiness, restEndpoint } from '../../cluster/managed/patroniReady';
import type { NodeControl } from '../../cluster/runtime/types';

/** The member Patroni reports leading, asked of every node in turn; undefined while none leads. */
export async function currentLeader(managed: ManagedCluster): Promise<string | undefined> {
  for (const node of managed.nodes) {
    const endpoint = restEndpoint(managed, node);
    const leader = endpoint && (await readCluster(endpoint, 1000).catch(() => undefined))?.leader;
    if (leader) return leader;
  }
  return undefined;
}

function clientOf(managed: ManagedCluster, member: string): Client {
  const node = managed.nodes.find((n) => n.member === member)!;
  const { user, password } = managed.superuser;
  const client = new Client({ host: node.pgHost!.ip, port: node.pgHost!.port, user, password, database: 'postgres', connectionTimeoutMillis: 2000, query_timeout: 10_000 });
  client.on('error', () => undefined);
  return client;
}

/** Runs `sql` on the current leader. */
export async function onLeader<T>(managed: ManagedCluster, sql: string): Promise<T[]> {
  const leader = await pollUntil(() => currentLeader(managed), { what: 'a Patroni leader', timeoutMs: 60_000, intervalMs: 200 });
  const client = clientOf(managed, leader);
  try {
    await client.connect();
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Commits one row after another to the current leader, following it through failovers; keeps the acknowledged ids. */
export class LeaderWriter {
  readonly acknowledged: number[] = [];
  private stopped = false;
  private done: Promise<void> = Promise.resolve();
  private nextId = 1;

  constructor(private readonly managed: ManagedCluster) {}

  start(): void {
    this.stopped = false;
    this.done = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }

  private async loop(): Promise<void> {
    let client: Client | undefined;
    while (!this.stopped) {
      const id = this.nextId++;
      try {
        if (!client) {
          const leader = await pollUntil(() => currentLeader(this.managed), { what: 'a Patroni leader', timeoutMs: 120_000, intervalMs: 100 });
          client = clientOf(this.managed, leader);
          await client.connect();
        }
        await client.query('INSERT INTO patroni_writes VALUES ($1)', [id]);
        this.acknowledged.push(id);
      } catch {
        await client?.end().catch(() => undefined);
        client = undefined;
      }
    }
    await client?.end().catch(() => undefined);
  }
}

export interface PatroniCycle {
  oldLeader: string;
  newLeader: string;
  /** Kill → Patroni reports another leader. */
  failoverMs: number;
  /** Start of the old leader's node → every member streams again. */
  rejoinMs: number;
  acknowledged: number;
  lost: number[];
}

/** One cycle; `control` drives the runtime's nodes (Docker: containers), `serviceOf` maps a member to its service. */
export async function killLeaderCycle(managed: ManagedCluster, control: NodeControl, writer: LeaderWriter): Promise<PatroniCycle> {
  const oldLeader = await pollUntil(() => currentLeader(managed), { what: 'a Patroni leader', timeoutMs: 60_000, intervalMs: 200 });
  const service = managed.nodes.find((n) => n.member === oldLeader)!.service;
  const before = writer.acknowledged.length;
  await pollUntil(() => writer.acknowledged.length > before + 20, { what: 'rows committed before the kill', timeoutMs: 30_000, intervalMs: 50 });
  const killed = Date.now();
  await control.signal(service, 'SIGKILL');
  const newLeader = await pollUntil(async () => { const l = await currentLeader(managed); return l && l !== oldLeader ? l : undefined; }, { what: `a leader other than ${oldLeader}`, timeoutMs: (managed.ttl + managed.loopWait) * 1000 + 60_000, intervalMs: 200 });
  const failoverMs = Date.now() - killed;
  const afterFailover = writer.acknowledged.length;
  await pollUntil(() => writer.acknowledged.length > afterFailover + 20, { what: `rows committed on ${newLeader}`, timeoutMs: 60_000, intervalMs: 50 });
  const started = Date.now();
  await control.start(service);
  await pollUntil(async () => (await patroniReadiness(managed))?.leader === newLeader || undefined, { what: `${oldLeader} to rejoin as a replica`, timeoutMs: 120_000, intervalMs: 200 });
  const rejoinMs = Date.now() - started;
  await writer.stop();
  const ids = new Set((await onLeader<{ id: number }>(managed, 'SELECT id FROM patroni_writes')).map((r) => r.id));
  const lost = writer.acknowledged.filter((id) => !ids.has(id));
  writer.start();
  return { oldLeader, newLeader, failoverMs, rejoinMs, acknowledged: writer.acknowledged.length, lost };
}
