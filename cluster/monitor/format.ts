import { formatBytes, formatSeconds } from './lsn';
import { subscriptionJson, subscriptionLines, type SubscriptionJson } from './subscriptionSummary';
import type { ClusterSnapshot, NodeLag, NodeView } from './types';
import { patroniClusterJson, patroniNodeJson, renderPatroniText } from '../managed/patroniFormat';

/** The `pgha status --json` shape (stable: scripts depend on it). */
export interface StatusJson {
  nodes: {
    service: string;
    /** What the server says (primary, replica, unknown); on a Patroni cluster Patroni's role (leader, replica, sync_standby…). */
    role: string;
    /** Patroni clusters: the server's own answer beside Patroni's role, and the member's Patroni fields. */
    sqlRole?: 'primary' | 'replica' | 'unknown';
    patroni?: NonNullable<ReturnType<typeof patroniNodeJson>>['patroni'];
    /** The table's STATE word (nodeActivity): running, streaming, replay paused, no receiver, a WAL receiver status, or why the node did not answer. */
    state: string;
    timeline: number | null;
    lsn: string | null;
    receiveLsn: string | null;
    replayLsn: string | null;
    lagBytes: number | null;
    lagSeconds: number | null;
    slot: string | null;
    upstream: string | null;
    /** Replicas: whether a WAL receiver runs (false after the primary died); null for other roles. */
    streaming: boolean | null;
    health: 'ok' | 'warning' | 'critical';
    /** Logical subscriptions of the node (empty when it has none). */
    subscriptions: SubscriptionJson[];
  }[];
  /** The cluster verdict and its reasons, as the text output prints them under the table. */
  health: 'ok' | 'warning' | 'critical';
  problems: string[];
  /** Set when an HA engine manages the cluster ("patroni"), with its scope, leader and pause state. */
  manager?: 'patroni';
}

/**
 * What a node does, in the one vocabulary of the status table, `pgha status --json` (`state`) and the tree:
 * `running` (answers, not a standby), `streaming`, `replay paused`, `no receiver` or another WAL receiver
 * status (`starting`, `waiting`, `stopping`…) for a standby that does not stream, else why the node did not
 * answer (`unreachable`, `authentication failed`, `starting up`, …: NodeState).
 */
export function nodeActivity(n: NodeView): string {
  if (n.state !== 'up') return n.state;
  if (n.role !== 'replica') return 'running';
  if (n.replayPaused) return 'replay paused';
  return n.streaming ? 'streaming' : (n.walReceiver?.status ?? 'no receiver');
}

export function snapshotToJson(snapshot: ClusterSnapshot): StatusJson {
  return {
    ...patroniClusterJson(snapshot.patroni),
    nodes: snapshot.nodes.map((n) => ({
      service: n.service,
      role: n.role,
      ...withSqlRole(patroniNodeJson(snapshot.patroni, n.service), n.role),
      state: nodeActivity(n),
      timeline: n.timeline ?? null,
      lsn: n.lsn ?? null,
      receiveLsn: n.receiveLsn ?? null,
      replayLsn: n.replayLsn ?? null,
      lagBytes: n.role === 'primary' ? 0 : (n.lag?.replayBytes ?? null),
      lagSeconds: n.role === 'primary' ? 0 : (n.lag?.replaySeconds ?? null),
      slot: n.slot,
      upstream: n.upstream,
      streaming: n.role === 'replica' ? n.streaming : null,
      health: n.health,
      subscriptions: subscriptionJson(snapshot, n),
    })),
    health: snapshot.health,
    problems: snapshot.problems,
  };
}

function withSqlRole(managed: ReturnType<typeof patroniNodeJson>, sqlRole: NodeView['role']) {
  return managed ? { ...managed, sqlRole } : {};
}

/** For hovers/tooltips: why time lag can read high while nothing is wrong. */
export const IDLE_LAG_NOTE =
  'Time lag counts from the last transaction the replica replayed. While the primary is idle no new transactions arrive, so this number keeps growing even though the replica is fully caught up; trust the byte lag then.';

const lagText = (bytes: number | null | undefined, seconds: number | null | undefined): string =>
  `${formatBytes(bytes)} · ${formatSeconds(seconds)}`;

/**
 * The one lag figure of a replica that the tree, the status bar, the code lens and `pgha status` all show: replay
 * lag in bytes (the upstream's current LSN − the replica's replay LSN, both from the same refresh) · in time.
 */
