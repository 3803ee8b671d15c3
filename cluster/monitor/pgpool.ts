/**
 * pgpool-II in the monitor: per refresh one connection through pgpool's client port reads SHOW POOL_NODES (its
 * view of the backends) and SHOW POOL_PROCESSES (its children, summed up), and sets them next to what the
 * servers say about themselves. Where pgpool's primary is not the real one, writes through pgpool fail or land
 * on the wrong server: that is critical, and said in the snapshot's problems. Never throws from `probePgpool`.
 */
import type { PoolerBackend, ServiceModel, Topology } from '../../core/model/topology';
import { pcpLoginOf, type PcpLogin } from '../failover/pcp';
import { probeStartup } from '../runtime/startupProbe';
import { withConnection } from './connect';
import { classifyConnectionError } from './errors';
import { PGPOOL_TIMEOUT_MS, poolDisagreements, poolNodeOf, type PgpoolEndpoint, type PoolNode } from './pgpoolNodes';
import type { Health, NodeState, NodeStatus, NodeTarget } from './types';

export interface PgpoolTarget extends PgpoolEndpoint {
  service: string;
  /** Its backends by number (a promotion tells pgpool the new primary's number through PCP). */
  backends?: PoolerBackend[];
  /** How to log into its PCP port; absent with `pcpWhy` saying why (then a promotion waits for pgpool's own detection). */
  pcp?: PcpLogin;
  pcpWhy?: string;
}

/** SHOW POOL_PROCESSES summed up: pgpool's children and what they do. */
export interface PgpoolProcesses {
  /** Child processes (num_init_children of them once started). */
  total: number;
  /** Children with a client now (status other than "Wait for connection"; without a status column: a database in the row). */
  busy: number;
  /** Children waiting for a client. */
  idle: number;
}

export interface PgpoolStatus {
  service: string;
  state: NodeState;
  error?: string;
  nodes: PoolNode[];
  processes: PgpoolProcesses;
  /** The service pgpool sends writes to (its primary), undefined when it knows none. */
  pgpoolPrimary?: string;
  /** The service that is primary by its own word, undefined when none answers as one. */
  realPrimary?: string;
  health: Health;
  findings: string[];
}

type Row = Record<string, string | null>;

/** The children of SHOW POOL_PROCESSES (one row per child; a cached backend connection keeps its database after the client left). */
export function processSummaryOf(rows: Row[]): PgpoolProcesses {
  const children = new Map<string, boolean>();
  for (const row of rows) {
    const pid = row.pool_pid ?? '';
    const busy = row.status ? !/wait for connection/i.test(row.status) : Boolean(row.database);
    children.set(pid, (children.get(pid) ?? false) || busy);
  }
  const busy = [...children.values()].filter(Boolean).length;
  return { total: children.size, busy, idle: children.size - busy };
}

/** A host name of pgpool's configuration → the service it reaches (service names and their aliases). */
export function serviceResolver(statuses: readonly Pick<NodeTarget, 'service' | 'aliases'>[]): (host: string) => string {
  return (host) => statuses.find((s) => s.service === host || s.aliases.includes(host))?.service ?? host;
}

/**
 * Health of pgpool from its nodes and the servers: critical when pgpool's primary is not the real one (or it
 * knows none while one runs), warning when it counts a node down that runs, or up that does not answer.
 */
export function evaluatePgpool(nodes: PoolNode[], statuses: NodeStatus[], serviceOf: (host: string) => string): Pick<PgpoolStatus, 'pgpoolPrimary' | 'realPrimary' | 'health' | 'findings'> {
  const pgpoolPrimaryNode = nodes.find((n) => n.role === 'primary' && n.status !== 'down');
  const pgpoolPrimary = pgpoolPrimaryNode ? serviceOf(pgpoolPrimaryNode.host) : undefined;
  const realPrimary = statuses.find((s) => s.state === 'up' && s.role === 'primary')?.service;
  const findings = poolDisagreements(nodes, statuses, serviceOf);
  const primaryWrong = realPrimary !== undefined && pgpoolPrimary !== realPrimary;
  const health: Health = primaryWrong ? 'critical' : findings.length ? 'warning' : 'ok';
  return { pgpoolPrimary, realPrimary, health, findings };
}

