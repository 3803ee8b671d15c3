/**
 * Failover through pgpool-II. Right after a promotion pgha tells every pgpool of the stack through its PCP port,
 * logging in with the stack's pcp.conf: after a crash it detaches the dead old primary (pgpool then finds the
 * promoted node itself); after a switchover it names the new primary (pcp_promote_node -s) and attaches the old
 * primary again once it streams as a replica. Without a PCP login (or when
 * PCP refuses) pgpool has to find out by itself (health check, failover on a backend shutdown, no
 * failover_command), and pgha says so. Either way pgha then waits until pgpool names the new primary; a pgpool that
 * does not within the wait is a warning with the PCP commands that tell it, never a failed promotion.
 */
import { pollUntil } from '../../core/poll';
import { serviceResolver, type PgpoolTarget } from '../monitor/pgpool';
import { readPoolNodes, type PoolNode } from '../monitor/pgpoolNodes';
import type { ActionContext, ActionLog } from './context';
import { pcpAttachNode, pcpDetachNode, pcpPromoteNode, type PcpLogin } from './pcp';

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
export async function followPgpool(ctx: ActionContext, log: ActionLog, newPrimary: string, gone: string[] = [], timeoutMs = PGPOOL_FOLLOW_TIMEOUT_MS): Promise<void> {
  const serviceOf = serviceResolver(ctx.targets);
  for (const target of ctx.pgpool ?? []) {
    const started = Date.now();
    // A crashed old primary is detached (pgpool then finds the promoted node by itself, as after its health check:
    // pcp_promote_node -s with the old primary gone left pgpool's clients unanswered for 20 s in the container
    // test); a cleanly stopped one (switchover) is switched over.
    if (gone.length && target.pcp) await detachGone(ctx, log, target, gone);
    else await tellPgpool(ctx, log, target, newPrimary, 'promote');
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

/** The backend number a pgpool has for `service`, or undefined. */
function backendNumber(ctx: ActionContext, target: PgpoolTarget, service: string): number | undefined {
  const serviceOf = serviceResolver(ctx.targets);
  return target.backends?.find((b) => serviceOf(b.host) === service)?.index;
}

/**
 * pcp_promote_node -s; pgpool refuses it for a node it counts down (its health check timed out on a busy machine,
 * "status: [3] is not valid for failover"): then the node is attached first and the promotion asked again until
 * pgpool has taken it back (it attaches in the background). A node pgpool already has as primary (it found out
 * itself, e.g. from the old primary's shutdown) is done.
 */
async function promoteThroughPcp(login: PcpLogin, id: number): Promise<'told' | 'knew'> {
  const refusal = (error: unknown) => (error instanceof Error ? error.message : String(error));
  try {
    await pcpPromoteNode(login, id);
    return 'told';
  } catch (error) {
    if (/already primary node/.test(refusal(error))) return 'knew';
    if (!/not valid for failover/.test(refusal(error))) throw error;
  }
  await pcpAttachNode(login, id);
  await pollUntil(() => pcpPromoteNode(login, id).then(() => true), { what: `pgpool to take node ${id} back before promoting it`, timeoutMs: 5000, intervalMs: 200, isFatal: (e) => !/not valid for failover/.test(refusal(e)) });
  return 'told';
}

/** Tells one pgpool through PCP that `service` is its primary (promote) or is back as a replica (attach); true when done. */
async function tellPgpool(ctx: ActionContext, log: ActionLog, target: PgpoolTarget, service: string, what: 'promote' | 'attach'): Promise<boolean> {
  const name = `${target.service} (pgpool-II)`;
  const id = backendNumber(ctx, target, service);
  const command = what === 'promote' ? `pcp_promote_node -n ${id} -s` : `pcp_attach_node -n ${id}`;
  if (!target.pcp) {
    log.step(`${name} cannot be told through PCP (${target.pcpWhy ?? 'no PCP login'}): ${what === 'promote' ? 'waiting for its own health check to notice' : `run ${command} once it streams`}`);
    return false;
  }
  if (id === undefined) {
    log.warn(`${name} has no backend for ${service} in its configuration: it cannot send ${what === 'promote' ? 'writes' : 'reads'} there`);
    return false;
  }
  try {
    const done = what === 'promote' ? await promoteThroughPcp(target.pcp, id) : await pcpAttachNode(target.pcp, id).then(() => 'told' as const);
    if (done === 'knew') log.step(`${name} already has node ${id} (${service}) as its primary (found out itself)`);
    else log.step(what === 'promote' ? `told ${name} through PCP: node ${id} (${service}) is the primary, the old primary detached (${command})` : `told ${name} through PCP: node ${id} (${service}) is back as a replica (${command})`);
    return true;
  } catch (error) {
    log.warn(`${name} refused ${command} through PCP (${error instanceof Error ? error.message : String(error)})${what === 'promote' ? ': waiting for its own detection' : ''}`);
    return false;
  }
}

/** After a switchover: every pgpool takes the old primary back as a replica (it detached it when it stopped). */
export async function attachToPgpool(ctx: ActionContext, log: ActionLog, service: string): Promise<void> {
  for (const target of ctx.pgpool ?? []) await tellPgpool(ctx, log, target, service, 'attach');
}

/** Nodes that no longer answer (a crashed old primary) are detached at once; true when pgpool took one. */
async function detachGone(ctx: ActionContext, log: ActionLog, target: PgpoolTarget, gone: string[]): Promise<boolean> {
  let detached = false;
  for (const service of gone) {
    const id = backendNumber(ctx, target, service);
    if (id === undefined || !target.pcp) continue;
    await pcpDetachNode(target.pcp, id).then(
      () => {
        detached = true;
        log.step(`told ${target.service} (pgpool-II) through PCP: node ${id} (${service}) is gone (pcp_detach_node -n ${id}); it looks for the new primary`);
      },
      // pgpool refuses to detach a node it has down already: it looks for the new primary by itself.
      () => log.step(`${target.service} (pgpool-II) has node ${id} (${service}) down already; it looks for the new primary`),
    );
  }
  return detached;
}
