/**
 * Chaos rehearsal on a Patroni cluster, with a report of what Patroni did and when: partition the leader (cut its
 * node off every network). Patroni's promise: the cut-off leader cannot renew the leader key in etcd, so it demotes
 * itself before the key expires and another member is elected — at no moment two writable primaries. Every node is
 * sampled every `sampleMs` over its local socket (it answers while partitioned), so the report can say so.
 */
import { pause, pollUntil } from '../../core/poll';
import type { ManagedCluster } from '../../core/model/topology';
import type { NodeControl } from '../runtime/types';
import { currentLeader, patroniReadiness } from './patroniReady';

export interface PartitionReport {
  isolated: string;
  oldLeader: string;
  newLeader: string;
  /** Since the partition: the old leader stopped accepting writes; another member leads; the old one streams again after reconnecting. */
  demotedAfterMs: number | null;
  newLeaderAfterMs: number;
  rejoinedAfterMs: number;
  samples: number;
  /** The most members that accepted writes in one sample (1 is right; 2 would be a split brain). */
  maxWritable: number;
  events: string[];
}

type Sampler = { stop(): Promise<void>; samples: number; maxWritable: number; writableSince: Map<string, number | null> };

/** Samples which members accept writes every `sampleMs` until stopped. */
function sampleWritable(managed: ManagedCluster, control: NodeControl, sampleMs: number, onSample: (writable: string[]) => void): Sampler {
  let running = true;
  const sampler: Sampler = { samples: 0, maxWritable: 0, writableSince: new Map(), stop: async () => ((running = false), await loop) };
  const loop = (async () => {
    while (running) {
      const next = pause(sampleMs);
      const answers = await Promise.all(managed.nodes.map((n) => control.localSql!(n.service, 'SELECT NOT pg_is_in_recovery()').catch(() => 'f')));
      const writable = managed.nodes.filter((_, i) => answers[i] === 't').map((n) => n.service);
      sampler.samples++;
      sampler.maxWritable = Math.max(sampler.maxWritable, writable.length);
      onSample(writable);
      await next;
    }
  })();
  return sampler;
}