export function lagFigure(lag: NodeLag | null | undefined): string {
  return lagText(lag?.replayBytes, lag?.replaySeconds);
}

/** Whose measurement the time of a lag figure is, in words (tooltips, notes). */
export const LAG_SOURCE_TEXT: Record<NonNullable<NodeLag['secondsSource']>, string> = {
  upstream: "the primary's view (pg_stat_replication, from the replica's last feedback)",
  'last-replay': "the replica's own (time since its last replayed commit; grows while the primary is idle)",
  paused: "the replica's own while replay is paused (time since its last replayed commit; grows until replay resumes)",
};

const STATE_MARK: Record<NodeView['health'], string> = { ok: '', warning: ' (!)', critical: ' (!!)' };

/**
 * Table rows: member, role, state, timeline, LSN (the node's own position: the primary's current WAL LSN, a
 * replica's replay LSN), then receive/replay LSN and lag, which only replicas have ("–" for other roles), slot, upstream.
 */
export function statusRows(snapshot: ClusterSnapshot): string[][] {
  const header = ['MEMBER', 'ROLE', 'STATE', 'TL', 'LSN', 'RECEIVE LSN', 'RECEIVE LAG', 'REPLAY LSN', 'REPLAY LAG', 'SLOT', 'UPSTREAM'];
  const rows = snapshot.nodes.map((n) => {
    const replica = n.role === 'replica';
    const replicaOnly = (cell: () => string): string => (replica ? cell() : '–');
    return [
      n.service,
      n.role,
      `${nodeActivity(n)}${STATE_MARK[n.health]}`,
      n.timeline === undefined ? '–' : String(n.timeline),
      n.lsn ?? '–',
      replicaOnly(() => n.receiveLsn ?? '–'),
      replicaOnly(() => lagText(n.lag?.receiveBytes, n.lag?.receiveSeconds)),
      replicaOnly(() => n.replayLsn ?? '–'),
      replicaOnly(() => lagFigure(n.lag)),
      n.slot ?? '',
      n.upstream ?? '',
    ];
  });
  return [header, ...rows];
}

export function renderTable(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  return rows.map((r) => r.map((cell, col) => cell.padEnd(widths[col])).join('  ').trimEnd()).join('\n');
}

/** Plain-text status: table, summary line, problems. */
export function renderStatusText(snapshot: ClusterSnapshot): string {
  const lines = [renderTable(statusRows(snapshot)), '', `${snapshot.summary}   (refresh ${snapshot.refreshMs.toFixed(1)} ms, ${snapshot.takenAt})`];
  for (const line of subscriptionLines(snapshot, formatBytes)) lines.push(`  ${line}`);
  if (snapshot.patroni) lines.push(renderPatroniText(snapshot.patroni, renderTable));
  for (const problem of snapshot.problems) lines.push(`  ! ${problem}`);
  if (snapshot.nodes.some((n) => n.lag?.secondsSource === 'last-replay')) {
    lines.push(`  note: ${IDLE_LAG_NOTE}`);
  }
  return lines.join('\n') + '\n';
}

/** "Copy status as Markdown". */
export function renderStatusMarkdown(snapshot: ClusterSnapshot, title = 'Cluster status'): string {
  const rows = statusRows(snapshot);
  const esc = (cell: string): string => cell.replace(/\|/g, '\\|') || ' ';
  const lines = [
    `### ${title}`,
    '',
    `**${snapshot.summary}** — health: ${snapshot.health}, taken ${snapshot.takenAt}`,
    '',
    `| ${rows[0].join(' | ')} |`,
    `|${rows[0].map(() => '---').join('|')}|`,
    ...rows.slice(1).map((r) => `| ${r.map(esc).join(' | ')} |`),
  ];
  if (snapshot.problems.length) lines.push('', ...snapshot.problems.map((p) => `- ${p}`));
  const slots = snapshot.nodes.flatMap((n) => n.slots.map((s) => ({ node: n.service, ...s })));
  if (slots.length) {
    lines.push('', '| node | slot | active | wal_status | retained | safe_wal_size |', '|---|---|---|---|---|---|');
    for (const s of slots) {
      lines.push(`| ${s.node} | ${s.name} | ${s.active ? 'yes' : 'no'} | ${s.walStatus ?? '–'} | ${formatBytes(s.retainedBytes)} | ${s.safeWalSize === null ? 'unlimited' : formatBytes(s.safeWalSize)} |`);
    }
  }
  return lines.join('\n') + '\n';
}
