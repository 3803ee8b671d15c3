/**
 * The details under a node: timeline, LSNs, lag (bytes · time, receive and replay apart), WAL receiver, the
 * standbys a primary feeds, slots with their state, archiver and problems. vscode-free presentation data.
 */
import { LAG_SOURCE_TEXT, lagFigure } from '../../../../cluster/monitor/format';
import { formatBytes, formatSeconds } from '../../../../cluster/monitor/lsn';
import type { Health, NodeView, ReplicationRow } from '../../../../cluster/monitor/types';

export interface DetailRow {
  id: string;
  label: string;
  description: string;
  tooltip?: string;
  tone?: Health;
  /** Codicon id for the row. */
  icon: string;
  /** The tree item's contextValue (menus by row kind and state); default pgha.detail. */
  contextValue?: string;
}

function lagTone(bytes: number | null, seconds: number | null, t: LagThresholds): Health {
  if ((bytes ?? 0) >= t.lagBytesCritical || (seconds ?? 0) >= t.lagSecondsCritical) return 'critical';
  if ((bytes ?? 0) >= t.lagBytesWarning || (seconds ?? 0) >= t.lagSecondsWarning) return 'warning';
  return 'ok';
}

export interface LagThresholds {
  lagBytesWarning: number;
  lagBytesCritical: number;
  lagSecondsWarning: number;
  lagSecondsCritical: number;
}

/** A subscription: its worker, tables by sync state, and what it received. */
export function subscriptionRow(sub: NodeView['subscriptions'][number]): DetailRow {
  const tables = Object.entries(sub.tables).map(([state, count]) => `${count} ${state}`).join(', ') || 'no tables';
  const worker = !sub.enabled ? 'disabled' : sub.pid ? 'running' : 'failing';
  const counters = [sub.applyErrors || sub.syncErrors ? `${(sub.applyErrors ?? 0) + (sub.syncErrors ?? 0)} errors` : '', sub.conflicts ? `${sub.conflicts} conflicts` : ''].filter(Boolean).join(', ');
  const error = sub.lastError ? `last error (from the log): ${sub.lastError}` : '';
  return {
    id: `sub:${sub.name}`,
    label: `Subscription ${sub.name}`,
    description: `${worker} · ${tables}${counters ? ` · ${counters}` : ''}${worker === 'failing' && sub.lastError ? ` · ${sub.lastError}` : ''}`,
    tooltip: [`received ${sub.receivedLsn ?? '–'} at ${sub.lastMessageReceiptTime ?? '–'}; publisher confirmed ${sub.latestEndLsn ?? '–'} at ${sub.latestEndTime ?? '–'}`, error].filter(Boolean).join('\n'),
    tone: worker === 'failing' ? 'critical' : worker === 'disabled' || counters ? 'warning' : 'ok',
    icon: 'rss',
    contextValue: `pgha.subscription.${worker}`,
  };
}

/**
 * A standby row of a primary. Its figure is the replica's own row's (the same lag as the replica, the status bar
 * and `pgha status`); what the primary itself measured (pg_stat_replication) is in the tooltip, labelled.
 */
function standbyRow(r: ReplicationRow, replica: NodeView | undefined, thresholds: LagThresholds): DetailRow {
  const primaryView = `${formatBytes(r.replayLagBytes)} · ${formatSeconds(r.replayLagSeconds)}`;
  const lag = replica?.lag ? lagFigure(replica.lag) : primaryView;
  return {
    id: `standby:${r.pid}`,
    label: `→ ${r.applicationName || r.clientAddr || String(r.pid)}`,
    description: `${r.state ?? '?'} · ${r.syncState ?? '?'} · replay ${lag}`,
    tooltip: [
      `client ${r.clientAddr ?? 'local'}, pid ${r.pid}`,
      `sent ${r.sentLsn ?? '–'} · write ${r.writeLsn ?? '–'} · flush ${r.flushLsn ?? '–'} · replay ${r.replayLsn ?? '–'}`,
      `the primary's view (pg_stat_replication, from the replica's last feedback): replay ${primaryView}; write lag ${formatSeconds(r.writeLagSeconds)} · flush lag ${formatSeconds(r.flushLagSeconds)}`,
      ...(replica?.lag ? [`lag ${lag}: as on ${replica.service}'s row, time ${LAG_SOURCE_TEXT[replica.lag.secondsSource ?? 'upstream']}`] : []),
    ].join('\n'),
    tone: replica?.lag ? lagTone(replica.lag.replayBytes, replica.lag.replaySeconds, thresholds) : lagTone(r.replayLagBytes, r.replayLagSeconds, thresholds),
    icon: 'arrow-right',
  };
}

