import { synchronousStandbyNames } from '../../core/guc';
import { type ActionContext, ActionLog, type ActionReport, nodeOf, observe, targetOf, UnsafeActionError, withNode } from './context';

/**
 * Synchronous or asynchronous replication on the primary (synchronous_standby_names + reload).
 * Going synchronous refuses when none of the named standbys streams now (every commit would hang).
 */
export async function setReplicationMode(ctx: ActionContext, mode: 'sync' | 'async', standbys?: string[]): Promise<ActionReport> {
  const log = new ActionLog(`replication ${mode}`, ctx);
  const snapshot = await observe(ctx);
  if (snapshot.primaries.length !== 1) throw new Error(`needs exactly one running primary; found ${snapshot.primaries.join(', ') || 'none'}`);
  const primary = snapshot.primaries[0];
  const primaryNode = nodeOf(snapshot, primary);
  let value = '';
  if (mode === 'sync') {
    const names = standbys?.length ? standbys : snapshot.nodes.filter((n) => n.role === 'replica' && n.upstream === primary).map((n) => n.service);
    if (names.length === 0) throw new Error(`${primary} has no replica to wait for; add one first`);
    const streamingNames = new Set(primaryNode.replication.filter((r) => r.state === 'streaming').map((r) => r.applicationName));
    if (!names.some((n) => streamingNames.has(n)) && !ctx.force) {
      throw new UnsafeActionError('synchronous replication', [
        `none of ${names.join(', ')} streams from ${primary} under that application_name (streaming: ${[...streamingNames].join(', ') || 'none'}); every commit would wait forever`,
      ]);
    }
    value = synchronousStandbyNames(names);
  }
  await withNode(targetOf(ctx, primary), async (client) => {
    await client.query(`ALTER SYSTEM SET synchronous_standby_names = ${client.escapeLiteral(value)}`);
    await client.query('SELECT pg_reload_conf()');
  });
  log.step(value ? `${primary}: synchronous_standby_names = ${value}, reloaded` : `${primary}: synchronous_standby_names cleared, reloaded (asynchronous)`);
  return log.report();
}

/** Pauses or resumes WAL replay on a replica (it keeps receiving WAL meanwhile). */
export async function setReplayPaused(ctx: ActionContext, service: string, paused: boolean): Promise<ActionReport> {
  const log = new ActionLog(`${paused ? 'pause' : 'resume'} replay on ${service}`, ctx);
  await withNode(targetOf(ctx, service), async (client) => {
    const recovery = (await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0].r;
    if (!recovery) throw new Error(`${service} is a primary; only a replica replays WAL`);
    await client.query(paused ? 'SELECT pg_wal_replay_pause()' : 'SELECT pg_wal_replay_resume()');
  });
  log.step(`replay on ${service} ${paused ? 'paused: it still receives WAL but applies none' : 'resumed'}`);
  return log.report();
}
