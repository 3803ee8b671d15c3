import { formatBytes, formatSeconds, lsnDistance } from './lsn';
import type { ClusterSnapshot, Health, MonitorThresholds, NodeLag, NodeStatus, NodeTarget, NodeView } from './types';

const worst = (a: Health, b: Health): Health => (a === 'critical' || b === 'critical' ? 'critical' : a === 'warning' || b === 'warning' ? 'warning' : 'ok');

/** Which target a WAL receiver's sender_host:sender_port names (service name, alias, or loopback host:port). */
export function resolveSender(status: NodeStatus, targets: NodeTarget[]): string | null {
  const receiver = status.walReceiver;
  if (!receiver?.senderHost) return null;
  const host = receiver.senderHost.toLowerCase();
  const byAlias = targets.find((t) => t.service !== status.service && t.aliases.some((alias) => alias.toLowerCase() === host));
  if (byAlias) return byAlias.service;
  const byAddress = targets.find((t) => t.service !== status.service && t.host === receiver.senderHost && t.port === receiver.senderPort);
  return byAddress?.service ?? null;
}

/** Seconds from an ISO timestamp to `nowMs` (never negative), or null. */
function secondsSince(timestamp: string | null | undefined, nowMs: number): number | null {
  const at = timestamp ? Date.parse(timestamp) : NaN;
  return Number.isNaN(at) ? null : Math.max(0, (nowMs - at) / 1000);
}

function replicaLag(replica: NodeStatus, upstream: NodeStatus | undefined, nowMs: number): NodeLag | null {
  if (!upstream || upstream.state !== 'up' || !upstream.lsn) return null;
  const receiveBytes = lsnDistance(upstream.lsn, replica.receiveLsn);
  const replayBytes = lsnDistance(upstream.lsn, replica.replayLsn);
  // The upstream's pg_stat_replication row for this replica: the one holding the replica's slot, else by name.
  const slotName = replica.walReceiver?.slotName;
  const slotPid = slotName ? upstream.slots.find((s) => s.name === slotName)?.activePid : undefined;
  const row =
    upstream.replication.find((r) => slotPid !== undefined && r.pid === slotPid) ??
    upstream.replication.find((r) => r.applicationName === replica.service) ??
    (upstream.replication.length === 1 ? upstream.replication[0] : undefined);
  let receiveSeconds = row?.flushLagSeconds ?? null;
  let replaySeconds = row?.replayLagSeconds ?? null;
  let secondsSource: NodeLag['secondsSource'] = row && replaySeconds !== null ? 'upstream' : null;
  // PostgreSQL clears the lag columns once a standby is caught up and idle: caught up means 0 s.
  if (receiveSeconds === null && receiveBytes === 0) receiveSeconds = 0;
  if (replaySeconds === null && replayBytes === 0) {
    replaySeconds = 0;
    secondsSource = 'upstream';
  }
  const sinceReplay = secondsSince(replica.lastReplayTimestamp, nowMs);
  // Paused with WAL waiting: the upstream's figure stands still between feedback messages; the replica's own grows.
  if (replica.replayPaused && (replayBytes ?? 0) > 0 && sinceReplay !== null) {
    replaySeconds = Math.max(replaySeconds ?? 0, sinceReplay);
    secondsSource = 'paused';
  } else if (replaySeconds === null && sinceReplay !== null) {
    replaySeconds = sinceReplay;
    secondsSource = 'last-replay';
  }
  return { receiveBytes, replayBytes, receiveSeconds, replaySeconds, secondsSource, ...(row ? { upstreamPid: row.pid } : {}) };
}

