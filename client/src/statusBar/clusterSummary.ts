/**
 * Text, severity and tooltip of the status-bar item that sums up the active cluster
 * (`1 primary · 2 replicas · max lag 0 B`). vscode-free; the item maps severity to theme colours.
 */
import { LAG_SOURCE_TEXT, lagFigure } from '../../../cluster/monitor/format';
import { formatBytes, formatSeconds } from '../../../cluster/monitor/lsn';
import { subscriptionLines, subscriptionsText } from '../../../cluster/monitor/subscriptionSummary';
import type { ClusterSnapshot, MonitorThresholds } from '../../../cluster/monitor/types';

export type SummarySeverity = 'ok' | 'warning' | 'error';

export interface ClusterSummary {
  text: string;
  severity: SummarySeverity;
  tooltip: string;
}

/** Past the critical threshold (or no primary, split brain, a node down) is an error; past warning is a warning. */
export function severityOf(snapshot: ClusterSnapshot, thresholds: MonitorThresholds): SummarySeverity {
  const bytes = snapshot.maxLagBytes ?? 0;
  const seconds = snapshot.maxLagSeconds ?? 0;
  if (snapshot.health === 'critical' || bytes >= thresholds.lagBytesCritical || seconds >= thresholds.lagSecondsCritical) return 'error';
  if (snapshot.health === 'warning' || bytes >= thresholds.lagBytesWarning || seconds >= thresholds.lagSecondsWarning) return 'warning';
  return 'ok';
}

export function summarizeCluster(project: string, snapshot: ClusterSnapshot, thresholds: MonitorThresholds): ClusterSummary {
  const severity = severityOf(snapshot, thresholds);
  const icon = severity === 'error' ? '$(error)' : severity === 'warning' ? '$(warning)' : '$(database)';
  const tooltip = [
    `PostgreSQL HA — ${project}`,
    snapshot.summary,
    `max lag ${formatBytes(snapshot.maxLagBytes)} · ${formatSeconds(snapshot.maxLagSeconds)}`,
    // The same figures as the tree's replica rows and `pgha status` (one snapshot), and whose measurement the time is.
    ...snapshot.nodes.filter((n) => n.role === 'replica' && n.lag).map((n) => `  ${n.service}: lag ${lagFigure(n.lag)} — time: ${LAG_SOURCE_TEXT[n.lag?.secondsSource ?? 'upstream']}`),
    ...subscriptionLines(snapshot, formatBytes).map((line) => `  ${line}`),
    `warning past ${formatBytes(thresholds.lagBytesWarning)} or ${thresholds.lagSecondsWarning} s; error past ${formatBytes(thresholds.lagBytesCritical)} or ${thresholds.lagSecondsCritical} s`,
    ...snapshot.problems.slice(0, 5).map((p) => `• ${p}`),
    `refreshed ${snapshot.takenAt} in ${snapshot.refreshMs.toFixed(0)} ms`,
  ];
  const subscriptions = subscriptionsText(snapshot);
  return { text: `${icon} ${snapshot.summary}${subscriptions ? ` · ${subscriptions}` : ''}`, severity, tooltip: tooltip.join('\n') };
}
