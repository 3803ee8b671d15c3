/**
 * After a stack is up: wait until every logical subscription of its nodes has all its tables `ready` (the initial
 * copy done, changes streaming). A subscription whose apply worker keeps failing ends the wait at once with the
 * reason, instead of running into the timeout.
 */
import { pollUntil } from '../../core/poll';
import { Monitor } from '../monitor/monitor';
import type { ClusterSnapshot, NodeTarget, SubscriptionRow } from '../monitor/types';

export interface SubscriptionWaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** How long an enabled subscription may run without an apply worker before it counts as failing (default 15 s). */
  failingAfterMs?: number;
}

/** Every enabled subscription not ready yet: without an apply worker, or with tables still copying. */
function pending(snapshot: ClusterSnapshot): { node: string; sub: SubscriptionRow }[] {
  return snapshot.nodes.flatMap((node) =>
    node.subscriptions.filter((sub) => sub.enabled && (sub.pid === null || Object.entries(sub.tables).some(([state, n]) => state !== 'ready' && (n ?? 0) > 0))).map((sub) => ({ node: node.service, sub })),
  );
}

const describe = ({ node, sub }: { node: string; sub: SubscriptionRow }) => {
  const total = Object.values(sub.tables).reduce((a, n) => a + (n ?? 0), 0);
  return `${node}: subscription ${sub.name} ${sub.tables.ready ?? 0}/${total} tables ready${sub.pid === null ? ', no apply worker yet' : ''}`;
};

/** Resolves with the number of subscriptions seen (0 when the stack has none); throws on timeout or a failing worker. */
export async function waitForSubscriptions(targets: NodeTarget[], options: SubscriptionWaitOptions): Promise<number> {
  const monitor = new Monitor(targets);
  const since = new Map<string, number>();
  let last = '';
  try {
    return await pollUntil(
      async () => {
        const snapshot = await monitor.refresh();
        const waiting = pending(snapshot);
        const now = Date.now();
        for (const item of waiting.filter((w) => w.sub.pid === null)) {
          const key = `${item.node}/${item.sub.name}`;
          if (!since.has(key)) since.set(key, now);
          if (now - since.get(key)! > (options.failingAfterMs ?? 15_000)) {
            throw Object.assign(new Error(`${key}: the apply worker is not running (its log says why, e.g. pgha logs or docker logs)`), { fatal: true });
          }
        }
        const message = waiting.map(describe).join('; ');
        if (message && message !== last) options.onProgress?.(message);
        last = message;
        // 0 (no subscription at all) is an answer too: only undefined/null/false keep polling.
        return waiting.length === 0 && snapshot.nodes.reduce((n, node) => n + node.subscriptions.length, 0);
      },
      { what: 'every logical subscription to be ready', timeoutMs: options.timeoutMs, signal: options.signal, intervalMs: 500, isFatal: (e) => (e as { fatal?: boolean }).fatal === true },
    );
  } finally {
    await monitor.dispose();
  }
}
