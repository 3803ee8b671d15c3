/**
 * What the cluster and monitor commands share: turning their argument (a tree item, the code lens's URI
 * string, an explorer URI, or nothing → quick pick) into a cluster or node, the runtime that runs it, progress
 * notifications with steps, and errors that say what happened and offer what to do.
 */
import * as vscode from 'vscode';
import { ClusterError, describeError, isClusterError, type ClusterRuntime, type RuntimeRegistry, type SuggestedAction } from '../../../../cluster/runtime';
import { isComposeFile } from '../../../../language/formats/compose/format';
import { clusterOfFile, type ClusterEntry, type ClusterState } from '../../views/clusters/clusterList';
import { discoverClusters, requireTopology } from '../../views/clusters/discovery';
import type { TreeNode } from '../../views/clusterTree';
import type { ClusterViewDeps } from '../../views/deps';
import { nodeEntries, type NodeEntry } from '../../views/nodes/nodeItems';
import { clientRuntimes } from '../../views/runtimes';
import { readClusterSettings } from '../../views/settings';

/** The runtimes of this build, as the current settings configure them. */
export function runtimes(deps?: ClusterViewDeps): RuntimeRegistry {
  return clientRuntimes(deps?.output);
}

/** The runtime that runs `cluster` (asked of every runtime when the list did not say). */
export async function runtimeOf(cluster: ClusterEntry, registry: RuntimeRegistry = runtimes()): Promise<ClusterRuntime> {
  if (cluster.runtime) return registry.require(cluster.runtime);
  const owner = await registry.ownerOf(cluster.project);
  if (!owner) throw new ClusterError('not-found', `Nothing of ${cluster.project} runs in ${registry.all().map((r) => r.label).join(' or ')}; start it first.`);
  return owner;
}

export function isTreeNode(arg: unknown): arg is TreeNode {
  return typeof arg === 'object' && arg !== null && 'kind' in arg && typeof (arg as { kind: unknown }).kind === 'string';
}

/** The compose URI an argument names: code lens passes the URI string, the explorer a Uri. */
function composeUriOf(arg: unknown): vscode.Uri | undefined {
  if (typeof arg === 'string' && arg) return arg.includes('://') ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
  if (arg instanceof vscode.Uri) return arg;
  return undefined;
}

/** A compose file's cluster with its runtime nodes (none when no runtime can be asked). */
export async function clusterOfComposeFile(deps: ClusterViewDeps, uri: vscode.Uri): Promise<ClusterEntry> {
  const topology = await requireTopology(deps, uri);
  const { projects } = await runtimes(deps).listProjects();
  // Never the first entry of the merged list: that is whichever running project sorts first (another stack's Stop).
  const entry = clusterOfFile({ uri: uri.toString(), fsPath: uri.fsPath, topology }, projects);
  if (!entry) throw new Error(`${vscode.workspace.asRelativePath(uri)} has no PostgreSQL primary or replica service; nothing to manage.`);
  return entry;
}

/**
 * The cluster a command is about. Without an argument: the compose file in the active editor, else a quick
 * pick among the clusters whose state is in `states`.
 */
