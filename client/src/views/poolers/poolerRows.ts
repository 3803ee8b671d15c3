/**
 * The details under a PgBouncer node of the tree: one row per pool (clients active/waiting, servers active/idle,
 * longest wait, average query and transaction time), where each database goes, and the threshold findings.
 * vscode-free presentation data, from the monitor's PoolerStatus (SHOW POOLS / STATS / DATABASES).
 */
import { evaluatePools, type PoolerStatus, type PoolerThresholds, type PoolRow } from '../../../../cluster/monitor/pooler';
import type { Health } from '../../../../cluster/monitor/types';
import type { DetailRow } from '../details/detailRows';
import type { NodeEntry, NodePresentation } from '../nodes/nodeItems';

const ms = (micros: number) => `${(micros / 1000).toFixed(1)} ms`;

function poolTone(pool: PoolRow, thresholds: PoolerThresholds): Health {
  return evaluatePools([pool], thresholds).health;
}

/** One pool: `appdb/postgres (transaction)` — `clients 3 active · 1 waiting · servers 2 active 0 idle · max wait 0.4 s`. */
function poolRow(pool: PoolRow, status: PoolerStatus, thresholds: PoolerThresholds): DetailRow {
  const stats = status.stats.find((s) => s.database === pool.database);
  const times = stats ? ` · avg query ${ms(stats.avgQueryMicros)}, transaction ${ms(stats.avgTransactionMicros)}` : '';
  const description = `clients ${pool.clientsActive} active · ${pool.clientsWaiting} waiting · servers ${pool.serversActive} active ${pool.serversIdle} idle · max wait ${pool.maxWaitSeconds.toFixed(1)} s${times}`;
  const tone = poolTone(pool, thresholds);
  const limits = `warning from ${thresholds.waitingWarning} waiting client(s) or ${thresholds.maxWaitWarningSeconds} s of wait, critical from ${thresholds.waitingCritical} or ${thresholds.maxWaitCriticalSeconds} s`;
  return {
    id: `pool:${pool.database}/${pool.user}`,
    label: `${pool.database}/${pool.user}${pool.poolMode ? ` (${pool.poolMode})` : ''}`,
    description,
    tooltip: `Pool ${pool.database} for user ${pool.user}: ${description}. Thresholds: ${limits} (pgha.monitor.pooler*).`,
    tone,
    icon: tone === 'ok' ? 'symbol-field' : 'warning',
  };
}

/** Rows under a pooler node; a pooler that does not answer gets one row saying why. */
export function poolerRows(status: PoolerStatus | undefined, thresholds: PoolerThresholds): DetailRow[] {
  if (!status) return [{ id: 'pooler:waiting', label: 'Pools', description: 'not read yet', icon: 'loading~spin' }];
  if (status.state !== 'up') return [{ id: 'pooler:down', label: 'Admin console', description: `${status.state}${status.error ? ` — ${status.error}` : ''}`, tone: 'critical', icon: 'error' }];
  const pools = status.pools.filter((p) => p.database !== 'pgbouncer');
  const rows = pools.map((pool) => poolRow(pool, status, thresholds));
  if (!pools.length) rows.push({ id: 'pool:none', label: 'Pools', description: 'no client has connected yet', icon: 'symbol-field' });
  const routes = status.databases.filter((d) => d.name !== 'pgbouncer');
  if (routes.length) {
    const text = routes.map((d) => `${d.name} → ${d.host ?? 'socket'}${d.port ? `:${d.port}` : ''}${d.paused ? ' (paused)' : ''}${d.disabled ? ' (disabled)' : ''}`).join(', ');
    rows.push({ id: 'pooler:routes', label: 'Databases', description: text, tooltip: `Where PgBouncer sends each database (SHOW DATABASES): ${text}`, icon: 'arrow-right' });
  }
  for (const [index, finding] of evaluatePools(status.pools, thresholds).findings.entries()) rows.push({ id: `pooler:finding:${index}`, label: 'Problem', description: finding, tone: 'warning', icon: 'warning' });
  return rows;
}

/** The pooler node's own line: health and how many clients wait in all pools. */
export function poolerSummary(status: PoolerStatus | undefined, thresholds: PoolerThresholds): { description: string; tone: Health | 'muted' } {
  if (!status) return { description: 'pooler', tone: 'muted' };
  if (status.state !== 'up') return { description: `pooler · ${status.state}`, tone: 'critical' };
  const pools = status.pools.filter((p) => p.database !== 'pgbouncer');
  const clients = pools.reduce((n, p) => n + p.clientsActive, 0);
  const waiting = pools.reduce((n, p) => n + p.clientsWaiting, 0);
  return { description: `pooler · ${pools.length} pool(s) · ${clients} client(s) active · ${waiting} waiting`, tone: evaluatePools(status.pools, thresholds).health };
}

/** A PgBouncer node of the tree (the monitor reads its admin console, not PostgreSQL's views). */
export const isPoolerNode = (node: NodeEntry) => node.model?.role === 'pooler' && node.model.flavor === 'pgbouncer';

/** The node's line with the pooler's pools and health in place of PostgreSQL's state. */
export function withPoolerSummary(shown: NodePresentation, node: NodeEntry, status: PoolerStatus | undefined, thresholds: PoolerThresholds): NodePresentation {
  if (!isPoolerNode(node) || node.instance?.lifecycle !== 'running') return shown;
  const summary = poolerSummary(status, thresholds);
  return { ...shown, description: `${summary.description}${shown.description.replace(/^pooler · running/, '')}`, tone: summary.tone };
}
