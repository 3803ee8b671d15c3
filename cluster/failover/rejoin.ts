import { managedRefusal } from '../managed/patroniActions';
/**
 * Rejoin: turns a former primary (stopped, fenced, or running behind pgha's back) into a streaming replica of the
 * current primary — pg_rewind onto the primary's timeline, a fresh base backup when pg_rewind cannot run — and
 * records it in the cluster history (cluster/history). Switchover uses the same step for its demoted primary.
 */
import { recordRejoin } from '../history/record';
import { formatConninfo } from '../../core/conninfo';
import { pollUntil } from '../../core/poll';
import { standbyEnvironment } from './conninfo';
import { type ActionContext, ActionLog, type ActionReport, nodeOf, observe, slotNameFor, stampData, stepTimeout, targetOf, UnsafeActionError, withNode } from './context';
import { NON_INTERACTIVE_LOGIN, replicationLogin } from './login';
import { ensureSlot, isStreamingFrom } from './repoint';

/**
 * Rewrites a stopped former primary's data directory into a standby of `source`: pg_rewind first, a fresh
 * base backup when pg_rewind cannot run (no wal_log_hints/checksums, unusable history). The slots it kept as a
 * primary would pin WAL on a standby nobody streams from: they go.
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
if [ -d "$PGDATA/pg_replslot" ] && [ -n "$(ls -A "$PGDATA/pg_replslot")" ]; then
  find "$PGDATA/pg_replslot" -mindepth 1 -delete
  echo "pgha: dropped the replication slots it kept as a primary"
fi
touch "$PGDATA/standby.signal"
printf '%s\n' "$PGHA_CONNINFO_LINE" "$PGHA_SLOT_LINE" >> "$PGDATA/postgresql.auto.conf"
`;

/** The environment of REJOIN_SCRIPT: where to rewind from, how to stream, and the standby settings to append. */
function rejoinEnvironment(ctx: ActionContext, node: string, primary: string, replicationConninfo: string): Record<string, string> {
  const primaryTarget = targetOf(ctx, primary);
  const address = ctx.control.internalAddress(primary);
  // The model's replication login when it knows one (a passfile in the primary's old conninfo is a path inside
  // its container, which the rejoining node's may lack), else that conninfo.
  const { conn } = replicationLogin(ctx, targetOf(ctx, node), { text: replicationConninfo, from: primary });
  conn.set('host', address.host);
  conn.set('port', String(address.port));
  conn.delete('hostaddr');
  conn.set('application_name', node);
  const source = new Map([
    ['host', address.host],
    ['port', String(address.port)],
    ['user', primaryTarget.user],
    ['password', primaryTarget.password ?? ''],
    ['dbname', primaryTarget.database],
    ['connect_timeout', '10'],
  ]);
  return {
    ...standbyEnvironment(conn, slotNameFor(node)),
    PGHA_SOURCE: formatConninfo(source),
    PGHA_TIMEOUT_S: String(Math.ceil(Math.max(stepTimeout(ctx), 600_000) / 1000)),
  };
}

/**
 * Makes the stopped `node` a replica of the running `primary` and starts it; resolves once it streams.
 * `replicationConninfo`: a conninfo that streams from the cluster (a standby's primary_conninfo).
 */
export async function rejoinAsReplica(ctx: ActionContext, log: ActionLog, node: string, primary: string, replicationConninfo: string): Promise<void> {
  const slot = slotNameFor(node);
  await withNode(targetOf(ctx, primary), async (client) => {
    if (await ensureSlot(client, slot)) log.step(`created slot ${slot} on ${primary} for ${node}`);
  });
  log.step(`rewinding ${node} onto ${primary}'s timeline`);
  const rejoined = await ctx.control.runOnData(node, REJOIN_SCRIPT, rejoinEnvironment(ctx, node, primary, replicationConninfo));
  const said = rejoined.output.split('\n').filter((l) => l.startsWith('pgha:') || /no rewind required|Done!|servers diverged/i.test(l));
  for (const line of said) log.step(`${node}: ${line.replace(/^pgha: /, '')}`);
  if (rejoined.exitCode !== 0) {
    throw new Error(`could not rejoin ${node} as a replica (exit ${rejoined.exitCode}); it stays stopped, ${primary} is the primary. Output:\n${rejoined.output.slice(-2000)}`);
  }
  log.step(`starting ${node} as a replica of ${primary}`);
  await ctx.control.start(node);
  await pollUntil(() => isStreamingFrom(ctx, node, primary).catch(() => false), { what: `${node} to stream from ${primary}`, timeoutMs: stepTimeout(ctx) * 2 });
  log.step(`${node} streams from ${primary}`);
  const warning = recordRejoin(ctx.history, node, primary);
  if (warning) log.warn(warning);
  await stampData(ctx, log);
}

/** The primary `service` should follow: the one other node that accepts writes (pgha's last promoted when several). */
function primaryToFollow(ctx: ActionContext, writable: string[], service: string): string {
  const others = writable.filter((p) => p !== service);
  const recorded = ctx.history?.read().primary;
  if (others.length > 1 && recorded && others.includes(recorded)) return recorded;
  if (others.length !== 1) throw new Error(`cannot rejoin ${service}: it needs exactly one other running primary to follow; found ${others.length ? others.join(', ') : 'none'}`);
  return others[0];
}

/**
 * `pgha rejoin` / "Rejoin as Replica": stops `service` when it runs (a primary started behind pgha's back), rewinds
 * it onto the current primary and starts it as that primary's replica. Refuses (unless forced) to demote the node
 * pgha itself promoted last.
 */
export async function rejoin(ctx: ActionContext, service: string): Promise<ActionReport> {
  if (ctx.managed) throw new Error(managedRefusal(`rejoin of ${service}`, ctx.managed, 'start its node: Patroni rejoins a former leader itself (pg_rewind or a new base backup)'));
  const log = new ActionLog(`rejoin ${service}`, ctx);
  const snapshot = await observe(ctx);
  const node = nodeOf(snapshot, service);
  const primary = primaryToFollow(ctx, snapshot.primaries, service);
  if (node.state === 'up' && node.role === 'replica' && node.upstream === primary && node.streaming) {
    log.step(`${service} already streams from ${primary}; nothing to do`);
    recordRejoin(ctx.history, service, primary);
    return log.report();
  }
  if (ctx.history?.read().primary === service && !ctx.force) {
    throw new UnsafeActionError(`rejoin ${service}`, [`pgha promoted ${service} last; it is the primary to keep — rejoin ${primary} instead`]);
  }
  const replicationConninfo = await withNode(targetOf(ctx, primary), async (client) => (await client.query<{ v: string }>(`SELECT current_setting('primary_conninfo') AS v`)).rows[0].v);
  log.commit(); // from here the node is stopped and rewritten: a cancel finishes the rejoin instead of leaving it half-done
  if (node.state === 'up') {
    log.step(`stopping ${service} cleanly (fast shutdown)`);
    await ctx.control.signal(service, 'SIGINT');
    await ctx.control.waitStopped(service, stepTimeout(ctx));
  }
  await rejoinAsReplica(ctx, log, service, primary, replicationConninfo);
  return log.report();
}
