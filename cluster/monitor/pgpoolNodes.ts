/**
 * pgpool-II's own view of its backends: `SHOW POOL_NODES` through pgpool's client port (the same login as any
 * client), and where it disagrees with what the servers say about themselves (pgpool can believe a node is
 * primary that is not, or keep a node up that is gone). Never throws from `readPoolNodes`.
 */
import { withConnection } from './connect';
import { classifyConnectionError } from './errors';
import type { NodeStatus } from './types';

export interface PoolNode {
  id: number;
  host: string;
  port: number;
  /** up, waiting, down, unused (pgpool's words). */
  status: string;
  /** primary or standby in streaming replication mode; main/replica otherwise. */
  role: string;
  weight: number;
  selectCount: number;
  loadBalanceNode: boolean;
  /** Bytes (or seconds with delay_threshold_by_time), as pgpool reports it. */
  replicationDelay: number | null;
}

export interface PoolNodesResult {
  nodes: PoolNode[];
  error?: string;
}

export interface PgpoolEndpoint {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}

/**
 * Connect and query limit through pgpool: a client login makes pgpool log into every backend (SCRAM each), which
 * takes seconds on a busy machine.
 */
export const PGPOOL_TIMEOUT_MS = 10_000;

type Row = Record<string, string | null>;
const number = (value: string | null | undefined): number | null => (value === null || value === undefined || value === '' ? null : Number(value));

/** One SHOW POOL_NODES row (column names of pgpool 4.3 and 4.6). */
export function poolNodeOf(row: Row): PoolNode {
  return {
    id: Number(row.node_id),
    host: row.hostname ?? '',
    port: Number(row.port),
    status: row.status ?? 'unknown',
    role: row.role ?? 'unknown',
    weight: Number(row.lb_weight ?? 0),
    selectCount: Number(row.select_cnt ?? 0),
    loadBalanceNode: row.load_balance_node === 'true',
    replicationDelay: number(row.replication_delay),
  };
}

export async function readPoolNodes(endpoint: PgpoolEndpoint, timeoutMs = PGPOOL_TIMEOUT_MS): Promise<PoolNodesResult> {
  const config = { ...endpoint, password: endpoint.password ?? '', application_name: 'pgha-monitor', connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs };
  try {
    return await withConnection(config, async (client) => ({ nodes: (await client.query<Row>('SHOW POOL_NODES')).rows.map(poolNodeOf) }));
  } catch (error) {
    return { nodes: [], error: classifyConnectionError(error).detail };
  }
}

/**
 * Where pgpool's view and the servers' own differ, in words for the monitor ("say so loudly"): the node pgpool
 * calls primary is not the one that is, or pgpool keeps a server it cannot reach up / a running one down.
 * `serviceOf` maps pgpool's backend host names to services (the compose names it was configured with).
 */
export function poolDisagreements(nodes: PoolNode[], statuses: NodeStatus[], serviceOf: (host: string) => string = (h) => h): string[] {
  const byService = new Map(statuses.map((s) => [s.service, s]));
  const problems: string[] = [];
  const realPrimary = statuses.find((s) => s.state === 'up' && s.role === 'primary')?.service;
  const pgpoolPrimary = nodes.find((n) => n.role === 'primary');
  const named = pgpoolPrimary ? serviceOf(pgpoolPrimary.host) : undefined;
  if (realPrimary && named !== realPrimary) {
    problems.push(named ? `pgpool sends writes to ${named} as primary, but the primary is ${realPrimary}` : `pgpool knows no primary, but ${realPrimary} is one: writes through pgpool fail`);
  }
  for (const node of nodes) {
    const status = byService.get(serviceOf(node.host));
    if (!status) continue;
    if (node.status === 'down' && status.state === 'up') problems.push(`pgpool has ${status.service} down (detached) although it runs: attach it again (pcp_attach_node ${node.id})`);
    if ((node.status === 'up' || node.status === 'waiting') && status.state !== 'up') problems.push(`pgpool still counts ${status.service} as ${node.status}, but it does not answer`);
  }
  return problems;
}
