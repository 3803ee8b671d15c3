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
/** Internal: (project, text | undefined) — what a long action is doing to a cluster ("starting…"), shown instead of its health. */
export const SET_ACTIVITY_COMMAND = 'pgha.clusters.setActivity';

export class ClusterStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('pgha.clusterStatus', vscode.StatusBarAlignment.Left, 50);
  private selectedClusterId: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** project → what an action is doing to it; a start's nodes are not up yet, which is not a problem to show in red. */
  private readonly activity = new Map<string, string>();

  constructor(private readonly workspace: ClusterWorkspace) {
    this.item.name = 'PostgreSQL HA cluster';
    this.item.command = FOCUS_CLUSTERS_COMMAND;
    this.disposables.push(
      this.item,
      workspace.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.commands.registerCommand(SET_ACTIVITY_COMMAND, (project: string, text?: string) => this.setActivity(project, text)),
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

  setActivity(project: string, text: string | undefined): void {
    if (text) this.activity.set(project, text);
    else this.activity.delete(project);
    this.update();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private activeCluster(): ClusterEntry | undefined {
    const live = this.workspace.clusters.filter((c) => c.state === 'running' || c.state === 'partial' || c.state === 'attached' || this.activity.has(c.project));
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
    const activity = cluster && this.activity.get(cluster.project);
    if (cluster && activity) return this.show(`$(sync~spin) ${cluster.project}: ${activity}`, `PostgreSQL HA — ${cluster.project}: ${activity}`, undefined);
    if (!cluster || !snapshot) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const split = splitBrainOf(this.workspace, cluster);
    const summary = split ? { text: `$(error) ${cluster.project}: split brain`, tooltip: `${split.message}.\nUse "Rejoin as Replica" on ${split.rejoin.join(', ')}.`, severity: 'error' } : summarizeCluster(cluster.project, snapshot, readClusterSettings().thresholds);
    const background = summary.severity === 'error' ? 'statusBarItem.errorBackground' : summary.severity === 'warning' ? 'statusBarItem.warningBackground' : undefined;
    this.show(summary.text, summary.tooltip, background);
  }

  private show(text: string, tooltip: string, background: string | undefined): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    this.item.show();
    this.visible = true;
  }
}