/** A subscription that should run but has no apply worker is failing (its error is in the node's log); tables still copying, errors and conflicts are worth a look. */
function subscriptionProblems(status: NodeStatus): Finding[] {
  const found: Finding[] = [];
  for (const sub of status.subscriptions) {
    if (sub.enabled && sub.pid === null) found.push({ health: 'critical', text: `subscription ${sub.name} enabled but its apply worker is not running (the node's log says why)` });
    if (!sub.enabled) found.push({ health: 'warning', text: `subscription ${sub.name} disabled: its slot on the publisher holds WAL` });
    const syncing = Object.entries(sub.tables).filter(([state]) => state !== 'ready').reduce((n, [, count]) => n + (count ?? 0), 0);
    if (syncing > 0 && sub.enabled) found.push({ health: 'warning', text: `subscription ${sub.name}: ${syncing} table${syncing === 1 ? '' : 's'} not ready yet` });
    const errors = (sub.applyErrors ?? 0) + (sub.syncErrors ?? 0);
    if (errors > 0) found.push({ health: 'warning', text: `subscription ${sub.name}: ${errors} worker error${errors === 1 ? '' : 's'} so far` });
    if ((sub.conflicts ?? 0) > 0) found.push({ health: 'warning', text: `subscription ${sub.name}: ${sub.conflicts} conflict${sub.conflicts === 1 ? '' : 's'} while applying` });
  }
  return found;
}

/** One thing worth saying about a node, with how bad it is. */
interface Finding {
  health: Health;
  text: string;
}

function lagFindings(lag: NodeLag | null, thresholds: MonitorThresholds): Finding[] {
  if (!lag) return [];
  const bytes = Math.max(lag.receiveBytes ?? 0, lag.replayBytes ?? 0);
  const seconds = lag.replaySeconds ?? 0;
  let health: Health = 'ok';
  if (bytes >= thresholds.lagBytesCritical || seconds >= thresholds.lagSecondsCritical) health = 'critical';
  else if (bytes >= thresholds.lagBytesWarning || seconds >= thresholds.lagSecondsWarning) health = 'warning';
  return health === 'ok' ? [] : [{ health, text: `lag ${formatBytes(bytes)} · ${formatSeconds(lag.replaySeconds)}` }];
}

function receiverFindings(status: NodeStatus): Finding[] {
  const found: Finding[] = [];
  if (!status.walReceiver) found.push({ health: 'critical', text: 'no WAL receiver: not streaming from any primary' });
  else if (status.walReceiver.status !== 'streaming') found.push({ health: 'warning', text: `WAL receiver ${status.walReceiver.status}` });
  if (status.replayPaused) found.push({ health: 'warning', text: 'replay paused' });
  return found;
}

function slotFindings(status: NodeStatus, thresholds: MonitorThresholds): Finding[] {
  return status.slots.flatMap((slot): Finding[] => {
    if (slot.walStatus === 'lost') return [{ health: 'critical', text: `slot ${slot.name} lost WAL its replica needs` }];
    if (slot.walStatus === 'unreserved') return [{ health: 'warning', text: `slot ${slot.name} about to lose WAL` }];
    if (slot.active || status.role !== 'primary') return [];
    const health = (slot.retainedBytes ?? 0) >= thresholds.lagBytesCritical ? 'critical' : 'warning';
    return [{ health, text: `slot ${slot.name} inactive, holding ${formatBytes(slot.retainedBytes)}` }];
  });
}

function archiverFindings(status: NodeStatus): Finding[] {
  const archiver = status.archiver;
  if (!archiver || archiver.failedCount <= 0 || !archiver.lastFailedTime) return [];
  return [{ health: 'warning', text: `archiving failed ${archiver.failedCount}× (last ${archiver.lastFailedWal ?? '?'})` }];
}

/** What the cluster evaluation needs besides one node's own status. */
interface EvaluationContext {
  byService: Map<string, NodeStatus>;
  primaries: string[];
  targets: NodeTarget[];
  thresholds: MonitorThresholds;
  nowMs: number;
}

