import { pollUntil } from '../../core/poll';
import { standbyEnvironment } from './conninfo';
import { baseBackupError, NON_INTERACTIVE_LOGIN, replicationLogin, type ReplicationLogin } from './login';
import { type ActionContext, ActionCancelledError, ActionLog, type ActionReport, observe, slotNameFor, stepTimeout, targetOf, UnsafeActionError, withNode } from './context';
import { ensureSlot, isStreamingFrom } from './repoint';
import type { ClusterSnapshot, NodeTarget } from '../monitor/types';

// Never interactive: -w fails at once instead of prompting for a password, stdin is closed, and `timeout`
// bounds the whole copy.
const BASEBACKUP_SCRIPT = String.raw`
set -eu
find "$PGDATA" -mindepth 1 -delete 2>/dev/null || true
${NON_INTERACTIVE_LOGIN}
status=0
timeout --kill-after=5 "$PGHA_TIMEOUT_S" pg_basebackup -w -d "$PGHA_REPLICATION" -D "$PGDATA" -X stream -S "$PGHA_SLOT" -c fast -R </dev/null 2>&1 || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then echo "pgha: pg_basebackup did not finish within $PGHA_TIMEOUT_S s"; fi
if [ "$status" -ne 0 ]; then exit "$status"; fi
printf '%s\n' "$PGHA_CONNINFO_LINE" "$PGHA_SLOT_LINE" >> "$PGDATA/postgresql.auto.conf"
echo "pgha: base backup done"
`;

export interface AddReplicaOptions {
  service: string;
  /** Loopback port to publish the new node's PostgreSQL on. */
  hostPort: number;
  /** Node to copy image/command/network from; default: the primary. */
  template?: string;
  /** Upper bound for the base backup; default 10 minutes. */
  baseBackupTimeoutMs?: number;
}

/** The replication login of a new standby of `primary`: from the model, else from a running replica's conninfo. */
async function newStandbyLogin(ctx: ActionContext, log: ActionLog, snapshot: ClusterSnapshot, primary: string, service: string): Promise<ReplicationLogin> {
  const existingReplica = snapshot.nodes.find((n) => n.state === 'up' && n.role === 'replica')?.service;
  const existing = existingReplica
    ? { text: await withNode(targetOf(ctx, existingReplica), async (c) => (await c.query<{ v: string }>(`SELECT current_setting('primary_conninfo') AS v`)).rows[0].v), from: existingReplica }
    : undefined;
  const { conn, source } = replicationLogin(ctx, targetOf(ctx, primary), existing);
  // A passfile there is a path inside that replica's container: the new one may not have it.
  conn.delete('passfile');
  log.step(`base backup logs in as ${conn.get('user') ?? 'postgres'} (credentials from ${source})`);
  const address = ctx.control.internalAddress(primary);
  conn.set('host', address.host);
  conn.set('port', String(address.port));
  conn.delete('hostaddr');
  conn.set('application_name', service);
  if (!conn.has('connect_timeout')) conn.set('connect_timeout', '10');
  return { conn, source };
}

/**
 * Adds a replica: a slot on the primary, a base backup into a new volume, a new container streaming from it.
 * Returns the report and the target to monitor the new node with.
 */
export async function addReplica(ctx: ActionContext, options: AddReplicaOptions): Promise<ActionReport & { target: NodeTarget }> {
  const log = new ActionLog(`add replica ${options.service}`, ctx);
  if (!ctx.control.createNode) throw new Error('adding a replica needs a container engine; this cluster is attached for monitoring only');
  if (ctx.targets.some((t) => t.service === options.service)) throw new Error(`a node named '${options.service}' already exists; choose another name`);
  const snapshot = await observe(ctx);
  if (snapshot.primaries.length !== 1) throw new Error(`needs exactly one running primary; found ${snapshot.primaries.join(', ') || 'none'}`);
  const primary = snapshot.primaries[0];
  const primaryTarget = targetOf(ctx, primary);
  const slot = slotNameFor(options.service);
  const { conn, source } = await newStandbyLogin(ctx, log, snapshot, primary, options.service);
  await withNode(primaryTarget, async (client) => {
    if (await ensureSlot(client, slot)) log.step(`created slot ${slot} on ${primary}`);
  });
  log.step(`base backup of ${primary} into a new volume for ${options.service}`);
  try {
    await ctx.control.createNode(options.template ?? primary, options.service, options.hostPort, {
      script: BASEBACKUP_SCRIPT,
      env: { ...standbyEnvironment(conn, slot), PGHA_TIMEOUT_S: String(Math.ceil((options.baseBackupTimeoutMs ?? 600_000) / 1000)) },
    });
  } catch (error) {
    await dropIdleSlot(primaryTarget, slot);
    throw baseBackupError(error, conn.get('user') ?? 'postgres', Boolean(conn.get('password')), source);
  }
  if (ctx.signal?.aborted) {
    // Cancelled while the copy ran: undo it, so the cluster is as it was (the old state), and say so.
    await ctx.control.removeNode?.(options.service, { volumes: true }).catch(() => undefined);
    await dropIdleSlot(primaryTarget, slot);
    throw new ActionCancelledError(`add replica ${options.service}`, [...log.steps, `removed the new node ${options.service} and slot ${slot} again`]);
  }
  log.commit(); // the node runs: a cancel from here waits until it streams (the new state)
  log.step(`started ${options.service} on 127.0.0.1:${options.hostPort}`);
  const target: NodeTarget = { ...primaryTarget, service: options.service, port: options.hostPort, expectedRole: 'replica', upstream: primary, slot, aliases: [options.service] };
  await waitStreaming({ ...ctx, targets: [...ctx.targets, target] }, log, options.service, primary);
  return { ...log.report(), target };
}

