import type { LastSeen } from '../history/lastSeen';
import { managedRefusal, patroniFailover } from '../managed/patroniActions';
import { recordPromotion, recordRejoin } from '../history/record';
import { compareLsn, formatBytes, lsnDistance } from '../monitor/lsn';
import type { ClusterSnapshot, NodeView } from '../monitor/types';
import { synchronousStandbyNames } from '../../core/guc';
import { pollUntil } from '../../core/poll';
import { type ActionContext, ActionLog, type ActionReport, nodeOf, observe, stampData, stepTimeout, targetOf, timelineOf, UnsafeActionError, withNode } from './context';
import { followPgpool } from './pgpool';
import { followPoolers, formerHostsOf } from './poolers';
import { repointReplica } from './repoint';

/** The replica that received the most WAL (the one to promote), with its LSN; undefined when none answers. */
export function mostAdvancedReplica(snapshot: ClusterSnapshot): NodeView | undefined {
  const replicas = snapshot.nodes.filter((n) => n.state === 'up' && n.role === 'replica');
  return replicas.sort((a, b) => compareLsn(b.receiveLsn ?? b.replayLsn, a.receiveLsn ?? a.replayLsn))[0];
}

/** What is known of a dead primary's WAL from its last sighting: bytes the candidate misses of it, when and where. */
function lastSeenLoss(down: NodeView[], candidate: NodeView, snapshot: ClusterSnapshot, lastSeen: LastSeen): string {
  const seen = down.map((n) => ({ service: n.service, at: lastSeen[n.service] })).filter((s) => s.at?.role === 'primary' && s.at.lsn);
  const newest = seen.sort((a, b) => Date.parse(b.at!.at) - Date.parse(a.at!.at))[0];
  const best = mostAdvancedReplica(snapshot);
  const advanced = best ? ` ${best.service} is the most advanced replica (received ${best.receiveLsn ?? best.replayLsn ?? '?'}).` : '';
  if (!newest) return ` No earlier LSN of it was recorded (pgha status records one per refresh).${advanced}`;
  const { lsn, at } = newest.at!;
  const missing = lsnDistance(lsn, candidate.receiveLsn ?? candidate.replayLsn) ?? 0;
  const known = missing
    ? `up to ${formatBytes(missing)} (${missing} bytes) of WAL acknowledged by ${newest.service}, last seen at ${at} at ${lsn}, may be lost on ${candidate.service}`
    : `${candidate.service} has all WAL ${newest.service} had when last seen (${lsn} at ${at})`;
  return ` Known: ${known}, plus whatever it acknowledged after that.${advanced}`;
}

/**
 * What promoting `candidate` may lose: WAL a live primary wrote that the candidate has not received (in bytes, with
 * both LSNs), or, with the primary unreachable, what its last recorded LSN says (./../history/lastSeen.ts) and an
 * unknown amount after it.
 */
export function dataLossRisks(snapshot: ClusterSnapshot, candidate: NodeView, formerPrimaries: string[], lastSeen: LastSeen = {}): string[] {
  const received = candidate.receiveLsn ?? candidate.replayLsn ?? 'an unknown LSN';
  const live = snapshot.nodes.filter((n) => n.service !== candidate.service && n.state === 'up' && n.role === 'primary');
  const risks = live.flatMap((p) => {
    const behind = lsnDistance(p.lsn, candidate.receiveLsn);
    return behind ? [`${candidate.service} is ${formatBytes(behind)} (${behind} bytes) behind ${p.service} (${p.service} at ${p.lsn}, ${candidate.service} received ${received}): commits in that WAL are lost on ${candidate.service}`] : [];
  });
  if (live.length) return risks;
  const down = snapshot.nodes.filter((n) => n.service !== candidate.service && n.state !== 'up' && formerPrimaries.includes(n.service));
  const who = down.length ? down.map((n) => `${n.service} (${n.state}${n.detail ? `: ${n.detail.split('\n')[0]}` : ''})`).join(', ') : 'no primary';
  risks.push(
    `the primary is unreachable — ${who} — so how much WAL it wrote beyond what ${candidate.service} received (${received}) is unknown: ` +
      `with asynchronous replication, commits it acknowledged after that are lost.${lastSeenLoss(down, candidate, snapshot, lastSeen)} Promote when it is gone for good, or bring it back instead`,
  );
  return risks;
}