function evaluateNode(status: NodeStatus, context: EvaluationContext): NodeView {
  const target = context.targets.find((t) => t.service === status.service);
  const streaming = status.walReceiver?.status === 'streaming';
  let upstream: string | null = null;
  let lag: NodeLag | null = null;
  const findings: Finding[] = [];
  if (status.state !== 'up') {
    findings.push({ health: 'critical', text: `${status.state}${status.detail ? `: ${status.detail}` : ''}` });
  } else {
    if (status.role === 'replica') {
      // Sender names we cannot map (attached clusters, other networks): the compose model's or the only primary.
      upstream = resolveSender(status, context.targets) ?? target?.upstream ?? (context.primaries.length === 1 ? context.primaries[0] : null);
      lag = replicaLag(status, upstream ? context.byService.get(upstream) : undefined, context.nowMs);
      findings.push(...receiverFindings(status), ...lagFindings(lag, context.thresholds));
    }
    findings.push(...slotFindings(status, context.thresholds), ...subscriptionProblems(status));
  }
  findings.push(...archiverFindings(status));
  const health = findings.reduce<Health>((acc, f) => worst(acc, f.health), 'ok');
  // The slot a node streams through: none once it is primary (after a failover the compose file still names one).
  const slot = status.role === 'primary' ? null : (status.walReceiver?.slotName ?? target?.slot ?? null);
  return { ...status, upstream, slot, streaming, lag, health, problems: findings.map((f) => f.text) };
}

/** No primary, or two writable copies of the same physical cluster (split brain). Independent clusters joined by
 * logical replication (different system identifiers) are not split brain. */
function clusterFindings(primaries: string[], byService: Map<string, NodeStatus>): Finding[] {
  if (primaries.length === 0) return [{ health: 'critical', text: 'no primary accepts writes' }];
  const bySystem = new Map<string, string[]>();
  for (const name of primaries) {
    const id = byService.get(name)?.systemIdentifier ?? 'unknown';
    bySystem.set(id, [...(bySystem.get(id) ?? []), name]);
  }
  return [...bySystem.values()]
    .filter((group) => group.length >= 2)
    .map((group) => ({ health: 'critical' as const, text: `split brain: ${group.join(' and ')} all accept writes` }));
}

const largest = (values: (number | null | undefined)[]): number | null => {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  return numbers.length ? Math.max(...numbers) : null;
};

/** Adds upstream, lag and health to each node's status and sums the cluster up. Pure: tests feed it statuses. */
export function evaluateCluster(
  statuses: NodeStatus[],
  targets: NodeTarget[],
  thresholds: MonitorThresholds,
  nowMs: number,
  refreshMs: number,
): ClusterSnapshot {
  const byService = new Map(statuses.map((s) => [s.service, s]));
  const primaries = statuses.filter((s) => s.state === 'up' && s.role === 'primary').map((s) => s.service);
  const nodes = statuses.map((status) => evaluateNode(status, { byService, primaries, targets, thresholds, nowMs }));
  const cluster = clusterFindings(primaries, byService);
  const health = [...nodes, ...cluster].reduce<Health>((acc, n) => worst(acc, n.health), 'ok');
  const replicas = nodes.filter((n) => n.state === 'up' && n.role === 'replica');
  const down = nodes.filter((n) => n.state !== 'up');
  const maxLagBytes = largest(replicas.map((n) => n.lag?.replayBytes));
  const maxLagSeconds = largest(replicas.map((n) => n.lag?.replaySeconds));
  const parts = [
    `${primaries.length} primar${primaries.length === 1 ? 'y' : 'ies'}`,
    `${replicas.length} replica${replicas.length === 1 ? '' : 's'}`,
    ...(down.length ? [`${down.length} down`] : []),
    `max lag ${maxLagBytes === null ? '–' : formatBytes(maxLagBytes)}`,
  ];
  return {
    takenAt: new Date(nowMs).toISOString(),
    refreshMs,
    nodes,
    primaries,
    health,
    problems: [...cluster.map((f) => f.text), ...nodes.flatMap((n) => n.problems.map((p) => `${n.service}: ${p}`))],
    summary: parts.join(' · '),
    maxLagBytes,
    maxLagSeconds,
  };
}
