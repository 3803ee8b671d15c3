/**
 * The details under a pgpool-II node: who pgpool sends writes to next to the real primary (critical when they
 * differ), its children, and one row per backend as pgpool sees it (status, role, weight, select_cnt, load
 * balance node, replication delay), then its findings. vscode-free presentation data.
 */
import type { PgpoolStatus } from '../../../../cluster/monitor/pgpool';
import type { ClusterSnapshot } from '../../../../cluster/monitor/types';
import type { DetailRow } from './detailRows';

/** pgpool's status for a service of the snapshot, when the monitor reads one. */
export const pgpoolStatusOf = (snapshot: ClusterSnapshot | undefined, service: string): PgpoolStatus | undefined => snapshot?.pgpool?.find((p) => p.service === service);

export function pgpoolDetailRows(status: PgpoolStatus): DetailRow[] {
  if (status.state !== 'up') return [{ id: 'pgpool:state', label: 'pgpool-II', description: `${status.state}${status.error ? ` · ${status.error}` : ''}`, tone: 'critical', icon: 'error' }];
  const agree = status.pgpoolPrimary === status.realPrimary;
  const primary: DetailRow = {
    id: 'pgpool:primary',
    label: 'Writes go to',
    description: `${status.pgpoolPrimary ?? 'no primary'}${agree ? '' : ` — but the primary is ${status.realPrimary ?? 'none'}`}`,
    tooltip: agree ? "pgpool's primary is the server that is primary" : "pgpool's idea of the primary differs from the real one: writes through pgpool fail or reach the wrong server",
    tone: agree || status.realPrimary === undefined ? 'ok' : 'critical',
    icon: 'arrow-right',
  };
  const p = status.processes;
  const children: DetailRow = { id: 'pgpool:processes', label: 'Children', description: `${p.total} · ${p.busy} busy · ${p.idle} idle`, icon: 'server-process' };
  const nodes = status.nodes.map(
    (n): DetailRow => ({
      id: `pgpool:node:${n.id}`,
      label: `Backend ${n.id} ${n.host}:${n.port}`,
      description: `${n.status} · ${n.role} · weight ${n.weight} · select_cnt ${n.selectCount}${n.loadBalanceNode ? ' · load balance node' : ''} · delay ${n.replicationDelay ?? '-'}`,
      tone: n.status === 'down' ? 'warning' : 'ok',
      icon: n.role === 'primary' ? 'database' : 'mirror',
    }),
  );
  const findings = status.findings.map((f, i): DetailRow => ({ id: `pgpool:finding:${i}`, label: 'Problem', description: f, tooltip: f, tone: status.health === 'ok' ? 'warning' : status.health, icon: 'warning' }));
  return [primary, children, ...nodes, ...findings];
}
