/**
 * Waiting until native replicas stream from their upstream (pg_stat_wal_receiver on the replica). The role a node
 * has now wins over the compose file's: the caller's `currentRoles` (cluster history) first, else what its data
 * folder says (standby.signal) — a promoted replica is not waited for, a demoted primary is.
 */
import { ClusterError, describeError } from '../errors';
import { pollUntil } from '../poll';
import type { Login, NativePlan } from './plan';
import { currentRole } from './nodes';
import { explainLog, runningPid } from './server';
import { withClient } from './sql';
import type { NodeRecord, ProjectState } from './state';

/** The replica's WAL receiver status ('streaming', 'starting', …), or undefined when it has none. */
export async function receiverStatus(record: NodeRecord, login: Login): Promise<string | undefined> {
  return withClient({ host: '127.0.0.1', port: record.port }, login, async (client) => {
    const result = await client.query<{ status: string }>('SELECT status FROM pg_stat_wal_receiver');
    return result.rows[0]?.status;
  });
}

export interface StreamingOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  say: (message: string, service?: string) => void;
  /** The role each node has now (cluster history); absent services: what the data folder says. */
  currentRoles?: Record<string, string>;
}

/** The node's role now: the history's word, else the data folder's. */
export function roleNow(record: NodeRecord, currentRoles: Record<string, string> | undefined): string {
  return currentRoles?.[record.service] ?? currentRole(record);
}

/** Resolves once `record` streams; a server that is gone ends the wait at once with its log's explanation. */
async function waitOne(record: NodeRecord, login: Login, upstream: string, options: StreamingOptions): Promise<void> {
  let last: string | undefined;
  await pollUntil(
    async () => {
      if (!runningPid(record.dataDir, record.pid)) throw new ClusterError('start-failed', `${record.service} is not running: ${explainLog(record.logFile, 2)}`, [{ id: 'show-logs', title: 'Show logs' }]);
      last = await receiverStatus(record, login);
      return last === 'streaming';
    },
    `${record.service} to stream from ${upstream}`,
    options,
    (lastError) => `WAL receiver ${last ?? 'not running'}${lastError ? ` (last error: ${describeError(lastError)})` : ''}; ${record.service}'s log says: ${explainLog(record.logFile, 2)}`,
  );
}

export async function waitStreaming(state: ProjectState, plan: NativePlan, options: StreamingOptions): Promise<void> {
  for (const node of plan.nodes) {
    const record = state.nodes[node.service];
    if (!record) continue;
    const role = roleNow(record, options.currentRoles);
    if (role !== 'replica') {
      if (node.role === 'replica') options.say(`${node.service}: runs as a primary now (promoted by a failover), not as a replica of ${node.upstream}`, node.service);
      continue;
    }
    if (!runningPid(record.dataDir, record.pid) && node.role === 'primary') continue; // a fenced former primary stays down
    const upstream = record.upstream ?? node.upstream ?? 'its primary';
    await waitOne(record, node.login, upstream, options);
    options.say(`${node.service}: streaming from ${upstream}`, node.service);
  }
}
