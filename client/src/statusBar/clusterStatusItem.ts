/**
 * The status-bar item summing up the active cluster: the one whose compose file is in the active editor, else
 * the one last selected in the tree, else the first running one. Warning/error background past thresholds.
 */
import * as vscode from 'vscode';
import type { ClusterEntry } from '../views/clusters/clusterList';
import type { ClusterWorkspace } from '../views/clusterWorkspace';
import { readClusterSettings } from '../views/settings';
import { splitBrainOf } from '../views/splitBrain';
import { summarizeCluster } from './clusterSummary';

export const FOCUS_CLUSTERS_COMMAND = 'pgha.clusters.focus';

export class ClusterStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('pgha.clusterStatus', vscode.StatusBarAlignment.Left, 50);
  private selectedClusterId: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly workspace: ClusterWorkspace) {
    this.item.name = 'PostgreSQL HA cluster';
    this.item.command = FOCUS_CLUSTERS_COMMAND;
    this.disposables.push(
      this.item,
      workspace.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
  }

  /** Text currently shown (tests read it); undefined while hidden. */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private visible = false;

  select(clusterId: string | undefined): void {
    this.selectedClusterId = clusterId;
    this.update();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private activeCluster(): ClusterEntry | undefined {
    const live = this.workspace.clusters.filter((c) => c.state === 'running' || c.state === 'partial' || c.state === 'attached');
    const editorUri = vscode.window.activeTextEditor?.document.uri.toString();
    return (
      live.find((c) => c.composeUri !== undefined && c.composeUri === editorUri) ??
      live.find((c) => c.id === this.selectedClusterId) ??
      live.find((c) => c.state !== 'attached') ??
      live[0]
    );
  }

  private update(): void {
    const cluster = this.activeCluster();
    this.workspace.setStatusCluster(cluster?.id);
    const snapshot = cluster ? this.workspace.snapshotOf(cluster.id) : undefined;
    if (!cluster || !snapshot) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const split = splitBrainOf(this.workspace, cluster);
    const summary = split ? { text: `$(error) ${cluster.project}: split brain`, tooltip: `${split.message}.\nUse "Rejoin as Replica" on ${split.rejoin.join(', ')}.`, severity: 'error' } : summarizeCluster(cluster.project, snapshot, readClusterSettings().thresholds);
    this.item.text = summary.text;
    this.item.tooltip = summary.tooltip;
    this.item.backgroundColor =
      summary.severity === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : summary.severity === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.show();
    this.visible = true;
  }
}
