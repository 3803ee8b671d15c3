/**
 * Finds clusters: workspace compose files (their model comes only from the language server's pgha/topology
 * request) merged with the projects every registered runtime runs. Shared by the tree and by palette commands.
 */
import * as vscode from 'vscode';
import { pollUntil } from '../../../../core/poll';
import { TopologyRequest, type Topology, type TopologyParams, type TopologyResult } from '../../../../server/src/protocol';
import type { ProjectListing, RuntimeRegistry } from '../../../../cluster/runtime';
import { COMPOSE_FILE_GLOB } from '../../../../language/formats/compose/format';
import type { ClusterViewDeps } from '../deps';
import { clientRuntimes } from '../runtimes';
import { mergeClusters, type ClusterEntry, type ComposeFileTopology } from './clusterList';

const MAX_COMPOSE_FILES = 30;

/**
 * The compose model of a file, asked from the language server. The server only knows open documents, so the
 * file is opened (not shown) first; the open notification may trail the request briefly, hence a bounded retry.
 */
export async function fetchTopology(deps: ClusterViewDeps, uri: vscode.Uri, timeoutMs = 5000): Promise<Topology | undefined> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const params: TopologyParams = { uri: doc.uri.toString() };
  const ask = () => deps.sendRequest<TopologyResult>(TopologyRequest.method, params);
  return pollUntil(ask, { what: `the model of ${uri.fsPath}`, timeoutMs, intervalMs: 100 }).catch(() => undefined);
}

/** Like fetchTopology, but says what to do when there is no model. */
export async function requireTopology(deps: ClusterViewDeps, uri: vscode.Uri): Promise<Topology> {
  const topology = await fetchTopology(deps, uri);
  if (!topology) {
    throw new Error(
      `${vscode.workspace.asRelativePath(uri)} could not be read as a compose file (is the language server running? see "PostgreSQL HA: Show Output"). ` +
        'Name it compose.yaml or docker-compose.yml, fix the problems the editor underlines, then try again.',
    );
  }
  return topology;
}

export async function workspaceComposeFiles(deps: ClusterViewDeps): Promise<ComposeFileTopology[]> {
  const uris = await vscode.workspace.findFiles(COMPOSE_FILE_GLOB, '**/node_modules/**', MAX_COMPOSE_FILES);
  const files = await Promise.all(
    uris.map(async (uri) => {
      const topology = await fetchTopology(deps, uri, 1500).catch(() => undefined);
      return topology ? { uri: uri.toString(), fsPath: uri.fsPath, topology } : undefined;
    }),
  );
  return files.filter((f): f is ComposeFileTopology => f !== undefined);
}

/**
 * Merges workspace compose files with every runtime's projects. A runtime that cannot be asked is in
 * `listing.unreachable` (its projects are simply missing); never throws for that.
 */
export async function discoverClusters(
  deps: ClusterViewDeps,
  attached: string[],
  registry: RuntimeRegistry = clientRuntimes(),
): Promise<{ clusters: ClusterEntry[]; listing: ProjectListing }> {
  const [files, listing] = await Promise.all([workspaceComposeFiles(deps), registry.listProjects()]);
  const clusters = mergeClusters(files, listing.projects, attached);
  // Running projects started from a compose file outside the workspace: their model still comes from that file.
  await Promise.all(
    clusters.map(async (cluster) => {
      if (cluster.topology || !cluster.composeUri) return;
      cluster.topology = await fetchTopology(deps, vscode.Uri.parse(cluster.composeUri), 1500).catch(() => undefined);
    }),
  );
  return { clusters, listing };
}