/** Partitions the current leader, waits for Patroni to elect another, reconnects it and waits until it streams again. */
export async function partitionLeader(managed: ManagedCluster, control: NodeControl, options: { sampleMs?: number; timeoutMs?: number } = {}): Promise<PartitionReport> {
  if (!control.isolate || !control.localSql) throw new Error('this runtime cannot partition a node (Docker can)');
  const timeoutMs = options.timeoutMs ?? (managed.ttl + managed.loopWait) * 1000 + 60_000;
  const oldLeader = await pollUntil(() => currentLeader(managed), { what: 'a Patroni leader', timeoutMs, intervalMs: 200 });
  const isolated = managed.nodes.find((n) => n.member === oldLeader)!.service;
  const events: string[] = [];
  let start = Date.now();
  const at = () => `${((Date.now() - start) / 1000).toFixed(1)} s`;
  let demotedAfterMs: number | null = null;
  const sampler = sampleWritable(managed, control, options.sampleMs ?? 200, (writable) => {
    if (demotedAfterMs === null && start && !writable.includes(isolated) && events.length) {
      demotedAfterMs = Date.now() - start;
      events.push(`${at()}: ${isolated} no longer accepts writes (Patroni demoted it: no leader key without etcd)`);
    }
    if (writable.length > 1) events.push(`${at()}: ${writable.join(' and ')} accept writes (split brain)`);
  });
  try {
    start = Date.now();
    const reconnect = await control.isolate(isolated);
    events.push(`0.0 s: ${isolated} (leader ${oldLeader}) cut off every network`);
    const newLeader = await pollUntil(async () => { const l = await currentLeader(managed, isolated); return l && l !== oldLeader ? l : undefined; }, { what: `a leader other than ${oldLeader}`, timeoutMs, intervalMs: 200 });
    const newLeaderAfterMs = Date.now() - start;
    events.push(`${at()}: Patroni elected ${newLeader}`);
    // Still cut off: the old leader must step down by itself (it cannot renew the key); reconnecting earlier would
    // let it learn the news from etcd instead and hide a late demotion.
    await pollUntil(() => demotedAfterMs !== null, { what: `${isolated} to stop accepting writes while cut off`, timeoutMs, intervalMs: 200 }).catch(() => {
      events.push(`${at()}: ${isolated} still accepts writes, cut off from etcd for ${at()} (Patroni did not demote it)`);
    });
    await reconnect();
    events.push(`${at()}: ${isolated} reconnected`);
    // A rejoin may rewind or clone the old leader: minutes on a loaded machine.
    await pollUntil(async () => (await patroniReadiness(managed))?.leader === newLeader || undefined, { what: `${isolated} to stream from ${newLeader}`, timeoutMs: timeoutMs + 120_000, intervalMs: 200 });
    const rejoinedAfterMs = Date.now() - start;
    events.push(`${at()}: ${isolated} streams from ${newLeader}`);
    await sampler.stop();
    return { isolated, oldLeader, newLeader, demotedAfterMs, newLeaderAfterMs, rejoinedAfterMs, samples: sampler.samples, maxWritable: sampler.maxWritable, events };
  } catch (error) {
    // What was seen so far is the point of a rehearsal: keep it in the error.
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${events.map((e) => `  ${e}`).join('\n')}\n  writable primaries per sample: at most ${sampler.maxWritable} over ${sampler.samples} samples`);
  } finally {
    await sampler.stop();
  }
}

export interface KillReport {
  oldLeader: string;
  newLeader: string;
  /** Kill → Patroni reports another leader (bounded by ttl + loop_wait). */
  failoverMs: number;
  /** Start of the old leader's node → every member streams again. */
  rejoinMs: number;
}

/**
 * Kills the leader's node (SIGKILL, like a crash), waits until Patroni elects another, runs `afterFailover` (e.g. a
 * writer's check), starts the node again and waits until it streams from the new leader.
 */
export async function killLeader(managed: ManagedCluster, control: NodeControl, afterFailover: () => Promise<void> = async () => undefined): Promise<KillReport> {
  const timeoutMs = (managed.ttl + managed.loopWait) * 1000 + 60_000;
  const oldLeader = await pollUntil(() => currentLeader(managed), { what: 'a Patroni leader', timeoutMs, intervalMs: 200 });
  const service = managed.nodes.find((n) => n.member === oldLeader)!.service;
  const killed = Date.now();
  await control.signal(service, 'SIGKILL');
  const newLeader = await pollUntil(async () => { const l = await currentLeader(managed, service); return l && l !== oldLeader ? l : undefined; }, { what: `a leader other than ${oldLeader}`, timeoutMs, intervalMs: 200 });
  const failoverMs = Date.now() - killed;
  await afterFailover();
  const started = Date.now();
  await control.start(service);
  await pollUntil(async () => (await patroniReadiness(managed))?.leader === newLeader || undefined, { what: `${oldLeader} to rejoin as a replica`, timeoutMs: 120_000, intervalMs: 200 });
  return { oldLeader, newLeader, failoverMs, rejoinMs: Date.now() - started };
}

export function formatKillReport(r: KillReport, managed: ManagedCluster): string {
  return `kill of the leader ${r.oldLeader}: ${r.newLeader} leads after ${(r.failoverMs / 1000).toFixed(1)} s (ttl ${managed.ttl} s + loop_wait ${managed.loopWait} s), ${r.oldLeader} streams again ${(r.rejoinMs / 1000).toFixed(1)} s after its start`;
}

/** The report in lines, for the CLI and the soak. */
export function formatPartitionReport(r: PartitionReport): string {
  const s = (ms: number | null) => (ms === null ? 'never seen' : `${(ms / 1000).toFixed(1)} s`);
  return [
    `partition of the leader ${r.isolated}: demoted after ${s(r.demotedAfterMs)}, ${r.newLeader} leads after ${s(r.newLeaderAfterMs)}, ${r.isolated} streams again after ${s(r.rejoinedAfterMs)}`,
    `writable primaries per sample: at most ${r.maxWritable} over ${r.samples} samples (one every ${r.samples ? (r.rejoinedAfterMs / r.samples / 1000).toFixed(1) : '–'} s)${r.maxWritable > 1 ? ' — SPLIT BRAIN' : ''}`,
    ...r.events.map((e) => `  ${e}`),
  ].join('\n');
}
