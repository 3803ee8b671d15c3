/**
 * One summary of each logical subscription for `pgha status` (text and --json), the status bar and the tree:
 * state (running, syncing, disabled, failing), lag in bytes as its publisher's slot holds it (the publisher's
 * current WAL position minus what the subscription confirmed), tables by sync state, and error counts.
 */
import type { ClusterSnapshot, NodeView, SubscriptionRow, TableSyncState } from './types';

export type SubscriptionState = 'running' | 'syncing' | 'disabled' | 'failing';

export interface SubscriptionJson {
  name: string;
  enabled: boolean;
  state: SubscriptionState;
  /** WAL the publisher keeps for it (its slot of the same name on a node of the snapshot); null when not found. */
  lagBytes: number | null;
  tables: Partial<Record<TableSyncState, number>>;
  /** Apply + table-sync errors since the stats were reset (15+); null before 15. */
  errors: number | null;
  /** Conflicts met while applying (18+); null before. */
  conflicts: number | null;
  /** The worker's last error, from the subscriber's log (present when read: failing or with errors). */
  lastError?: string;
}

export function subscriptionState(sub: SubscriptionRow): SubscriptionState {
  if (!sub.enabled) return 'disabled';
  if (sub.pid === null) return 'failing';
  return Object.keys(sub.tables).some((state) => state !== 'ready') ? 'syncing' : 'running';
}

/** The subscription's slot on a publisher of the snapshot (slot name defaults to the subscription's name). */
function lagOf(snapshot: ClusterSnapshot, subscriber: NodeView, sub: SubscriptionRow): number | null {
  const slots = snapshot.nodes.filter((n) => n !== subscriber).flatMap((n) => n.slots.filter((s) => s.name === sub.name));
  return slots.length === 1 ? slots[0].retainedBytes : null;
}

export function subscriptionJson(snapshot: ClusterSnapshot, node: NodeView): SubscriptionJson[] {
  return node.subscriptions.map((sub) => ({
    name: sub.name,
    enabled: sub.enabled,
    state: subscriptionState(sub),
    lagBytes: lagOf(snapshot, node, sub),
    tables: sub.tables,
    errors: sub.applyErrors === null && sub.syncErrors === null ? null : (sub.applyErrors ?? 0) + (sub.syncErrors ?? 0),
    conflicts: sub.conflicts,
    ...(sub.lastError ? { lastError: sub.lastError } : {}),
  }));
}

/** "2 subscriptions (1 failing)" — for the status bar; empty without subscriptions. */
export function subscriptionsText(snapshot: ClusterSnapshot): string {
  const all = snapshot.nodes.flatMap((n) => n.subscriptions.map(subscriptionState));
  if (!all.length) return '';
  const off = (['failing', 'disabled', 'syncing'] as const).map((s) => [s, all.filter((x) => x === s).length] as const).filter(([, n]) => n > 0);
  return `${all.length} subscription${all.length === 1 ? '' : 's'}${off.length ? ` (${off.map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}`;
}

/** One line per subscription for text output and tooltips. */
export function subscriptionLines(snapshot: ClusterSnapshot, lagText: (bytes: number | null) => string): string[] {
  return snapshot.nodes.flatMap((node) =>
    subscriptionJson(snapshot, node).map((s) => {
      const tables = Object.entries(s.tables).map(([state, n]) => `${n} ${state}`).join(', ') || 'no tables';
      return `subscription ${s.name} on ${node.service}: ${s.state} · ${tables} · lag ${lagText(s.lagBytes)}${s.errors ? ` · ${s.errors} errors` : ''}${s.lastError ? ` · last error: ${s.lastError}` : ''}`;
    }),
  );
}
