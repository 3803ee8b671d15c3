/**
 * Nodes of a cluster for the tree: what the runtime says (lifecycle, port, major) joined with what the monitor
 * saw (role, streaming, lag, health). vscode-free: presentation data only; the tree maps icons and colours.
 * contextValue: `pgha.node.<role>.<lifecycle>[.replayPaused|.streaming]`, role primary|replica|pooler|other, lifecycle a
 * runtime NodeLifecycle, `missing` for a service not created yet, or `attached` (monitored, not managed here).
 */
import type { ServiceModel } from '../../../../core/model/topology';
import type { NodeLifecycle, RuntimeNode } from '../../../../cluster/runtime';
import { DEFAULT_POSTGRES_PORT, postgresContainerPort, publishedPostgresPort } from '../../../../core/postgresPort';
import { LAG_SOURCE_TEXT, lagFigure, nodeActivity } from '../../../../cluster/monitor/format';
import { formatBytes, formatSeconds } from '../../../../cluster/monitor/lsn';
import type { ClusterSnapshot, NodeView } from '../../../../cluster/monitor/types';
import { postgresServices, type ClusterEntry } from '../clusters/clusterList';

export interface NodeEntry {
  clusterId: string;
  project: string;
  service: string;
  composeUri?: string;
  /** The runtime's node (container or process), when it exists. */
  instance?: RuntimeNode;
  model?: ServiceModel;
  view?: NodeView;
  attached?: boolean;
  /** The role pgha last gave it (cluster history: a promoted replica, a demoted primary), for when it does not answer. */
  lastRole?: string;
  /** Why it stopped on its own, from its log (FailureReasons). */
  failure?: string;
}

export type Tone = 'ok' | 'warning' | 'critical' | 'muted';
export type RoleIcon = 'primary' | 'replica' | 'pooler' | 'other';

export interface NodePresentation {
  label: string;
  description: string;
  role: string;
  roleIcon: RoleIcon;
  tone: Tone;
  contextValue: string;
  /** Markdown for the hover: the full row. */
  tooltip: string;
}

/** Runtime nodes (or compose services not created yet, or attached targets) joined with the snapshot's node views. */
export function nodeEntries(
  cluster: ClusterEntry,
  snapshot: ClusterSnapshot | undefined,
  lastRoles: Record<string, string> = {},
  failureOf: (instance: RuntimeNode | undefined) => string | undefined = () => undefined,
): NodeEntry[] {
  const viewOf = (service: string) => snapshot?.nodes.find((n) => n.service === service);
  const base = { clusterId: cluster.id, project: cluster.project, composeUri: cluster.composeUri };
  const withRole = (entry: NodeEntry): NodeEntry => {
    const failure = failureOf(entry.instance);
    return { ...entry, ...(lastRoles[entry.service] ? { lastRole: lastRoles[entry.service] } : {}), ...(failure ? { failure } : {}) };
  };
  if (cluster.state === 'attached') {
    return (snapshot?.nodes ?? []).map((view) => ({ ...base, service: view.service, view, attached: true }));
  }
  const services = cluster.topology ? cluster.topology.services : [];
  const entries: NodeEntry[] = [];
  for (const instance of cluster.nodes) {
    const model = services.find((s) => s.name === instance.service);
    entries.push(withRole({ ...base, service: instance.service, instance, model, view: viewOf(instance.service) }));
  }
  for (const model of cluster.topology ? postgresServices(cluster.topology) : []) {
    if (!entries.some((e) => e.service === model.name)) entries.push(withRole({ ...base, service: model.name, model, view: viewOf(model.name) }));
  }
  const rank = (e: NodeEntry) => (roleOf(e) === 'primary' ? 0 : roleOf(e) === 'replica' ? 1 : 2);
  return entries.sort((a, b) => rank(a) - rank(b) || a.service.localeCompare(b.service));
}

/**
 * The live role when the node answers (a promoted replica is a primary), else the last role pgha gave it (a stopped
 * cluster after a failover), else what the compose file/labels say.
 */
export function roleOf(node: NodeEntry): string {
  if (node.view?.state === 'up' && node.view.role !== 'unknown') return node.view.role;
  return node.lastRole ?? node.instance?.role ?? node.model?.role ?? node.view?.role ?? 'other';
}

/** The tree's lifecycle of a node: the runtime's, `missing` before it is created, `attached` when not ours. */
export type TreeLifecycle = NodeLifecycle | 'attached';

export function lifecycleOf(node: NodeEntry): TreeLifecycle {
  if (node.attached) return 'attached';
  return node.instance?.lifecycle ?? 'missing';
}

/** The lifecycle in words ("not created" rather than "missing"). */
function lifecycleText(node: NodeEntry): string {
  return node.instance || node.attached ? lifecycleOf(node) : 'not created';
}