export async function resolveCluster(deps: ClusterViewDeps, arg: unknown, states?: ClusterState[], placeHolder = 'Choose a cluster'): Promise<ClusterEntry | undefined> {
  if (isTreeNode(arg) && arg.kind !== 'message') return arg.cluster;
  const uri = composeUriOf(arg);
  if (uri) return clusterOfComposeFile(deps, uri);
  const editor = vscode.window.activeTextEditor?.document.uri;
  if (editor && editor.scheme === 'file' && isComposeFile(editor.fsPath)) {
    const entry = await clusterOfComposeFile(deps, editor).catch(() => undefined);
    if (entry && (!states || states.includes(entry.state))) return entry;
  }
  const { clusters, listing } = await discoverClusters(deps, readClusterSettings().attachConnections, runtimes(deps));
  const candidates = clusters.filter((c) => !states || states.includes(c.state));
  if (candidates.length === 0) {
    const why = listing.unreachable.length ? ` (${listing.unreachable.map((u) => u.reason).join('; ')})` : '';
    void vscode.window.showInformationMessage(`PostgreSQL HA: no cluster to choose from${why}. Create one with "PostgreSQL HA: New HA Cluster…".`);
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const pick = await vscode.window.showQuickPick(
    candidates.map((c) => ({ label: c.project, description: c.state, detail: c.composePath, cluster: c })),
    { placeHolder },
  );
  return pick?.cluster;
}

export interface NodeRef {
  cluster: ClusterEntry;
  node: NodeEntry;
}

/** The node a command is about: a tree node, else quick picks (cluster, then node) filtered by `accept`. */
export async function resolveNode(deps: ClusterViewDeps, arg: unknown, accept: (node: NodeEntry) => boolean, placeHolder = 'Choose a node'): Promise<NodeRef | undefined> {
  if (isTreeNode(arg) && (arg.kind === 'node' || arg.kind === 'detail')) return { cluster: arg.cluster, node: arg.node };
  const cluster = await resolveCluster(deps, isTreeNode(arg) ? arg : undefined, ['running', 'partial', 'stopped']);
  if (!cluster) return undefined;
  const nodes = nodeEntries(cluster, undefined).filter(accept);
  if (nodes.length === 0) {
    void vscode.window.showInformationMessage(`PostgreSQL HA: no node of ${cluster.project} fits this command.`);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    nodes.map((node) => ({ label: node.service, description: `${node.instance?.role ?? node.model?.role ?? ''} · ${node.instance?.lifecycle ?? 'not created'}`, node })),
    { placeHolder: `${placeHolder} of ${cluster.project}` },
  );
  return pick ? { cluster, node: pick.node } : undefined;
}

export type StepReporter = (message: string, step?: number, totalSteps?: number) => void;

/** A cancellable progress notification; each step's message shows, and steps advance the bar when counted. */
export function withSteps<T>(title: string, work: (report: StepReporter, signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    let done = 0;
    const report: StepReporter = (message, step, totalSteps) => {
      if (step !== undefined && totalSteps) {
        const fraction = Math.min(100, (step / totalSteps) * 100);
        progress.report({ message: `(${step}/${totalSteps}) ${message}`, increment: Math.max(0, fraction - done) });
        done = Math.max(done, fraction);
      } else {
        progress.report({ message });
      }
    };
    return work(report, abort.signal);
  });
}

export interface FailureHandlers {
  retry?: () => unknown;
  composeUri?: string;
  project?: string;
}

/**
 * Shows what failed and what to do, with the error's suggested actions as buttons. Details (log tails) go to
 * the output channel, not into the pop-up. Not awaited by commands, so a test or another command never waits
 * on a notification.
 */
export function showFailure(deps: ClusterViewDeps, what: string, error: unknown, handlers: FailureHandlers = {}): void {
  const message = describeError(error);
  deps.output.appendLine(`[clusters] ${what} failed: ${message}`);
  if (isClusterError(error) && error.detail) deps.output.appendLine(error.detail);
  if (isClusterError(error) && error.code === 'cancelled') {
    void vscode.window.showInformationMessage(`PostgreSQL HA: ${message}`);
    return;
  }
  const actions: SuggestedAction[] = isClusterError(error) ? error.actions : handlers.retry ? [{ id: 'retry', title: 'Retry' }] : [];
  const titles = [...new Set(actions.map((a) => a.title)), 'Show Output'];
  void vscode.window.showErrorMessage(`PostgreSQL HA: ${what} failed. ${message}`, ...titles).then(async (pick) => {
    if (!pick) return;
    if (pick === 'Show Output') return deps.output.show(true);
    const action = actions.find((a) => a.title === pick);
    if (!action) return;
    await runSuggestedAction(deps, action, handlers);
  });
}

async function runSuggestedAction(deps: ClusterViewDeps, action: SuggestedAction, handlers: FailureHandlers): Promise<void> {
  switch (action.id) {
    case 'retry':
      await handlers.retry?.();
      return;
    case 'start-docker':
      await vscode.env.openExternal(vscode.Uri.parse('https://docs.docker.com/engine/install/'));
      return;
    case 'edit-compose':
      if (handlers.composeUri) await vscode.window.showTextDocument(vscode.Uri.parse(handlers.composeUri));
      return;
    case 'show-logs':
      if (handlers.project) await vscode.commands.executeCommand('pgha.cluster.logs', { project: handlers.project, service: action.target });
      return;
    case 'pull-image':
      if (action.target) await pullWithProgress(deps, action.target, handlers.retry);
      return;
    default:
      deps.output.show(true);
  }
}

/** Pulls what an error names (an image) through the runtime that can, with progress; then retries. */
async function pullWithProgress(deps: ClusterViewDeps, image: string, then?: () => unknown): Promise<void> {
  try {
    const runtime = runtimes(deps).all().find((r) => r.pull);
    if (!runtime?.pull) throw new Error(`no backend of this build can fetch ${image}`);
    const pull = runtime.pull.bind(runtime);
    await withSteps(`Pulling ${image}`, (report, signal) =>
      pull(image, { onProgress: (status, percent) => report(percent === undefined ? status : `${status} ${percent}%`), signal }),
    );
    deps.output.appendLine(`[clusters] pulled ${image}`);
    await then?.();
  } catch (error) {
    showFailure(deps, `Pulling ${image}`, error, { retry: () => pullWithProgress(deps, image, then) });
  }
}