function replicaRows(view: NodeView, thresholds: LagThresholds): DetailRow[] {
  const rows: DetailRow[] = [
    { id: 'receive', label: 'Receive LSN', description: view.receiveLsn ?? '–', icon: 'cloud-download' },
    { id: 'replay', label: 'Replay LSN', description: `${view.replayLsn ?? '–'}${view.replayPaused ? ' (paused)' : ''}`, tone: view.replayPaused ? 'warning' : undefined, icon: 'debug-continue' },
  ];
  if (view.lag) {
    const seconds = LAG_SOURCE_TEXT[view.lag.secondsSource ?? 'upstream'];
    rows.push({
      id: 'lag:receive',
      label: 'Receive lag',
      description: `${formatBytes(view.lag.receiveBytes)} · ${formatSeconds(view.lag.receiveSeconds)}`,
      tooltip: 'WAL the upstream wrote that this replica has not received yet.',
      tone: lagTone(view.lag.receiveBytes, view.lag.receiveSeconds, thresholds),
      icon: 'dashboard',
    });
    rows.push({
      id: 'lag:replay',
      label: 'Replay lag',
      description: lagFigure(view.lag),
      tooltip: `WAL not yet applied (what readers of this replica do not see): the upstream's current LSN − this replica's replay LSN. Time: ${seconds}.`,
      tone: lagTone(view.lag.replayBytes, view.lag.replaySeconds, thresholds),
      icon: 'dashboard',
    });
  }
  const receiver = view.walReceiver;
  rows.push({
    id: 'receiver',
    label: 'WAL receiver',
    description: receiver ? `${receiver.status} from ${view.upstream ?? receiver.senderHost ?? '?'}${receiver.slotName ? ` via slot ${receiver.slotName}` : ''}` : 'none (not streaming)',
    tooltip: receiver?.lastMessageReceiptTime ? `last message ${receiver.lastMessageReceiptTime}` : undefined,
    tone: !receiver ? 'critical' : receiver.status === 'streaming' ? 'ok' : 'warning',
    icon: 'radio-tower',
  });
  return rows;
}

function slotRow(slot: NodeView['slots'][number]): DetailRow {
  const tone: Health = slot.walStatus === 'lost' ? 'critical' : slot.walStatus === 'unreserved' || !slot.active ? 'warning' : 'ok';
  return {
    id: `slot:${slot.name}`,
    label: `Slot ${slot.name}`,
    description: `${slot.active ? 'active' : 'inactive'} · ${slot.walStatus ?? '–'} · holds ${formatBytes(slot.retainedBytes)}`,
    tooltip: [
      `${slot.type} slot, restart LSN ${slot.restartLsn ?? '–'}`,
      `safe_wal_size ${slot.safeWalSize === null ? 'unlimited' : formatBytes(slot.safeWalSize)}`,
      slot.inactiveSince ? `inactive since ${slot.inactiveSince}` : '',
    ].filter(Boolean).join('\n'),
    tone,
    icon: 'bookmark',
  };
}

function archiverRows(view: NodeView): DetailRow[] {
  if (!view.archiver || view.archiver.mode === 'off') return [];
  const failing = view.archiver.failedCount > 0;
  return [{
    id: 'archiver',
    label: 'Archiver',
    description: `${view.archiver.archivedCount} archived${failing ? `, ${view.archiver.failedCount} failed` : ''}`,
    tooltip: `last archived ${view.archiver.lastArchivedWal ?? '–'}${view.archiver.lastFailedWal ? `; last failed ${view.archiver.lastFailedWal} at ${view.archiver.lastFailedTime}` : ''}`,
    tone: failing ? 'warning' : 'ok',
    icon: 'archive',
  }];
}

function publicationRows(view: NodeView): DetailRow[] {
  if (!view.publications.length) return [];
  const described = view.publications.map((p) => `${p.name} (${p.allTables ? 'all tables' : `${p.tables} table${p.tables === 1 ? '' : 's'}`})`);
  return [{ id: 'publications', label: 'Publications', description: described.join(', '), icon: 'broadcast' }];
}

/** `peers`: the other nodes of the same snapshot, so a primary's standby rows show the replicas' own figures. */
export function detailRows(view: NodeView | undefined, thresholds: LagThresholds, peers: readonly NodeView[] = []): DetailRow[] {
  if (!view) return [{ id: 'waiting', label: 'Status', description: 'waiting for the first refresh', icon: 'loading~spin' }];
  if (view.state !== 'up') {
    return [{ id: 'state', label: 'State', description: view.state, tooltip: view.detail, tone: 'critical', icon: 'error' }];
  }
  const rows: DetailRow[] = [{ id: 'timeline', label: 'Timeline', description: String(view.timeline ?? '–'), icon: 'history' }];
  if (view.role === 'primary') {
    rows.push({ id: 'lsn', label: 'Current LSN', description: view.lsn ?? '–', icon: 'pulse' });
    for (const r of view.replication) {
      const replica = peers.find((p) => p.upstream === view.service && p.lag?.upstreamPid === r.pid);
      rows.push(standbyRow(r, replica, thresholds));
    }
  } else {
    rows.push(...replicaRows(view, thresholds));
  }
  rows.push(...view.slots.map(slotRow), ...archiverRows(view), ...publicationRows(view), ...view.subscriptions.map(subscriptionRow));
  for (const [index, problem] of view.problems.entries()) {
    rows.push({ id: `problem:${index}`, label: 'Problem', description: problem, tooltip: problem, tone: view.health === 'ok' ? 'warning' : view.health, icon: 'warning' });
  }
  return rows;
}
