/**
 * registerClusterViews: the "PostgreSQL HA" activity-bar container's Clusters tree, its refresh machinery and
 * the cluster status-bar item. One call from extension.ts; returns a small surface for tests.
 */
import * as vscode from 'vscode';
import { COMPOSE_LENS_SELECTOR, ComposeLiveLenses } from '../editor/composeLenses';
import { ClusterStatusItem } from '../statusBar/clusterStatusItem';
import { ClusterTreeProvider, RETRY_RUNTIME_COMMAND, type TreeNode } from './clusterTree';
import { ClusterWorkspace, FRESH_SNAPSHOT_COMMAND } from './clusterWorkspace';
import { SplitBrainNotifier } from './splitBrain';
import type { ClusterViewDeps } from './deps';

export const CLUSTERS_VIEW_ID = 'pgha.clusters';
export const REFRESH_CLUSTERS_COMMAND = 'pgha.clusters.refresh';

export interface ClusterViewsApi {
  readonly workspace: ClusterWorkspace;
  /** Children as the tree shows them (undefined: the roots). */
  children(element?: TreeNode): TreeNode[];
  treeItem(element: TreeNode): vscode.TreeItem;
  /** Text of the cluster status-bar item while shown. */
  readonly statusText: string | undefined;
}

export function registerClusterViews(context: vscode.ExtensionContext, deps: ClusterViewDeps): ClusterViewsApi {
  const workspace = new ClusterWorkspace(deps);
  const provider = new ClusterTreeProvider(workspace);
  const treeView = vscode.window.createTreeView(CLUSTERS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const status = new ClusterStatusItem(workspace);
  const lenses = new ComposeLiveLenses(workspace, deps);
  context.subscriptions.push(
    lenses,
    vscode.languages.registerCodeLensProvider(COMPOSE_LENS_SELECTOR, lenses),
    workspace,
    new SplitBrainNotifier(workspace),
    provider,
    treeView,
    status,
    workspace.onDidChange(() => provider.fire()),
    treeView.onDidChangeVisibility((e) => workspace.setVisible(e.visible)),
    treeView.onDidChangeSelection((e) => {
      const selected = e.selection[0];
      if (selected && selected.kind !== 'message') status.select(selected.cluster.id);
    }),
    vscode.commands.registerCommand(RETRY_RUNTIME_COMMAND, () => workspace.refresh()),
    vscode.commands.registerCommand(REFRESH_CLUSTERS_COMMAND, () => workspace.refresh()),
    vscode.commands.registerCommand(FRESH_SNAPSHOT_COMMAND, (clusterId: string) => workspace.freshSnapshot(clusterId)),
  );
  workspace.setVisible(treeView.visible);
  // The status bar and palette commands want the list even while the view is closed.
  void workspace.ensureLoaded();
  return {
    workspace,
    children: (element) => provider.getChildren(element),
    treeItem: (element) => provider.getTreeItem(element),
    get statusText() {
      return status.text;
    },
  };
}
