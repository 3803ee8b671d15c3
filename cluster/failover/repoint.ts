import type { Client } from 'pg';
import { repointConninfo } from './conninfo';
import { pollUntil } from '../../core/poll';
import { type ActionContext, type ActionLog, slotNameFor, stepTimeout, targetOf, withNode } from './context';

/** Creates a physical slot on `primary` unless it exists. Returns true when created. */
export async function ensureSlot(client: Client, slot: string): Promise<boolean> {
  const result = await client.query(
    `SELECT pg_create_physical_replication_slot($1, true) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = $1)`,
    [slot],
  );
  return (result.rowCount ?? 0) > 0;
}

async function setting(client: Client, name: string): Promise<{ value: string; context: string; source: string }> {
  const result = await client.query<{ setting: string; context: string; source: string }>(
    'SELECT setting, context, source FROM pg_settings WHERE name = $1',
    [name],
  );
  const row = result.rows[0];
  return { value: row?.setting ?? '', context: row?.context ?? 'sighup', source: row?.source ?? 'default' };
}

/**
 * Points a replica at `newPrimary`: a slot for it there, then primary_conninfo/primary_slot_name through
 * ALTER SYSTEM, applied by reload (13+) or restart when the setting needs one. Waits until it streams.
 */
export async function repointReplica(ctx: ActionContext, log: ActionLog, replica: string, newPrimary: string): Promise<void> {
  const replicaTarget = targetOf(ctx, replica);
  const primaryTarget = targetOf(ctx, newPrimary);
  const address = ctx.control.internalAddress(newPrimary);
  const { needsRestart, slot } = await withNode(replicaTarget, async (client) => {
    const conninfo = await setting(client, 'primary_conninfo');
    if (conninfo.source === 'command line' || conninfo.source === 'environment variable') {
      throw new Error(
        `${replica} sets primary_conninfo on its command line, which ALTER SYSTEM cannot override; remove "-c primary_conninfo=…" from its compose command and let the replica keep it in postgresql.auto.conf`,
      );
    }
    const currentSlot = (await setting(client, 'primary_slot_name')).value;
    const clusterName = (await setting(client, 'cluster_name')).value;
    const slotName = currentSlot || slotNameFor(replica);
    await withNode(primaryTarget, async (primary) => {
      if (await ensureSlot(primary, slotName)) log.step(`created slot ${slotName} on ${newPrimary}`);
    });
    const next = repointConninfo(conninfo.value, address.host, address.port, clusterName || replica);
    await client.query(`ALTER SYSTEM SET primary_conninfo = ${client.escapeLiteral(next)}`);
    await client.query(`ALTER SYSTEM SET primary_slot_name = ${client.escapeLiteral(slotName)}`);
    await client.query('SELECT pg_reload_conf()');
    return { needsRestart: conninfo.context === 'postmaster', slot: slotName };
  });
  if (needsRestart) {
    log.step(`restarting ${replica}: its major reads primary_conninfo only at start`);
    await ctx.control.restart(replica);
  }
  log.step(`re-pointed ${replica} to ${newPrimary} (${address.host}:${address.port}, slot ${slot})`);
  await pollUntil(() => isStreamingFrom(ctx, replica, newPrimary), { what: `${replica} to stream from ${newPrimary}`, timeoutMs: stepTimeout(ctx) });
  log.step(`${replica} streams from ${newPrimary}`);
}

/** True when the replica's WAL receiver streams from the given node (by its internal address). */
export async function isStreamingFrom(ctx: ActionContext, replica: string, upstream: string): Promise<boolean> {
  const address = ctx.control.internalAddress(upstream);
  return withNode(targetOf(ctx, replica), async (client) => {
    const result = await client.query<{ status: string; sender_host: string; sender_port: number }>(
      'SELECT status, sender_host, sender_port FROM pg_stat_wal_receiver',
    );
    const row = result.rows[0];
    return row?.status === 'streaming' && row.sender_host === address.host && Number(row.sender_port) === address.port;
  });
}
