/**
 * Failover through pgpool-II. pgpool finds out by itself (the stack's pgpool.conf asks it to: a health check
 * every second, failover on a backend shutdown, no failover_command): it detaches the old primary when that stops
 * answering, then looks for the node that is no longer in recovery and sends writes there. After a promotion pgha
 * waits until every pgpool of the stack names the new primary, and says so; a pgpool that does not within the
 * wait is a warning with the PCP commands that tell it, never a failed promotion.
 */
import { pollUntil } from '../../core/poll';
import { serviceResolver, type PgpoolTarget } from '../monitor/pgpool';
import { readPoolNodes, type PoolNode } from '../monitor/pgpoolNodes';
import type { ActionContext, ActionLog } from './context';

/** How long pgpool gets to see a promotion (its health check period plus the primary search). */
export const PGPOOL_FOLLOW_TIMEOUT_MS = 20_000;

/** The node pgpool sends writes to, as a service, or undefined. */
function pgpoolPrimary(nodes: PoolNode[], serviceOf: (host: string) => string): string | undefined {
  const primary = nodes.find((n) => n.role === 'primary' && n.status !== 'down');
  return primary ? serviceOf(primary.host) : undefined;
}

/** Waits until one pgpool names `newPrimary`; its nodes then, or undefined with the last nodes seen. */
async function awaitPrimary(ctx: ActionContext, target: PgpoolTarget, newPrimary: string, timeoutMs: number): Promise<{ nodes: PoolNode[]; seen: boolean }> {
  const serviceOf = serviceResolver(ctx.targets);
  let last: PoolNode[] = [];
  try {
    const nodes = await pollUntil(
      async () => {
        last = (await readPoolNodes(target)).nodes;
        return pgpoolPrimary(last, serviceOf) === newPrimary ? last : undefined;
      },
      { what: `${target.service} (pgpool-II) to send writes to ${newPrimary}`, timeoutMs, intervalMs: 250, signal: ctx.signal },
    );
    return { nodes, seen: true };
  } catch {
    return { nodes: last, seen: false };
  }
}

/** After a promotion of `newPrimary`: every pgpool of `ctx.pgpool` names it as primary, or a warning says how to tell it. */
export async function followPgpool(ctx: ActionContext, log: ActionLog, newPrimary: string, timeoutMs = PGPOOL_FOLLOW_TIMEOUT_MS): Promise<void> {
  const serviceOf = serviceResolver(ctx.targets);
  for (const target of ctx.pgpool ?? []) {
    const started = Date.now();
    const { nodes, seen } = await awaitPrimary(ctx, target, newPrimary, timeoutMs);
    const down = nodes.filter((n) => n.status === 'down').map((n) => serviceOf(n.host));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (seen) {
      log.step(`${target.service} (pgpool-II) sends writes to ${newPrimary} (after ${seconds} s)${down.length ? `; it has ${down.join(', ')} down` : ''}`);
      continue;
    }
    const id = nodes.find((n) => serviceOf(n.host) === newPrimary)?.id;
    const named = pgpoolPrimary(nodes, serviceOf);
    log.warn(
      `${target.service} (pgpool-II) ${named ? `still sends writes to ${named}` : nodes.length ? 'knows no primary' : 'does not answer'} after ${seconds} s: ` +
        `tell it with pcp_promote_node${id === undefined ? '' : ` -n ${id}`} (pgpool 4.3+: -s detaches the old primary too), or let it find out itself ` +
        '(health_check_period > 0, failover_on_backend_shutdown = on, an empty failover_command)',
    );
  }
}
