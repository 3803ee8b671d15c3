/** Waiting until native replicas stream from their upstream (pg_stat_wal_receiver on the replica). */
import { pollUntil } from '../docker/util';
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

export async function waitStreaming(
  state: ProjectState,
  plan: NativePlan,
  options: { timeoutMs: number; signal?: AbortSignal; say: (message: string, service?: string) => void },
): Promise<void> {
  for (const node of plan.nodes.filter((n) => n.role === 'replica')) {
    const record = state.nodes[node.service];
    if (!record) continue;
    if (currentRole(record) === 'primary') {
      options.say(`${node.service}: runs as a primary now (promoted by a failover), not as a replica of ${node.upstream}`, node.service);
      continue;
    }
    let last: string | undefined;
    await pollUntil(
      async () => {
        if (!runningPid(record.dataDir, record.pid)) throw new Error(`${node.service} is not running: ${explainLog(record.logFile, 2)}`);
        last = await receiverStatus(record, node.login);
        return last === 'streaming';
      },
      `${node.service} to stream from ${node.upstream}`,
      { timeoutMs: options.timeoutMs, signal: options.signal },
      () => `WAL receiver ${last ?? 'not running'}; ${node.service}'s log says: ${explainLog(record.logFile, 2)}`,
    );
    options.say(`${node.service}: streaming from ${node.upstream}`, node.service);
  }
}
