/**
 * Finds clusters: workspace compose files (their model comes only from the language server's pgha/topology
 * request) merged with our running projects. Shared by the tree and by commands invoked from the palette.
 */
import * as vscode from 'vscode';
import { TopologyRequest, type Topology, type TopologyParams, type TopologyResult } from '../../../../server/src/protocol';
import { connectEngine, assertEngineReachable, type EngineConnection } from '../../../../cluster/runtime/docker/engine';
import { describeError } from '../../../../cluster/runtime/docker/errors';
import { listProjects, type ProjectSummary } from '../../../../cluster/runtime/docker/manage';
import { COMPOSE_FILE_GLOB } from '../../../../language/formats/compose/format';
import type { ClusterViewDeps } from '../deps';
import { mergeClusters, type ClusterEntry, type ComposeFileTopology } from './clusterList';

const MAX_COMPOSE_FILES = 30;

/**
 * The compose model of a file, asked from the language server. The server only knows open documents, so the
 * file is opened (not shown) first; the open notification may trail the request briefly, hence a bounded retry.
 */
export async function fetchTopology(deps: ClusterViewDeps, uri: vscode.Uri, timeoutMs = 5000): Promise<Topology | undefined> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const params: TopologyParams = { uri: doc.uri.toString() };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await deps.sendRequest<TopologyResult>(TopologyRequest.method, params).catch(() => null);
    if (result) return result;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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

export interface EngineProbe {
  engine?: EngineConnection;
  projects?: ProjectSummary[];
  /** Why the engine could not be used (message says what to do). */
  problem?: string;
}

/** Our running projects, or why Docker could not be asked. Never throws. */
export async function probeEngine(engine?: EngineConnection): Promise<EngineProbe> {
  try {
    const connection = engine ?? connectEngine(process.env);
    await assertEngineReachable(connection, 3000);
    return { engine: connection, projects: await listProjects(connection) };
  } catch (error) {
    return { engine, problem: describeError(error) };
  }
}

export async function discoverClusters(deps: ClusterViewDeps, attached: string[], engine?: EngineConnection): Promise<{ clusters: ClusterEntry[]; probe: EngineProbe }> {
  const [files, probe] = await Promise.all([workspaceComposeFiles(deps), probeEngine(engine)]);
  const clusters = mergeClusters(files, probe.projects, attached);
  // Running projects started from a compose file outside the workspace: their model still comes from that file.
  await Promise.all(
    clusters.map(async (cluster) => {
      if (cluster.topology || !cluster.composeUri) return;
      cluster.topology = await fetchTopology(deps, vscode.Uri.parse(cluster.composeUri), 1500).catch(() => undefined);
    }),
  );
  return { clusters, probe };
}