/** One refresh of a pgpool-II: its nodes and children, judged against the servers' statuses. */
export async function probePgpool(target: PgpoolTarget, statuses: NodeStatus[], serviceOf: (host: string) => string, timeoutMs = PGPOOL_TIMEOUT_MS): Promise<PgpoolStatus> {
  const { service, ...endpoint } = target;
  const config = { ...endpoint, password: endpoint.password ?? '', application_name: 'pgha-monitor', connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs };
  try {
    const { nodes, processes } = await withConnection(config, async (client) => ({
      nodes: (await client.query<Row>('SHOW POOL_NODES')).rows.map(poolNodeOf),
      processes: processSummaryOf((await client.query<Row>('SHOW POOL_PROCESSES')).rows),
    }));
    return { service, state: 'up', nodes, processes, ...evaluatePgpool(nodes, statuses, serviceOf) };
  } catch (error) {
    const { state, detail } = classifyConnectionError(error);
    return { service, state, error: detail, nodes: [], processes: { total: 0, busy: 0, idle: 0 }, health: 'critical', findings: [`pgpool does not answer: ${detail}`] };
  }
}

/** The host port a pgpool-II service of the model publishes on this machine (its client port, 9999 inside by default). */
export function pgpoolPort(service: ServiceModel): number | undefined {
  if (service.role !== 'pooler' || service.flavor !== 'pgpool') return undefined;
  return service.ports.find((p) => p.protocol === 'tcp' && p.hostPort && (!p.hostIp || p.hostIp === '127.0.0.1' || p.hostIp === '0.0.0.0'))?.hostPort;
}

/**
 * Whether a pgpool-II answers clients on host:port: a child took the startup message and asked for a password
 * (or refused by name). While pgpool still looks for a primary no child accepts: the probe hears nothing.
 * Hangs up before authenticating, so no failed login is logged.
 */
export async function pgpoolAnswers(host: string, port: number): Promise<boolean> {
  const answer = await probeStartup(host, port, 'postgres', { database: 'postgres', timeoutMs: 2000 });
  return answer.kind === 'ready' || answer.kind === 'error';
}

/** The pgpool-II services of a stack the monitor can reach, logging in as `login` (the stack's PostgreSQL login). */
export function pgpoolTargetsOf(topology: Topology, login: () => { user: string; password?: string }): PgpoolTarget[] {
  return topology.services.flatMap((service) => {
    const port = pgpoolPort(service);
    if (port === undefined) return [];
    const { login: pcp, why: pcpWhy } = pcpLoginOf(service);
    return [{ service: service.name, host: '127.0.0.1', port, database: 'postgres', ...login(), ...(service.backends ? { backends: service.backends } : {}), ...(pcp ? { pcp } : { pcpWhy }) }];
  });
}

const cell = (text: string, width: number) => text.padEnd(width);

/** `pgha status` lines for one pgpool: a header, one line per backend as pgpool sees it, then the findings. */
export function formatPgpoolStatus(status: PgpoolStatus): string {
  if (status.state !== 'up') return `${cell(status.service, 12)} pooler   ${status.state}${status.error ? ` (${status.error})` : ''}\n`;
  const p = status.processes;
  const head = `${cell(status.service, 12)} pooler   up   ${status.health}   pgpool-II: primary ${status.pgpoolPrimary ?? 'none'} (real: ${status.realPrimary ?? 'none'}), children ${p.total} (${p.busy} busy, ${p.idle} idle)\n`;
  const nodes = status.nodes.map(
    (n) =>
      `  node ${n.id} ${cell(`${n.host}:${n.port}`, 18)} ${cell(n.status, 7)} ${cell(n.role, 8)} weight ${n.weight.toFixed(3)}  select_cnt ${cell(String(n.selectCount), 6)} ${n.loadBalanceNode ? 'lb-node' : '       '}  delay ${n.replicationDelay ?? '-'}\n`,
  );
  return head + nodes.join('') + status.findings.map((f) => `  ! ${f}\n`).join('');
}

/** The status as `pgha status --json` reports it: `role: "pooler"`, `kind: "pgpool"`. */
export const pgpoolToJson = (status: PgpoolStatus) => ({ role: 'pooler' as const, kind: 'pgpool' as const, ...status });

/** Snapshot health and problems with pgpool's findings folded in (each prefixed with the pgpool service). */
export function withPgpoolFindings(health: Health, problems: string[], pgpools: PgpoolStatus[]): { health: Health; problems: string[] } {
  const rank: Record<Health, number> = { ok: 0, warning: 1, critical: 2 };
  let worst = health;
  for (const status of pgpools) if (rank[status.health] > rank[worst]) worst = status.health;
  return { health: worst, problems: [...problems, ...pgpools.flatMap((s) => s.findings.map((f) => `${s.service}: ${f}`))] };
}
