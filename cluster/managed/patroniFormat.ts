/** How `pgha status` shows the engine's view: a table under the SQL one, and the JSON fields scripts read. */
import { formatBytes } from '../monitor/lsn';
import type { PatroniStatus } from './patroniMonitor';

const yesNo = (value: boolean | null) => (value === null ? '–' : value ? 'yes' : 'no');

/** The Patroni block of the text output. */
export function renderPatroniText(status: PatroniStatus, table: (rows: string[][]) => string): string {
  const header = ['PATRONI MEMBER', 'ROLE', 'STATE', 'TL', 'LAG', 'PENDING RESTART', 'API', 'ETCD'];
  const rows = status.members.map((m) => [
    m.service === m.member ? m.service : `${m.service} (${m.member})`,
    m.role,
    m.state,
    m.timeline === null ? '–' : String(m.timeline),
    m.role === 'leader' ? '–' : formatBytes(m.lagBytes),
    m.pendingRestart ? 'yes' : 'no',
    m.apiReachable ? 'ok' : 'no answer',
    yesNo(m.dcsReachable),
  ]);
  const title = `Patroni${status.scope ? ` (scope ${status.scope})` : ''}: leader ${status.leader ?? 'none'}${status.paused ? ', paused' : ''}   (REST ${status.probeMs.toFixed(1)} ms)`;
  return `\n${title}\n${table([header, ...rows])}\n`;
}

/** Per node: the role Patroni gives it and its member fields (undefined for a node Patroni does not manage). */
export function patroniNodeJson(status: PatroniStatus | undefined, service: string) {
  const member = status?.members.find((m) => m.service === service);
  if (!member) return undefined;
  const { role, state, timeline, lagBytes, pendingRestart, apiReachable, dcsReachable } = member;
  return { role, patroni: { member: member.member, state, timeline, lagBytes, pendingRestart, apiReachable, dcsReachable } };
}

/** The top-level JSON fields of a managed cluster. */
export function patroniClusterJson(status: PatroniStatus | undefined) {
  return status ? { manager: status.manager, patroni: { scope: status.scope, leader: status.leader, paused: status.paused } } : {};
}
