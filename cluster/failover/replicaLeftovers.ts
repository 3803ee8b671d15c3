/**
 * What a killed `pgha replica add` / `pgha replica remove` left, settled by the next command (cli/leftovers.ts):
 * an add killed before its point of no return (the copy was still running) is undone — the half-made node, its
 * data and its slot go, the cluster is as before; killed after it (the node was started) it is finished — wait
 * until the node streams. A remove killed before its point of no return changed nothing; after it, it is finished
 * (node, data when asked, slot). Each outcome says which.
 */
import { type ActionContext, ActionLog, type ActionReport, observe, slotNameFor, targetOf } from './context';
import { dropIdleSlot, releaseSlot, waitStreaming } from './replicas';

export interface ReplicaLeftover {
  operation: 'replica add' | 'replica remove';
  service: string;
  /** remove: its data was to go too. */
  volumes: boolean;
  /** The killed command had passed its point of no return. */
  committed: boolean;
}

export type LeftoverOutcome = 'undone' | 'finished' | 'unchanged';

/** Removes a node that may exist only in part (data without a server, a helper still copying); absent: nothing. */
async function removeIfThere(ctx: ActionContext, service: string, volumes: boolean): Promise<boolean> {
  try {
    await ctx.control.removeNode?.(service, { volumes });
    return true;
  } catch (error) {
    if (/^no (container|native node) for service/.test((error as Error).message)) return false;
    throw error;
  }
}

async function undoAdd(ctx: ActionContext, log: ActionLog, service: string): Promise<void> {
  const removed = await removeIfThere(ctx, service, true);
  log.step(removed ? `removed the half-made node ${service} and its data` : `no node ${service} was created yet`);
  const snapshot = await observe(ctx);
  for (const primary of snapshot.primaries) {
    await dropIdleSlot(targetOf(ctx, primary), slotNameFor(service));
    log.step(`no slot ${slotNameFor(service)} left on ${primary}`);
  }
}

async function finishRemove(ctx: ActionContext, log: ActionLog, left: ReplicaLeftover): Promise<void> {
  const removed = await removeIfThere(ctx, left.service, left.volumes);
  log.step(removed ? `removed ${left.service}${left.volumes ? ' and its data' : ' (data kept)'}` : `${left.service} was already removed`);
  const snapshot = await observe(ctx);
  for (const primary of snapshot.primaries) await releaseSlot(ctx, log, primary, slotNameFor(left.service));
}

/** Settles `left` (see the file comment); throws when it cannot (the journal then stays for the next command). */
export async function settleReplicaLeftover(ctx: ActionContext, left: ReplicaLeftover): Promise<ActionReport & { outcome: LeftoverOutcome }> {
  const log = new ActionLog(`${left.operation} ${left.service}`, { ...ctx, signal: undefined });
  if (left.operation === 'replica remove' && !left.committed) {
    log.step(`nothing had changed: ${left.service} was kept`);
    return { ...log.report(), outcome: 'unchanged' };
  }
  if (left.operation === 'replica remove') {
    await finishRemove(ctx, log, left);
    return { ...log.report(), outcome: 'finished' };
  }
  if (!left.committed || !ctx.targets.some((t) => t.service === left.service)) {
    await undoAdd(ctx, log, left.service);
    return { ...log.report(), outcome: 'undone' };
  }
  const snapshot = await observe(ctx);
  const primary = snapshot.primaries[0];
  if (!primary) throw new Error(`cannot finish adding ${left.service}: no primary answers`);
  await waitStreaming(ctx, log, left.service, primary);
  return { ...log.report(), outcome: 'finished' };
}