/** Waits until `service` (a target of ctx) streams from `primary`. */
export async function waitStreaming(ctx: ActionContext, log: ActionLog, service: string, primary: string): Promise<void> {
  await pollUntil(() => isStreamingFrom(ctx, service, primary).catch(() => false), { what: `${service} to stream from ${primary}`, timeoutMs: stepTimeout(ctx) });
  log.step(`${service} streams from ${primary} through slot ${slotNameFor(service)}`);
}

/** Drops `slot` on `upstream` once nothing streams through it (the removed replica's walsender ends). */
export async function releaseSlot(ctx: ActionContext, log: ActionLog, upstream: string, slot: string): Promise<void> {
  const dropped = await pollUntil(
    () =>
      withNode(targetOf(ctx, upstream), async (client) => {
        const exists = await client.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
        if (exists.rowCount === 0) return 'absent';
        if (exists.rows[0].active) return false;
        await client.query('SELECT pg_drop_replication_slot($1)', [slot]);
        return 'dropped';
      }),
    { what: `slot ${slot} on ${upstream} to be released`, timeoutMs: stepTimeout(ctx) },
  );
  log.step(dropped === 'dropped' ? `dropped slot ${slot} on ${upstream}` : `no slot ${slot} on ${upstream}`);
}

/**
 * Removes a replica: its container (and volume when asked) and its slot on the upstream. Refuses when it is
 * the only synchronous standby (commits would hang) unless forced.
 */
export async function removeReplica(ctx: ActionContext, service: string, options: { volumes: boolean } = { volumes: true }): Promise<ActionReport> {
  const log = new ActionLog(`remove replica ${service}`, ctx);
  if (!ctx.control.removeNode) throw new Error('removing a replica needs a container engine; this cluster is attached for monitoring only');
  const snapshot = await observe(ctx);
  const node = snapshot.nodes.find((n) => n.service === service);
  if (!node) throw new Error(`no node named '${service}'`);
  if (node.role === 'primary') throw new Error(`${service} is the primary; switch over to another node before removing it`);
  const upstream = node.upstream ?? snapshot.primaries[0];
  const slot = node.slot ?? slotNameFor(service);
  if (upstream) {
    const rows = snapshot.nodes.find((n) => n.service === upstream)?.replication ?? [];
    const sync = rows.filter((r) => r.syncState === 'sync' || r.syncState === 'quorum');
    if (sync.length === 1 && sync[0].applicationName === service && !rows.some((r) => r.applicationName !== service && r.syncState === 'potential') && !ctx.force) {
      throw new UnsafeActionError(`remove ${service}`, [`${service} is the only synchronous standby of ${upstream}; without it every commit waits — switch to asynchronous first`]);
    }
  }
  log.commit(); // a cancel before this keeps the node (the old state); from here the removal finishes (the new state)
  log.step(`stopping and removing ${service}`);
  await ctx.control.removeNode(service, options);
  log.step(`removed the container of ${service}${options.volumes ? ' and its data volume' : ' (data volume kept)'}`);
  if (upstream) await releaseSlot(ctx, log, upstream, slot);
  return log.report();
}

/** Drops `slot` on the node when nothing streams through it (a half-made replica's). */
export async function dropIdleSlot(target: NodeTarget, slot: string): Promise<void> {
  await withNode(target, (c) => c.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active', [slot])).catch(() => undefined);
}