/** Why promoting `candidate` now would be unsafe (empty: safe). */
export function promoteRisks(snapshot: ClusterSnapshot, candidate: NodeView, formerPrimaries: string[] = [], lastSeen: LastSeen = {}): string[] {
  const risks: string[] = [];
  const livePrimaries = snapshot.primaries.filter((p) => p !== candidate.service);
  if (livePrimaries.length) {
    risks.push(`${livePrimaries.join(', ')} still accept${livePrimaries.length === 1 ? 's' : ''} writes; promoting ${candidate.service} now makes two primaries (split brain) — stop it first or use switchover`);
  }
  risks.push(...dataLossRisks(snapshot, candidate, formerPrimaries, lastSeen));
  for (const other of snapshot.nodes) {
    if (other.service === candidate.service || other.state !== 'up' || other.role !== 'replica') continue;
    if (compareLsn(other.receiveLsn, candidate.receiveLsn) > 0) {
      risks.push(`${other.service} has received more WAL (${other.receiveLsn}) than ${candidate.service} (${candidate.receiveLsn}); promoting ${candidate.service} would lose those transactions — promote ${other.service} instead`);
    }
  }
  return risks;
}

/** The replicas that should follow a new primary: every other replica in the cluster (up or not). */
export function followersOf(snapshot: ClusterSnapshot, newPrimary: string, exclude: string[] = []): NodeView[] {
  return snapshot.nodes.filter((n) => n.service !== newPrimary && !exclude.includes(n.service) && !snapshot.primaries.includes(n.service) && n.role !== 'primary');
}

/** pg_promote() on the node, then wait until it accepts writes. */
export async function promoteNode(ctx: ActionContext, log: ActionLog, service: string): Promise<void> {
  if (ctx.managed) throw new Error(managedRefusal(`pg_promote on ${service}`, ctx.managed));
  const target = targetOf(ctx, service);
  await withNode(target, async (client) => {
    const paused = await client.query<{ paused: boolean }>('SELECT pg_is_in_recovery() AND pg_is_wal_replay_paused() AS paused');
    if (paused.rows[0]?.paused) {
      await client.query('SELECT pg_wal_replay_resume()');
      log.step(`resumed paused replay on ${service} so it applies all received WAL`);
    }
    // Apply everything received before promoting (pg_promote would too, but this bounds the wait and reports it).
    await pollUntil(
      async () => {
        const r = await client.query<{ done: boolean | null }>('SELECT pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_replay_lsn() >= pg_last_wal_receive_lsn() AS done');
        return r.rows[0]?.done;
      },
      { what: `${service} to replay all WAL it received`, timeoutMs: stepTimeout(ctx) },
    );
    log.step(`promoting ${service} (pg_promote)`);
    const result = await client.query<{ ok: boolean }>('SELECT pg_promote(true, $1) AS ok', [Math.ceil(stepTimeout(ctx) / 1000)]);
    if (!result.rows[0]?.ok) throw new Error(`${service} did not finish promotion within ${stepTimeout(ctx)} ms; see its log`);
  });
  await pollUntil(() => withNode(target, async (client) => !(await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0].r), {
    what: `${service} to accept writes`,
    timeoutMs: stepTimeout(ctx),
  });
  log.step(`${service} is primary and accepts writes`);
}

/**
 * On the new primary, keep synchronous replication meaningful: name the remaining standbys, or switch to
 * asynchronous when none is left (otherwise every commit would wait forever).
 */