function hostPort(node: NodeEntry): number | undefined {
  const inner = node.model ? postgresContainerPort(node.model) : DEFAULT_POSTGRES_PORT;
  const published = node.instance?.ports.find((p) => p.containerPort === inner) ?? node.instance?.ports[0];
  if (published) return published.hostPort;
  if (node.view) return node.view.port;
  return node.model ? publishedPostgresPort(node.model)?.hostPort : undefined;
}

/** "streaming", "paused", "no receiver", "starting up"… what the node does, in one or two words. */
export function activityOf(node: NodeEntry): string {
  const lifecycle = lifecycleOf(node);
  const view = node.view;
  if (lifecycle !== 'running' && lifecycle !== 'attached') return lifecycleText(node);
  if (!view) return lifecycle === 'attached' ? 'waiting' : 'running';
  return nodeActivity(view);
}

export function lagText(view: NodeView | undefined): string | undefined {
  if (!view?.lag || view.role !== 'replica') return undefined;
  return `lag ${lagFigure(view.lag)}`;
}

function toneOf(node: NodeEntry): Tone {
  if (node.failure) return 'critical';
  if (node.view) return node.view.health;
  return lifecycleOf(node) === 'running' ? 'ok' : 'muted';
}

function roleIcon(role: string): RoleIcon {
  return role === 'primary' || role === 'replica' || role === 'pooler' ? role : 'other';
}

export function presentNode(node: NodeEntry): NodePresentation {
  const role = roleOf(node);
  const activity = activityOf(node);
  const port = hostPort(node);
  const major = node.view?.major ?? node.instance?.major ?? node.model?.major;
  const parts = [role, activity];
  if (node.failure) parts.push(node.failure);
  const lag = lagText(node.view);
  if (lag) parts.push(lag);
  if (node.view?.timeline !== undefined) parts.push(`TL ${node.view.timeline}`);
  if (port) parts.push(`:${port}`);
  if (major) parts.push(`PG ${major}`);
  // Pause Replay is offered only on a replica that streams; Resume only on a paused one.
  const replayState = node.view?.replayPaused ? '.replayPaused' : node.view?.streaming && role === 'replica' ? '.streaming' : '';
  return {
    label: node.service,
    description: parts.join(' · '),
    role,
    roleIcon: roleIcon(role),
    tone: toneOf(node),
    contextValue: `pgha.node.${roleIcon(role)}.${lifecycleOf(node)}${replayState}`,
    tooltip: nodeTooltip(node, role, activity),
  };
}

const cell = (value: unknown): string => (value === undefined || value === null || value === '' ? '–' : String(value).replace(/\|/g, '\\|'));

/** The full row as a Markdown table, with the note that time lag grows while the primary is idle. */
export function nodeTooltip(node: NodeEntry, role = roleOf(node), activity = activityOf(node)): string {
  const v = node.view;
  const rows: [string, unknown][] = [
    ['Role', role],
    ['State', activity],
    ['Runs as', node.instance ? `${node.instance.name} (${node.instance.status}) · ${node.instance.runtime}` : node.attached ? 'not managed here' : 'not created'],
    ['Address', v ? `${v.host}:${v.port}` : undefined],
  ];
  if (v?.state === 'up') {
    rows.push(['Server', v.serverVersionNum ? `${Math.floor(v.serverVersionNum / 10000)}.${v.serverVersionNum % 10000}` : v.major], ['Timeline', v.timeline]);
    if (v.role === 'primary') rows.push(['Current LSN', v.lsn]);
    else {
      rows.push(['Receive LSN', v.receiveLsn], ['Replay LSN', v.replayLsn], ['Upstream', v.upstream], ['Slot', v.slot]);
      if (v.lag) {
        rows.push(['Receive lag', `${formatBytes(v.lag.receiveBytes)} · ${formatSeconds(v.lag.receiveSeconds)}`]);
        rows.push(['Replay lag', lagFigure(v.lag)]);
        if (v.lag.secondsSource) rows.push(['Lag time is', LAG_SOURCE_TEXT[v.lag.secondsSource]]);
      }
      rows.push(['WAL receiver', v.walReceiver ? `${v.walReceiver.status} from ${v.walReceiver.senderHost ?? '?'}:${v.walReceiver.senderPort ?? '?'}` : 'none']);
    }
  } else if (v) {
    rows.push(['Detail', v.detail]);
  }
  const why = node.failure ? ['', `**Why it stopped:** ${node.failure.replace(/[\\`*_[\]<>]/g, '\\$&')}`, '', '_The full log: "Show Logs" on this node._'] : [];
  const lines = [`**${cell(node.service)}**`, ...why, '', '| | |', '|---|---|', ...rows.map(([k, value]) => `| ${k} | ${cell(value)} |`)];
  if (v?.problems.length) lines.push('', ...v.problems.map((p) => `- ⚠ ${p}`));
  if (v?.lag?.secondsSource === 'last-replay') {
    lines.push('', '_Lag in time counts from the last replayed commit, so it reads high while the primary is idle (nothing to replay)._');
  }
  return lines.join('\n');
}
