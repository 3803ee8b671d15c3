/**
 * One path for acting on a logical subscription, shared by `pgha subscription` and the extension's tree actions:
 * the failing transaction read from the subscriber's log (for SKIP), then the statement on the subscriber.
 */
import { withNode } from '../failover/context';
import { serverMajor } from '../monitor/queries';
import type { NodeTarget } from '../monitor/types';
import type { ClusterRuntime } from '../runtime/types';
import { actOnSubscription, failingTransaction, type SubscriptionAction } from './subscriptions';

/** The failing transaction of `subscription` in the recent log of `service`, through the runtime that runs it. */
export async function failingFromLog(runtime: ClusterRuntime | undefined, project: string, service: string, subscription: string): Promise<{ lsn: string; error?: string } | undefined> {
  return failingTransaction(await recentLog(runtime, project, service, 2000), subscription);
}

/** The last `tail` lines of a service's log through the runtime that runs it ('' when it runs nowhere). */
export async function recentLog(runtime: ClusterRuntime | undefined, project: string, service: string, tail: number): Promise<string> {
  const node = runtime && (await runtime.list(project)).find((n) => n.service === service);
  if (!runtime || !node) return '';
  const lines: string[] = [];
  await runtime.logs(node.id, { follow: false, tail, onLine: (line) => lines.push(line) });
  return lines.join('\n');
}

/** Runs the action on the subscriber; returns the line to show ("sub: subscription "s" enabled"). */
export async function runSubscriptionAction(target: NodeTarget, name: string, action: SubscriptionAction, lsn?: string): Promise<string> {
  if (action === 'skip' && !lsn) throw new Error(`skipping needs the LSN the failing transaction finishes at`);
  await withNode(
    target,
    async (client) => {
      const major = serverMajor(Number((await client.query('SHOW server_version_num')).rows[0].server_version_num));
      await actOnSubscription(client, name, action, { lsn, major });
    },
    5_000,
  );
  return `${target.service}: subscription "${name}" ${action === 'skip' ? `skips the transaction finishing at ${lsn}` : `${action}d`.replace('refreshd', 'refreshed')}`;
}
