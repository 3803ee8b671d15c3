/**
 * Actions on a logical subscription row of the tree (enable, disable, refresh, skip), through the same core as
 * `pgha subscription`. Skip reads the failing transaction from the subscriber's log and asks first, showing the
 * LSN and the error (its rows are lost on this side).
 */
import * as vscode from 'vscode';
import { ActionLog, targetOf } from '../../../../cluster/failover/context';
import { failingFromLog, runSubscriptionAction } from '../../../../cluster/logical/act';
import type { SubscriptionAction } from '../../../../cluster/logical/subscriptions';
import { confirmAction } from '../confirm';
import { isTreeNode, runtimes, showFailure } from '../cluster/shared';
import type { Ctx } from '../../ctx';
import type { CommandFactory } from '../index';
import { runAction } from './actions';

/** The subscription a tree row stands for (detail rows of subscriptions have ids "sub:NAME"). */
function subscriptionOf(arg: unknown) {
  if (!isTreeNode(arg) || arg.kind !== 'detail' || !arg.row.id.startsWith('sub:')) return undefined;
  return { cluster: arg.cluster, service: arg.node.service, name: arg.row.id.slice(4) };
}

async function skipLsn(ctx: Ctx, project: string, service: string, name: string, confirmed?: boolean): Promise<string | undefined> {
  const runtime = await runtimes(ctx).forProject(project).catch(() => undefined);
  const failing = await failingFromLog(runtime, project, service, name);
  if (!failing) {
    void vscode.window.showWarningMessage(`PostgreSQL HA: the log of ${service} shows no failing transaction of "${name}"; use \`pgha subscription … skip --lsn\` with the error's "finished at" position.`);
    return undefined;
  }
  const pick = await confirmAction(`Skip the transaction of "${name}" finishing at ${failing.lsn}?`, `${failing.error ?? 'The apply worker fails on it.'}\n\nIts changes are not applied on ${service}: the two sides then differ until you mend them.`, ['Skip Transaction'], confirmed);
  return pick ? failing.lsn : undefined;
}

/** The command for one action; the subscription comes from the tree row. */
export function subscriptionCommand(action: SubscriptionAction): CommandFactory {
  return (ctx) => async (arg?: unknown, options?: { confirmed?: boolean }) => {
    const sub = subscriptionOf(arg);
    if (!sub) {
      void vscode.window.showInformationMessage('PostgreSQL HA: run this from a subscription row of a subscriber in the Clusters view.');
      return undefined;
    }
    try {
      const lsn = action === 'skip' ? await skipLsn(ctx, sub.cluster.project, sub.service, sub.name, options?.confirmed) : undefined;
      if (action === 'skip' && !lsn) return undefined;
      const title = `${action[0].toUpperCase()}${action.slice(1)} subscription ${sub.name} on ${sub.service}`;
      return await runAction(ctx, title, sub.cluster, async (actx) => {
        const log = new ActionLog(title, actx);
        log.step(await runSubscriptionAction(targetOf(actx, sub.service), sub.name, action, lsn));
        return log.report();
      });
    } catch (error) {
      showFailure(ctx, `Subscription ${sub.name}`, error);
      return undefined;
    }
  };
}

export const SUBSCRIPTION_COMMANDS: Record<string, CommandFactory> = {
  'pgha.subscription.enable': subscriptionCommand('enable'),
  'pgha.subscription.disable': subscriptionCommand('disable'),
  'pgha.subscription.refresh': subscriptionCommand('refresh'),
  'pgha.subscription.skip': subscriptionCommand('skip'),
};