export async function adjustSynchronousNames(ctx: ActionContext, log: ActionLog, primary: string, standbys: string[], wantSync?: boolean): Promise<void> {
  await withNode(targetOf(ctx, primary), async (client) => {
    const current = (await client.query<{ v: string }>(`SELECT current_setting('synchronous_standby_names') AS v`)).rows[0].v;
    if (!(wantSync ?? current.trim() !== '')) {
      if (current.trim()) {
        await client.query('ALTER SYSTEM RESET synchronous_standby_names');
        await client.query('SELECT pg_reload_conf()');
        log.step(`${primary} replicates asynchronously, as before`);
      }
      return;
    }
    const next = standbys.length ? synchronousStandbyNames(standbys) : '';
    if (next === current) return;
    await client.query(`ALTER SYSTEM SET synchronous_standby_names = ${client.escapeLiteral(next)}`);
    await client.query('SELECT pg_reload_conf()');
    if (next) log.step(`synchronous_standby_names on ${primary} = ${next}`);
    else log.warn(`no standby left to confirm commits: ${primary} now replicates asynchronously`);
  });
}

/**
 * Failover: promote a replica, then re-point the remaining replicas to it. Refuses (UnsafeActionError) while
 * another primary accepts writes or another replica is ahead, unless ctx.force.
 */
export async function promote(ctx: ActionContext, service: string): Promise<ActionReport> {
  if (ctx.managed) return patroniFailover(ctx, ctx.managed, service);
  const log = new ActionLog(`promote ${service}`, ctx);
  const lastSeen = ctx.lastSeen?.read() ?? {}; // before this observation overwrites the nodes that answer
  const snapshot = await observe(ctx);
  const candidate = nodeOf(snapshot, service);
  if (candidate.state !== 'up') throw new Error(`cannot promote ${service}: it is ${candidate.state}${candidate.detail ? ` (${candidate.detail})` : ''}`);
  if (candidate.role !== 'replica') throw new Error(`${service} is already a primary; nothing to promote`);
  const wasPrimary = (name: string) => targetOf(ctx, name).expectedRole === 'primary' || ctx.history?.read().primary === name;
  const risks = promoteRisks(snapshot, candidate, snapshot.nodes.map((n) => n.service).filter(wasPrimary), lastSeen);
  if (risks.length && !ctx.force) throw new UnsafeActionError(`promote ${service}`, risks);
  for (const risk of risks) log.warn(`forced despite: ${risk}`);
  log.step(`checked: ${service} is a replica at ${candidate.replayLsn ?? '?'} (receive ${candidate.receiveLsn ?? '?'})`);
  log.commit(); // from pg_promote on, a cancel finishes the failover (re-pointing the others) instead of stopping midway

  await promoteNode(ctx, log, service);
  await followPoolers(ctx, log, service, formerHostsOf(ctx, service));
  await followPgpool(ctx, log, service, snapshot.nodes.filter((n) => n.service !== service && n.state !== 'up').map((n) => n.service));
  const followers = followersOf(snapshot, service);
  const reachable = followers.filter((f) => f.state === 'up');
  await adjustSynchronousNames(ctx, log, service, reachable.map((f) => f.service));
  const fenced = followers.filter((f) => f.state !== 'up' && wasPrimary(f.service)).map((f) => f.service);
  const recorded = recordPromotion(ctx.history, { kind: 'promote', primary: service, timeline: await timelineOf(ctx, service), fenced, replicas: [] });
  if (recorded) log.warn(recorded);
  for (const follower of followers) {
    if (fenced.includes(follower.service)) {
      log.warn(`the old primary "${follower.service}" is ${follower.state}; do not start it as it is (two primaries): rejoin it as a replica of "${service}" (pg_rewind or a fresh base backup)`);
      continue;
    }
    if (follower.state !== 'up') {
      log.warn(`${follower.service} is ${follower.state}; point it at ${service} once it is back (pgha promote left it alone)`);
      continue;
    }
    await repointReplica(ctx, log, follower.service, service);
    recordRejoin(ctx.history, follower.service, service);
  }
  await stampData(ctx, log);
  return log.report();
}
