import { formatConninfo } from '../../core/conninfo';
import { pollUntil } from '../../core/poll';
import { compareLsn } from '../monitor/lsn';
import type { ClusterSnapshot } from '../monitor/types';
import { standbyEnvironment } from './conninfo';
import { NON_INTERACTIVE_LOGIN, replicationLogin } from './login';
import { type ActionContext, ActionLog, type ActionReport, nodeOf, observe, slotNameFor, stepTimeout, targetOf, UnsafeActionError, withNode } from './context';
import { adjustSynchronousNames, followersOf, promoteNode } from './promote';
import { ensureSlot, isStreamingFrom, repointReplica } from './repoint';

/**
 * Rewrites a stopped former primary's data directory into a standby of `source`: pg_rewind first, a fresh
 * base backup when pg_rewind cannot run (no wal_log_hints/checksums, unusable history).
 */
const REJOIN_SCRIPT = String.raw`
set -u
if timeout --kill-after=5 "$PGHA_TIMEOUT_S" pg_rewind --target-pgdata="$PGDATA" --source-server="$PGHA_SOURCE" </dev/null 2>&1; then
  echo "pgha: pg_rewind done"
else
  echo "pgha: pg_rewind failed; taking a fresh base backup"
  find "$PGDATA" -mindepth 1 -delete
  ${NON_INTERACTIVE_LOGIN}
  timeout --kill-after=5 "$PGHA_TIMEOUT_S" pg_basebackup -w -d "$PGHA_REPLICATION" -D "$PGDATA" -X stream -c fast </dev/null 2>&1 || exit 3
  echo "pgha: base backup done"
fi
touch "$PGDATA/standby.signal"
printf '%s\n' "$PGHA_CONNINFO_LINE" "$PGHA_SLOT_LINE" >> "$PGDATA/postgresql.auto.conf"
`;

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

/** Rewinds (else re-copies) the stopped old primary onto the new one and starts it as its streaming replica. */
async function rejoinAsReplica(ctx: ActionContext, log: ActionLog, oldPrimary: string, service: string, replicationConninfo: string): Promise<void> {
  const candidateTarget = targetOf(ctx, service);
  const slot = slotNameFor(oldPrimary);
  await withNode(candidateTarget, async (client) => {
    if (await ensureSlot(client, slot)) log.step(`created slot ${slot} on ${service} for ${oldPrimary}`);
  });
  const address = ctx.control.internalAddress(service);
  // The model's replication login when it knows one (a passfile in the candidate's conninfo is a path inside
  // the candidate's container, which the old primary's may lack), else the candidate's own conninfo.
  const { conn } = replicationLogin(ctx, targetOf(ctx, oldPrimary), { text: replicationConninfo, from: service });
  conn.set('host', address.host);
  conn.set('port', String(address.port));
  conn.delete('hostaddr');
  conn.set('application_name', oldPrimary);
  const source: [string, string][] = [
    ['host', address.host],
    ['port', String(address.port)],
    ['user', candidateTarget.user],
    ['password', candidateTarget.password ?? ''],
    ['dbname', candidateTarget.database],
    ['connect_timeout', '10'],
  ];
  log.step(`rewinding ${oldPrimary} onto ${service}'s timeline`);
  const rejoin = await ctx.control.runOnData(oldPrimary, REJOIN_SCRIPT, {
    ...standbyEnvironment(conn, slot),
    PGHA_SOURCE: formatConninfo(source),
    PGHA_TIMEOUT_S: String(Math.ceil(Math.max(stepTimeout(ctx), 600_000) / 1000)),
  });
  const said = rejoin.output.split('\n').filter((l) => l.startsWith('pgha:') || /no rewind required|Done!|servers diverged/i.test(l));
  for (const line of said) log.step(`${oldPrimary}: ${line.replace(/^pgha: /, '')}`);
  if (rejoin.exitCode !== 0) {
    throw new Error(`could not rejoin ${oldPrimary} as a replica (exit ${rejoin.exitCode}); it stays stopped, ${service} is the primary. Output:\n${rejoin.output.slice(-2000)}`);
  }
  log.step(`starting ${oldPrimary} as a replica of ${service}`);
  await ctx.control.start(oldPrimary);
  await pollUntil(() => isStreamingFrom(ctx, oldPrimary, service).catch(() => false), { what: `${oldPrimary} to stream from ${service}`, timeoutMs: stepTimeout(ctx) * 2 });
  log.step(`${oldPrimary} streams from ${service}`);
}

/**
 * Switchover: clean stop of the primary, promote `service`, bring the old primary back as its replica
 * (pg_rewind, else base backup), re-point the other replicas. Refuses unless `service` streams from the primary.
 */
export async function switchover(ctx: ActionContext, service: string): Promise<ActionReport> {
  const log = new ActionLog(`switchover to ${service}`, ctx);
  const snapshot = await observe(ctx);
  const oldPrimary = await checkCandidate(ctx, log, snapshot, service);
  const { syncNames, replicationConninfo } = await stopOldPrimary(ctx, log, oldPrimary, service);
  await promoteNode(ctx, log, service);
  const standbys = snapshot.nodes.filter((n) => n.service !== service && (n.state === 'up' || n.service === oldPrimary)).map((n) => n.service);
  await adjustSynchronousNames(ctx, log, service, standbys, syncNames.trim() !== '');
  await rejoinAsReplica(ctx, log, oldPrimary, service, replicationConninfo);
  for (const follower of followersOf(snapshot, service, [oldPrimary])) {
    if (follower.state !== 'up') {
      log.warn(`${follower.service} is ${follower.state}; point it at ${service} once it is back`);
      continue;
    }
    await repointReplica(ctx, log, follower.service, service);
  }
  return log.report();
}
