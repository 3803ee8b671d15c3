import * as assert from 'assert';
import { snapshotToJson, renderStatusText } from '../../../cluster/monitor/format';
import { subscriptionsText } from '../../../cluster/monitor/subscriptionSummary';
import type { ClusterSnapshot, NodeView, SlotRow, SubscriptionRow } from '../../../cluster/monitor/types';
import { summarizeCluster } from '../../../client/src/statusBar/clusterSummary';

const sub = (name: string, enabled: boolean, pid: number | null, tables: SubscriptionRow['tables'], errors: number | null = null): SubscriptionRow => ({
  name, enabled, pid, tables, receivedLsn: null, latestEndLsn: null, lastMessageReceiptTime: null, latestEndTime: null, applyErrors: errors, syncErrors: errors === null ? null : 0, conflicts: null,
});
const slot = (name: string, retainedBytes: number) => ({ name, retainedBytes }) as SlotRow;
const node = (service: string, part: Partial<NodeView>) => ({ service, role: 'primary', state: 'up', health: 'ok', slots: [], subscriptions: [], ...part }) as unknown as NodeView;

const snapshot = {
  nodes: [
    node('publisher', { slots: [slot('shop_sub', 0), slot('audit', 123_456)] }),
    node('subscriber', { subscriptions: [sub('shop_sub', true, 42, { ready: 2 }, 0), sub('audit', false, null, { ready: 1 }, 3), sub('copying', true, 7, { ready: 1, 'data copy': 1 })] }),
  ],
  health: 'warning', problems: [], summary: '2 primaries', maxLagBytes: 0, maxLagSeconds: 0, takenAt: 'now', refreshMs: 3,
} as unknown as ClusterSnapshot;

describe('logical subscriptions in pgha status --json, the text output and the status bar', () => {
  it('lists each node’s subscriptions with name, enabled, state, lagBytes (its publisher slot), tables by state and errors', () => {
    const json = snapshotToJson(snapshot);
    assert.deepStrictEqual(json.nodes[0].subscriptions, []);
    assert.deepStrictEqual(json.nodes[1].subscriptions, [
      { name: 'shop_sub', enabled: true, state: 'running', lagBytes: 0, tables: { ready: 2 }, errors: 0, conflicts: null },
      { name: 'audit', enabled: false, state: 'disabled', lagBytes: 123_456, tables: { ready: 1 }, errors: 3, conflicts: null },
      { name: 'copying', enabled: true, state: 'syncing', lagBytes: null, tables: { ready: 1, 'data copy': 1 }, errors: null, conflicts: null },
    ]);
    assert.match(renderStatusText(snapshot), /^ {2}subscription audit on subscriber: disabled · 1 ready · lag 121 kB · 3 errors$/m);
  });

  it('sums them up in the status bar text and lists them in its tooltip', () => {
    assert.strictEqual(subscriptionsText(snapshot), '3 subscriptions (1 disabled, 1 syncing)');
    const summary = summarizeCluster('shop', snapshot, { lagBytesWarning: 1e6, lagBytesCritical: 1e8, lagSecondsWarning: 10, lagSecondsCritical: 60 } as never);
    assert.match(summary.text, / · 3 subscriptions \(1 disabled, 1 syncing\)$/);
    assert.match(summary.tooltip, /subscription shop_sub on subscriber: running · 2 ready · lag 0 B/);
    const failing = { ...snapshot, nodes: [snapshot.nodes[0], node('subscriber', { subscriptions: [sub('shop_sub', true, null, { ready: 2 })] })] } as ClusterSnapshot;
    assert.strictEqual(subscriptionsText(failing), '1 subscription (1 failing)');
  });
});
