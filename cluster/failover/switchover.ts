import { pollUntil } from '../../core/poll';
import { compareLsn } from '../monitor/lsn';
import type { ClusterSnapshot } from '../monitor/types';
import { recordPromotion } from '../history/record';
import { type ActionContext, ActionLog, type ActionReport, nodeOf, observe, stampData, stepTimeout, targetOf, timelineOf, UnsafeActionError, withNode } from './context';
import { adjustSynchronousNames, followersOf, promoteNode } from './promote';
import { attachToPgpool, followPgpool } from './pgpool';
import { followPoolers, formerHostsOf } from './poolers';
import { rejoinAsReplica } from './rejoin';
import { repointReplica } from './repoint';
import { patroniSwitchover } from '../managed/patroniActions';

/** Checks that `service` can take over now; returns the primary it takes over from. */
async function checkCandidate(ctx: ActionContext, log: ActionLog, snapshot: ClusterSnapshot, service: string): Promise<string> {
  const candidate = nodeOf(snapshot, service);
  if (candidate.state !== 'up' || candidate.role !== 'replica') throw new Error(`cannot switch over to ${service}: it is ${candidate.state === 'up' ? candidate.role : candidate.state}, not a running replica`);
  if (snapshot.primaries.length !== 1) throw new Error(`switchover needs exactly one running primary; found ${snapshot.primaries.length ? snapshot.primaries.join(', ') : 'none'} (use promote for a failover)`);
  const oldPrimary = snapshot.primaries[0];
  const risks: string[] = [];
  if (candidate.upstream !== oldPrimary || !candidate.streaming) risks.push(`${service} does not stream from ${oldPrimary}; it may miss WAL`);
  if (candidate.replayPaused) risks.push(`replay is paused on ${service}`);
  if (risks.length && !ctx.force) throw new UnsafeActionError(`switchover to ${service}`, risks);
  for (const risk of risks) log.warn(`forced despite: ${risk}`);
  return oldPrimary;
}

/** Clean stop of the old primary; resolves once the candidate received and replayed all its WAL. */
async function stopOldPrimary(ctx: ActionContext, log: ActionLog, oldPrimary: string, service: string): Promise<{ syncNames: string; replicationConninfo: string }> {
  const candidateTarget = targetOf(ctx, service);
  // What the old primary needs to become a standby: the candidate's replication conninfo and the sync setup.
  const { syncNames, oldLsn } = await withNode(targetOf(ctx, oldPrimary), async (client) => {
    await client.query('CHECKPOINT'); // shortens the shutdown checkpoint
    const sync = (await client.query<{ v: string }>(`SELECT current_setting('synchronous_standby_names') AS v`)).rows[0].v;
    const lsn = (await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn;
    return { syncNames: sync, oldLsn: lsn };
  });
  // The candidate's own replication credentials are what the old primary will stream with.
  const replicationConninfo = await withNode(candidateTarget, async (client) => (await client.query<{ v: string }>(`SELECT current_setting('primary_conninfo') AS v`)).rows[0].v);
  log.commit(); // once the primary stops, only finishing the switchover leaves a cluster with one primary
  log.step(`stopping ${oldPrimary} cleanly (fast shutdown) at ${oldLsn}`);
  await ctx.control.signal(oldPrimary, 'SIGINT');
  await ctx.control.waitStopped(oldPrimary, stepTimeout(ctx));
  // A clean shutdown sends every WAL record, the shutdown checkpoint included, to streaming standbys.
  await pollUntil(
    () =>
      withNode(candidateTarget, async (client) => {
        const r = await client.query<{ receive: string; replay: string }>('SELECT pg_last_wal_receive_lsn()::text AS receive, pg_last_wal_replay_lsn()::text AS replay');
        return compareLsn(r.rows[0].receive, oldLsn) > 0 && compareLsn(r.rows[0].replay, r.rows[0].receive) >= 0;
      }),
    { what: `${service} to receive ${oldPrimary}'s final WAL`, timeoutMs: stepTimeout(ctx) },
  );
  log.step(`${service} received and replayed all WAL of ${oldPrimary}`);
  return { syncNames, replicationConninfo };
}

/**
 * Switchover: clean stop of the primary, promote `service`, bring the old primary back as its replica
 * (pg_rewind, else base backup), re-point the other replicas. Refuses unless `service` streams from the primary.
 */
export async function switchover(ctx: ActionContext, service: string): Promise<ActionReport> {
  if (ctx.managed) return patroniSwitchover(ctx, ctx.managed, service);
  const log = new ActionLog(`switchover to ${service}`, ctx);
  const snapshot = await observe(ctx);
  const oldPrimary = await checkCandidate(ctx, log, snapshot, service);
  const { syncNames, replicationConninfo } = await stopOldPrimary(ctx, log, oldPrimary, service);
  await promoteNode(ctx, log, service);
  await followPoolers(ctx, log, service, formerHostsOf(ctx, service, [oldPrimary]));
  await followPgpool(ctx, log, service);
  const standbys = snapshot.nodes.filter((n) => n.service !== service && (n.state === 'up' || n.service === oldPrimary)).map((n) => n.service);
  await adjustSynchronousNames(ctx, log, service, standbys, syncNames.trim() !== '');
  // Fenced until it streams: should the rejoin fail, nothing may start it as a primary again.
  const recorded = recordPromotion(ctx.history, { kind: 'switchover', primary: service, timeline: await timelineOf(ctx, service), fenced: [oldPrimary], replicas: [] });
  if (recorded) log.warn(recorded);
  await stampData(ctx, log);
  await rejoinAsReplica(ctx, log, oldPrimary, service, replicationConninfo);
  await attachToPgpool(ctx, log, oldPrimary);
  for (const follower of followersOf(snapshot, service, [oldPrimary])) {
    if (follower.state !== 'up') {
      log.warn(`${follower.service} is ${follower.state}; point it at ${service} once it is back`);
      continue;
    }
    await repointReplica(ctx, log, follower.service, service);
  }
  return log.report();
}
