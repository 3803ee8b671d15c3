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
function subscriptionProblems(status: NodeStatus): { health: Health; text: string }[] {
  const found: { health: Health; text: string }[] = [];
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

function lagHealth(lag: NodeLag, thresholds: MonitorThresholds): { health: Health; problems: string[] } {
  const bytes = Math.max(lag.receiveBytes ?? 0, lag.replayBytes ?? 0);
  const seconds = lag.replaySeconds ?? 0;
  const problems: string[] = [];
  let health: Health = 'ok';
  if (bytes >= thresholds.lagBytesCritical || seconds >= thresholds.lagSecondsCritical) health = 'critical';
  else if (bytes >= thresholds.lagBytesWarning || seconds >= thresholds.lagSecondsWarning) health = 'warning';
  if (health !== 'ok') problems.push(`lag ${formatBytes(bytes)} · ${formatSeconds(lag.replaySeconds)}`);
  return { health, problems };
}

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
  const nodes: NodeView[] = statuses.map((status) => {
    const target = targets.find((t) => t.service === status.service);
    const problems: string[] = [];
    let health: Health = 'ok';
    let upstream: string | null = null;
    let lag: NodeLag | null = null;
    const streaming = status.walReceiver?.status === 'streaming';
    if (status.state !== 'up') {
      health = 'critical';
      problems.push(`${status.state}${status.detail ? `: ${status.detail}` : ''}`);
    } else if (status.role === 'replica') {
      // Sender names we cannot map (attached clusters, other networks): the compose model's or the only primary.
      upstream = resolveSender(status, targets) ?? target?.upstream ?? (primaries.length === 1 ? primaries[0] : null);
      lag = replicaLag(status, upstream ? byService.get(upstream) : undefined, nowMs);
      if (!status.walReceiver) {
        health = 'critical';
        problems.push('no WAL receiver: not streaming from any primary');
      } else if (!streaming) {
        health = 'warning';
        problems.push(`WAL receiver ${status.walReceiver.status}`);
      }
      if (status.replayPaused) {
        health = worst(health, 'warning');
        problems.push('replay paused');
      }
      if (lag) {
        const judged = lagHealth(lag, thresholds);
        health = worst(health, judged.health);
        problems.push(...judged.problems);
      }
    }
    for (const slot of status.state === 'up' ? status.slots : []) {
      if (slot.walStatus === 'lost') {
        health = 'critical';
        problems.push(`slot ${slot.name} lost WAL its replica needs`);
      } else if (slot.walStatus === 'unreserved') {
        health = worst(health, 'warning');
        problems.push(`slot ${slot.name} about to lose WAL`);
      } else if (!slot.active && status.role === 'primary') {
        health = worst(health, (slot.retainedBytes ?? 0) >= thresholds.lagBytesCritical ? 'critical' : 'warning');
        problems.push(`slot ${slot.name} inactive, holding ${formatBytes(slot.retainedBytes)}`);
      }
    }
    for (const problem of status.state === 'up' ? subscriptionProblems(status) : []) {
      health = worst(health, problem.health);
      problems.push(problem.text);
    }
    if (status.archiver && status.archiver.failedCount > 0 && status.archiver.lastFailedTime) {
      health = worst(health, 'warning');
      problems.push(`archiving failed ${status.archiver.failedCount}× (last ${status.archiver.lastFailedWal ?? '?'})`);
    }
    // The slot a node streams through: none once it is primary (after a failover the compose file still names one).
    const slot = status.role === 'primary' ? null : (status.walReceiver?.slotName ?? target?.slot ?? null);
    return { ...status, upstream, slot, streaming, lag, health, problems };
  });

  const clusterProblems: string[] = [];
  let health: Health = nodes.reduce<Health>((acc, n) => worst(acc, n.health), 'ok');
  if (primaries.length === 0) {
    health = 'critical';
    clusterProblems.push('no primary accepts writes');
  } else {
    // Two writable copies of the same physical cluster are split brain; independent clusters joined by
    // logical replication (different system identifiers) are not.
    const bySystem = new Map<string, string[]>();
    for (const name of primaries) {
      const id = byService.get(name)?.systemIdentifier ?? 'unknown';
      bySystem.set(id, [...(bySystem.get(id) ?? []), name]);
    }
    for (const group of bySystem.values()) {
      if (group.length < 2) continue;
      health = 'critical';
      clusterProblems.push(`split brain: ${group.join(' and ')} all accept writes`);
    }
  }
  const replicas = nodes.filter((n) => n.state === 'up' && n.role === 'replica');
  const down = nodes.filter((n) => n.state !== 'up');
  const lagBytes = replicas.map((n) => n.lag?.replayBytes).filter((b): b is number => typeof b === 'number');
  const lagSeconds = replicas.map((n) => n.lag?.replaySeconds).filter((s): s is number => typeof s === 'number');
  const maxLagBytes = lagBytes.length ? Math.max(...lagBytes) : null;
  const maxLagSeconds = lagSeconds.length ? Math.max(...lagSeconds) : null;
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
    problems: [...clusterProblems, ...nodes.flatMap((n) => n.problems.map((p) => `${n.service}: ${p}`))],
    summary: parts.join(' · '),
    maxLagBytes,
    maxLagSeconds,
  };
}
