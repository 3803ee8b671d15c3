/**
 * Split brain in the UI: two nodes of a cluster accept writes. The tree shows a problem row (click: rejoin the
 * node to demote), the status bar says "split brain" in the error colour, and a notification offers the repair once
 * per occurrence. Which node keeps the primary role comes from the cluster history (cluster/history).
 */
import * as vscode from 'vscode';
import { composeFileOf, historyStoreFor } from '../../../cluster/history/guard';
import { LastSeenStore } from '../../../cluster/history/lastSeen';
import { currentRoles } from '../../../cluster/history/record';
import { detectSplitBrain, type SplitBrain } from '../../../cluster/history/splitBrain';
import type { HistoryStore } from '../../../cluster/history/store';
import type { ClusterEntry } from './clusters/clusterList';
import type { TreeNode } from './clusterTree';
import type { ClusterWorkspace } from './clusterWorkspace';

export const REJOIN_COMMAND = 'pgha.monitor.rejoin';
export const SPLIT_BRAIN_CONTEXT = 'pgha.splitBrain';

/** Where the cluster's history lives (beside its compose file, else in ~/.pgha/history). */
export function historyOf(cluster: Pick<ClusterEntry, 'project' | 'composeUri'>): HistoryStore {
  return historyStoreFor({ project: cluster.project, uri: cluster.composeUri ?? '' });
}

/** Each node's last seen LSNs (what a promote says about the data a dead primary had), beside the history. */
export function lastSeenOf(cluster: Pick<ClusterEntry, 'project' | 'composeUri'>): LastSeenStore {
  return LastSeenStore.forProject(cluster.project, composeFileOf({ uri: cluster.composeUri ?? '' }));
}

/** A tree-node argument for a command about `service` of `cluster`. */
export function nodeArgument(cluster: ClusterEntry, service: string): TreeNode {
  const instance = cluster.nodes.find((n) => n.service === service);
  return { kind: 'node', cluster, node: { clusterId: cluster.id, project: cluster.project, service, composeUri: cluster.composeUri, instance } };
}

/** The roles pgha last gave the cluster's nodes (empty when it never changed them: the compose roles hold). */
export function lastKnownRoles(cluster: ClusterEntry): Record<string, string> {
  const history = historyOf(cluster).read();
  if (!history.primary) return {};
  const compose = Object.fromEntries((cluster.topology?.services ?? []).map((s) => [s.name, s.role as string]));
  for (const node of cluster.nodes) compose[node.service] ??= node.role;
  return currentRoles(history, compose);
}

export function splitBrainOf(workspace: ClusterWorkspace, cluster: ClusterEntry): SplitBrain | undefined {
  const snapshot = workspace.snapshotOf(cluster.id);
  if (!snapshot || snapshot.primaries.length < 2) return undefined;
  return detectSplitBrain(snapshot, historyOf(cluster).read());
}

/** The tree's problem row for a split brain; clicking it rejoins the node to demote. */
export function splitBrainRow(cluster: ClusterEntry, split: SplitBrain): TreeNode {
  const target = split.rejoin[0];
  return {
    kind: 'message',
    id: `${cluster.id}/splitBrain`,
    label: 'Split brain',
    description: `${split.writable.join(' and ')} accept writes`,
    tooltip: `${split.message}. Click to rejoin ${target} as a replica of ${split.keep} (pg_rewind, else a fresh base backup).`,
    icon: 'error',
    command: { title: `Rejoin ${target} as Replica`, command: REJOIN_COMMAND, arguments: [nodeArgument(cluster, target)] },
    contextValue: SPLIT_BRAIN_CONTEXT,
  };
}

/** Notifies once per split brain (cluster and set of writable nodes) with the repair as the action. */
export class SplitBrainNotifier implements vscode.Disposable {
  private readonly notified = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly workspace: ClusterWorkspace) {
    this.subscription = workspace.onDidChange(() => this.check());
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private check(): void {
    const current = new Set<string>();
    for (const cluster of this.workspace.clusters) {
      const split = splitBrainOf(this.workspace, cluster);
      if (!split) continue;
      const key = `${cluster.id}:${split.writable.join(',')}`;
      current.add(key);
      if (this.notified.has(key)) continue;
      this.notified.add(key);
      const action = `Rejoin ${split.rejoin[0]} as Replica`;
      void vscode.window.showErrorMessage(`PostgreSQL HA: ${cluster.project}: ${split.message}.`, action).then((pick) => {
        if (pick === action) void vscode.commands.executeCommand(REJOIN_COMMAND, nodeArgument(cluster, split.rejoin[0]));
      });
    }
    for (const key of [...this.notified]) if (!current.has(key)) this.notified.delete(key); // repaired: notify again next time
  }
}
