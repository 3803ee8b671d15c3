/**
 * The Clusters tree: clusters → nodes (role icon, state, port, major, lag) → details (timeline, LSNs, lag,
 * slots…). A runtime that cannot be asked ("Docker is not reachable") is a tree item with a Retry action, never a
 * pop-up. An empty list lets the welcome view (buttons) show.
 */
import * as vscode from 'vscode';
import { clusterContextValue, clusterDescription, type ClusterEntry } from './clusters/clusterList';
import type { ClusterWorkspace } from './clusterWorkspace';
import { detailRows, type DetailRow } from './details/detailRows';
import { pgpoolDetailRows, pgpoolStatusOf } from './details/pgpoolRows';
import { readClusterSettings } from './settings';
import { nodeEntries, presentNode, type NodeEntry, type RoleIcon, type Tone } from './nodes/nodeItems';
import { lastKnownRoles, SPLIT_BRAIN_CONTEXT, splitBrainOf, splitBrainRow } from './splitBrain';
import { isPoolerNode, poolerRows, withPoolerSummary } from './poolers/poolerRows';
import { readPoolerThresholds } from './poolers/poolerSettings';

export type TreeNode =
  | { kind: 'cluster'; cluster: ClusterEntry }
  | { kind: 'node'; cluster: ClusterEntry; node: NodeEntry }
  | { kind: 'detail'; cluster: ClusterEntry; node: NodeEntry; row: DetailRow }
  | { kind: 'message'; id: string; label: string; description: string; tooltip: string; icon: string; command?: vscode.Command; contextValue: string };

export const RETRY_RUNTIME_COMMAND = 'pgha.clusters.retryRuntime';
export const RUNTIME_UNREACHABLE_CONTEXT = 'pgha.runtimeUnreachable';

const TONE_COLOR: Record<Tone, string | undefined> = {
  ok: 'testing.iconPassed',
  warning: 'list.warningForeground',
  critical: 'list.errorForeground',
  muted: 'disabledForeground',
};

const ROLE_ICON: Record<RoleIcon, string> = { primary: 'database', replica: 'mirror', pooler: 'plug', other: 'package' };

const CLUSTER_ICON: Record<ClusterEntry['state'], [string, Tone]> = {
  running: ['server-environment', 'ok'],
  partial: ['server-environment', 'warning'],
  stopped: ['debug-stop', 'muted'],
  'not created': ['file-code', 'muted'],
  attached: ['plug', 'ok'],
};

