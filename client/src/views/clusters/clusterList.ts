/**
 * The Clusters tree's top level: PostgreSQL stacks described by workspace compose files, merged with the projects
 * every runtime runs (started from elsewhere too, e.g. the CLI), plus attached clusters from settings.
 * vscode-free: the tree provider turns these into TreeItems.
 */
import type { ServiceModel, Topology } from '../../../../core/model/topology';
import type { RuntimeKind, RuntimeNode, RuntimeProject } from '../../../../cluster/runtime';

export type ClusterState = 'running' | 'partial' | 'stopped' | 'not created' | 'attached';

export interface ComposeFileTopology {
  /** Document URI string of the compose file. */
  uri: string;
  /** Absolute file path (to match the pgha.compose-file label). */
  fsPath: string;
  topology: Topology;
}

export interface ClusterEntry {
  /** Stable id for the tree: project name, or `attached`. */
  id: string;
  project: string;
  /** The compose file's URI string when known (workspace file, or the label of a running project). */
  composeUri?: string;
  composePath?: string;
  topology?: Topology;
  /** What the runtime runs of it (containers or processes), every lifecycle. */
  nodes: RuntimeNode[];
  /** The runtime that runs it; undefined while nothing of it exists. */
  runtime?: RuntimeKind;
  state: ClusterState;
  /** Connection strings of an attached cluster (monitoring only). */
  connections?: string[];
}

/** Services of a topology that run PostgreSQL (what the tree shows as nodes). */
export function postgresServices(topology: Topology): ServiceModel[] {
  return topology.services.filter((s) => s.role === 'primary' || s.role === 'replica');
}

export function stateOf(nodes: RuntimeNode[], expectedCount: number): ClusterState {
  if (nodes.length === 0) return 'not created';
  const running = nodes.filter((n) => n.lifecycle === 'running').length;
  if (running === 0) return 'stopped';
  return running >= Math.max(expectedCount, nodes.length) ? 'running' : 'partial';
}

/**
 * Merges compose files and running projects by project name (two compose files with the same project name
 * are told apart by the compose-file label: a project started from another file is never shown, nor stopped or
 * removed, as this file's cluster; it gets its own entry). `projects` undefined means no runtime could be asked.
 */
export function mergeClusters(composeFiles: ComposeFileTopology[], projects: RuntimeProject[] | undefined, attached: string[]): ClusterEntry[] {
  const entries: ClusterEntry[] = [];
  const claimed = new Set<RuntimeProject>();
  for (const file of composeFiles) {
    if (postgresServices(file.topology).length === 0) continue;
    const project = file.topology.project;
    const running = (projects ?? []).find((p) => p.project === project && (!p.composeFile || p.composeFile === file.fsPath));
    if (running) claimed.add(running);
    const nodes = running?.nodes ?? [];
    const id = entries.some((e) => e.id === project) ? `${project}@${file.uri}` : project;
    entries.push({
      id,
      project,
      composeUri: file.uri,
      composePath: file.fsPath,
      topology: file.topology,
      nodes,
      runtime: running?.runtime,
      state: stateOf(nodes, file.topology.services.length),
    });
  }
  for (const project of projects ?? []) {
    if (claimed.has(project)) continue;
    entries.push({
      id: entries.some((e) => e.id === project.project) ? `${project.project}@${project.composeFile ?? project.runtime}` : project.project,
      project: project.project,
      composePath: project.composeFile,
      composeUri: project.composeFile ? fileUri(project.composeFile) : undefined,
      nodes: project.nodes,
      runtime: project.runtime,
      state: stateOf(project.nodes, project.nodes.length),
    });
  }
  entries.sort((a, b) => a.project.localeCompare(b.project));
  const connections = attached.map((c) => c.trim()).filter(Boolean);
  if (connections.length) entries.push({ id: 'attached', project: 'attached', nodes: [], state: 'attached', connections });
  return entries;
}

/**
 * The cluster of one compose file among what the runtimes run: the file's own entry, never another project's
 * (the merged list holds them all, sorted by name). Undefined when the file has no PostgreSQL service.
 */
export function clusterOfFile(file: ComposeFileTopology, projects: RuntimeProject[] | undefined): ClusterEntry | undefined {
  return mergeClusters([file], projects, []).find((c) => c.composeUri === file.uri);
}

/** file:// URI of an absolute POSIX or Windows path (what vscode.Uri.file(...).toString() produces). */
export function fileUri(fsPath: string): string {
  const posix = fsPath.replace(/\\/g, '/');
  const withSlash = posix.startsWith('/') ? posix : `/${posix}`;
  return `file://${withSlash.split('/').map((part) => encodeURIComponent(part)).join('/')}`;
}

/** One line for the cluster item: "running · 3 nodes · compose.yaml". */
export function clusterDescription(entry: ClusterEntry): string {
  if (entry.state === 'attached') return `monitoring only · ${entry.connections?.length ?? 0} node(s)`;
  const expected = entry.topology ? postgresServices(entry.topology).length : entry.nodes.length;
  const running = entry.nodes.filter((n) => n.lifecycle === 'running').length;
  const parts: string[] = [entry.state];
  if (entry.state === 'partial') parts[0] = `${running}/${entry.nodes.length} running`;
  parts.push(`${expected} node${expected === 1 ? '' : 's'}`);
  if (entry.composePath) parts.push(entry.composePath.split(/[\\/]/).slice(-2).join('/'));
  return parts.join(' · ');
}

/** contextValue of a cluster item: menus match on it (`viewItem =~ /^pgha\.cluster\.(running|partial)/`). */
export function clusterContextValue(entry: ClusterEntry): string {
  const state = entry.state === 'not created' ? 'notCreated' : entry.state;
  return `pgha.cluster.${state}${entry.composeUri ? '.compose' : ''}`;
}