function themeIcon(id: string, tone: Tone | undefined): vscode.ThemeIcon {
  const color = tone ? TONE_COLOR[tone] : undefined;
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

export class ClusterTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly workspace: ClusterWorkspace) {}

  /** Refreshes the whole tree: items keep stable ids, so expansion and selection survive. */
  fire(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  getChildren(element?: TreeNode): TreeNode[] {
    if (!element) return this.roots();
    if (element.kind === 'cluster') {
      const snapshot = this.workspace.snapshotOf(element.cluster.id);
      const split = splitBrainOf(this.workspace, element.cluster);
      const nodes: TreeNode[] = split ? [splitBrainRow(element.cluster, split)] : [];
      nodes.push(...nodeEntries(element.cluster, snapshot, lastKnownRoles(element.cluster), (instance) => this.workspace.failureOf(instance)).map((node): TreeNode => ({ kind: 'node', cluster: element.cluster, node })));
      for (const [index, problem] of this.workspace.problemsOf(element.cluster.id).entries()) {
        nodes.push({ kind: 'message', id: `${element.cluster.id}/problem/${index}`, label: 'Not monitored', description: problem, tooltip: problem, icon: 'info', contextValue: 'pgha.message' });
      }
      return nodes;
    }
    if (element.kind === 'node') {
      if (isPoolerNode(element.node)) return poolerRows(this.workspace.poolerStatusOf(element.cluster.id, element.node.service), readPoolerThresholds()).map((row) => ({ kind: 'detail', cluster: element.cluster, node: element.node, row }));
      const pgpool = pgpoolStatusOf(this.workspace.snapshotOf(element.cluster.id), element.node.service);
      if (pgpool) return pgpoolDetailRows(pgpool).map((row) => ({ kind: 'detail', cluster: element.cluster, node: element.node, row }));
      if (!element.node.view) return [];
      const peers = this.workspace.snapshotOf(element.cluster.id)?.nodes ?? [];
      return detailRows(element.node.view, readClusterSettings().thresholds, peers).map((row) => ({ kind: 'detail', cluster: element.cluster, node: element.node, row }));
    }
    return [];
  }

  getTreeItem(element: TreeNode): vscode.TreeItem {
    switch (element.kind) {
      case 'cluster':
        return this.clusterItem(element.cluster);
      case 'node':
        return this.nodeItem(element.cluster, element.node);
      case 'detail': {
        const item = new vscode.TreeItem(element.row.label, vscode.TreeItemCollapsibleState.None);
        item.id = `${element.cluster.id}/${element.node.service}/${element.row.id}`;
        item.description = element.row.description;
        item.tooltip = element.row.tooltip;
        item.iconPath = themeIcon(element.row.icon, element.row.tone === 'ok' ? undefined : element.row.tone);
        item.contextValue = element.row.contextValue ?? 'pgha.detail';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.description = element.description;
        item.tooltip = element.tooltip;
        item.iconPath = themeIcon(element.icon, element.contextValue === RUNTIME_UNREACHABLE_CONTEXT || element.contextValue === SPLIT_BRAIN_CONTEXT ? 'critical' : undefined);
        item.command = element.command;
        item.contextValue = element.contextValue;
        return item;
      }
    }
  }

  getParent(element: TreeNode): TreeNode | undefined {
    if (element.kind === 'node') return { kind: 'cluster', cluster: element.cluster };
    if (element.kind === 'detail') return { kind: 'node', cluster: element.cluster, node: element.node };
    return undefined;
  }

  private roots(): TreeNode[] {
    const roots: TreeNode[] = this.workspace.unreachableRuntimes.map((runtime): TreeNode => ({
      kind: 'message',
      id: `${runtime.kind}-unreachable`,
      label: `${runtime.label} is not reachable`,
      description: 'click to retry',
      tooltip: runtime.reason,
      icon: 'debug-disconnect',
      command: { command: RETRY_RUNTIME_COMMAND, title: 'Retry' },
      contextValue: RUNTIME_UNREACHABLE_CONTEXT,
    }));
    roots.push(...this.workspace.clusters.map((cluster): TreeNode => ({ kind: 'cluster', cluster })));
    return roots;
  }

  private clusterItem(cluster: ClusterEntry): vscode.TreeItem {
    const running = cluster.state === 'running' || cluster.state === 'partial' || cluster.state === 'attached';
    const item = new vscode.TreeItem(cluster.project, running ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `cluster:${cluster.id}`;
    const snapshot = this.workspace.snapshotOf(cluster.id);
    item.description = snapshot && running ? `${clusterDescription(cluster)} · ${snapshot.summary}` : clusterDescription(cluster);
    const [icon, tone] = CLUSTER_ICON[cluster.state];
    const health: Tone | undefined = snapshot ? (snapshot.health === 'ok' ? tone : snapshot.health) : tone;
    item.iconPath = themeIcon(icon, health);
    item.contextValue = clusterContextValue(cluster);
    const tooltip = new vscode.MarkdownString(`**${cluster.project}** — ${cluster.state}\n\n`);
    if (cluster.composePath) tooltip.appendMarkdown(`Compose file: \`${cluster.composePath}\`\n\n`);
    if (snapshot) tooltip.appendMarkdown(`${snapshot.summary}\n\n${snapshot.problems.map((p) => `- ${p}`).join('\n')}`);
    item.tooltip = tooltip;
    return item;
  }

  private nodeItem(cluster: ClusterEntry, node: NodeEntry): vscode.TreeItem {
    const shown = withPoolerSummary(presentNode(node), node, this.workspace.poolerStatusOf(cluster.id, node.service), readPoolerThresholds());
    const expandable = node.view?.state === 'up' || (isPoolerNode(node) && node.instance?.lifecycle === 'running') || pgpoolStatusOf(this.workspace.snapshotOf(cluster.id), node.service) !== undefined;
    const item = new vscode.TreeItem(shown.label, expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `${cluster.id}/${node.service}`;
    // A Patroni cluster: the engine's role and state for the member, beside what the server says.
    const member = this.workspace.snapshotOf(cluster.id)?.patroni?.members.find((m) => m.service === node.service);
    item.description = member ? `${shown.description} · Patroni ${member.role} (${member.state})` : shown.description;
    item.iconPath = themeIcon(ROLE_ICON[shown.roleIcon], shown.tone);
    item.contextValue = shown.contextValue;
    item.tooltip = new vscode.MarkdownString(shown.tooltip);
    return item;
  }
}
