/**
 * PgBouncer through its admin console (the virtual `pgbouncer` database, simple query protocol only):
 * SHOW POOLS, SHOW STATS and SHOW DATABASES read into one snapshot per pooler, thresholds on waiting clients
 * and the longest wait, and the commands failover needs (RELOAD, PAUSE, RESUME).
 */
import type { Client } from 'pg';
import type { ServiceModel } from '../../core/model/topology';
import { probeStartup } from '../runtime/startupProbe';
import { withConnection } from './connect';
import { classifyConnectionError } from './errors';
import type { Health, NodeState } from './types';

export interface PoolerTarget {
  service: string;
  host: string;
  port: number;
  user: string;
  password?: string;
}

export interface PoolRow {
  database: string;
  user: string;
  clientsActive: number;
  clientsWaiting: number;
  serversActive: number;
  serversIdle: number;
  /** Seconds the oldest waiting client has waited. */
  maxWaitSeconds: number;
  poolMode: string;
}

export interface PoolerDatabaseRow {
  name: string;
  host: string | null;
  port: number | null;
  database: string;
  paused: boolean;
  disabled: boolean;
}

export interface PoolerStatsRow {
  database: string;
  /** Microseconds, as PgBouncer reports them. */
  avgQueryMicros: number;
  avgTransactionMicros: number;
}

export interface PoolerStatus {
  service: string;
  state: NodeState;
  error?: string;
  pools: PoolRow[];
  databases: PoolerDatabaseRow[];
  stats: PoolerStatsRow[];
  health: Health;
  /** Why the health is not ok. */
  findings: string[];
}

export interface PoolerThresholds {
  /** Waiting clients in one pool that make it a warning / critical. */
  waitingWarning: number;
  waitingCritical: number;
  /** Seconds of the longest wait that make it a warning / critical. */
  maxWaitWarningSeconds: number;
  maxWaitCriticalSeconds: number;
}

export const DEFAULT_POOLER_THRESHOLDS: PoolerThresholds = { waitingWarning: 1, waitingCritical: 20, maxWaitWarningSeconds: 1, maxWaitCriticalSeconds: 10 };

type Row = Record<string, string | null>;
const num = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? 0 : Number(value));

/** Runs `work` on an admin-console connection. */
function withAdmin<T>(target: PoolerTarget, timeoutMs: number, work: (client: Client) => Promise<T>): Promise<T> {
  const { host, port, user, password } = target;
  return withConnection({ host, port, user, password, database: 'pgbouncer', connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs }, work);
}

async function show(client: Client, what: 'POOLS' | 'STATS' | 'DATABASES'): Promise<Row[]> {
  // A plain string query goes over the simple query protocol, the only one the admin console speaks.
  return (await client.query<Row>(`SHOW ${what}`)).rows;
}

export function poolRows(rows: Row[]): PoolRow[] {
  return rows.map((r) => ({
    database: r.database ?? '',
    user: r.user ?? '',
    clientsActive: num(r.cl_active),
    clientsWaiting: num(r.cl_waiting),
    serversActive: num(r.sv_active),
    serversIdle: num(r.sv_idle),
    maxWaitSeconds: num(r.maxwait) + num(r.maxwait_us) / 1e6,
    poolMode: r.pool_mode ?? '',
  }));
}

const databaseRows = (rows: Row[]): PoolerDatabaseRow[] =>
  rows.map((r) => ({ name: r.name ?? '', host: r.host ?? null, port: r.port ? Number(r.port) : null, database: r.database ?? '', paused: num(r.paused) === 1, disabled: num(r.disabled) === 1 }));

const statsRows = (rows: Row[]): PoolerStatsRow[] => rows.map((r) => ({ database: r.database ?? '', avgQueryMicros: num(r.avg_query_time), avgTransactionMicros: num(r.avg_xact_time) }));

/** Health of a pooler from its pools (the admin console's own pool does not count). */
export function evaluatePools(pools: PoolRow[], thresholds: PoolerThresholds = DEFAULT_POOLER_THRESHOLDS): { health: Health; findings: string[] } {
  const findings: string[] = [];
  let health: Health = 'ok';
  const raise = (level: Health) => (health = level === 'critical' || health === 'critical' ? 'critical' : 'warning');
  for (const pool of pools.filter((p) => p.database !== 'pgbouncer')) {
    const name = `${pool.database}/${pool.user}`;
    if (pool.clientsWaiting >= thresholds.waitingWarning) {
      raise(pool.clientsWaiting >= thresholds.waitingCritical ? 'critical' : 'warning');
      findings.push(`${name}: ${pool.clientsWaiting} client(s) waiting for a server connection`);
    }
    if (pool.maxWaitSeconds >= thresholds.maxWaitWarningSeconds) {
      raise(pool.maxWaitSeconds >= thresholds.maxWaitCriticalSeconds ? 'critical' : 'warning');
      findings.push(`${name}: the oldest waiting client has waited ${pool.maxWaitSeconds.toFixed(1)} s`);
    }
  }
  return { health, findings };
}

/** SHOW POOLS, DATABASES and STATS on an admin-console connection, as a status. */
export async function readPoolerStatus(client: Client, service: string, thresholds: PoolerThresholds): Promise<PoolerStatus> {
  const pools = poolRows(await show(client, 'POOLS'));
  const databases = databaseRows(await show(client, 'DATABASES'));
  const stats = statsRows(await show(client, 'STATS'));
  return { service, state: 'up', pools, databases, stats, ...evaluatePools(pools, thresholds) };
}

/** The status of a pooler whose console could not be read. */
export function failedPoolerStatus(service: string, error: unknown): PoolerStatus {
  const { state, detail } = classifyConnectionError(error);
  return { service, state, error: detail, pools: [], databases: [], stats: [], health: 'critical', findings: [detail] };
}

/** One refresh of a pooler over a connection of its own (`pgha status`; the tree keeps one: ./poolerConnection.ts): never throws. */
export async function probePooler(target: PoolerTarget, thresholds = DEFAULT_POOLER_THRESHOLDS, timeoutMs = 3000): Promise<PoolerStatus> {
  try {
    return await withAdmin(target, timeoutMs, (client) => readPoolerStatus(client, target.service, thresholds));
  } catch (error) {
    return failedPoolerStatus(target.service, error);
  }
}

/** Runs admin commands in order (RELOAD; PAUSE db / RESUME db …) on one pooler. */
export async function poolerCommands(target: PoolerTarget, commands: readonly string[], timeoutMs = 5000): Promise<void> {
  await withAdmin(target, timeoutMs, async (client) => {
    for (const command of commands) await client.query(command);
  });
}

/**
 * Whether a PgBouncer answers on host:port: it answers a startup message for its admin console (asks for a
 * password, lets us in, or refuses by name: the program is up and speaking the protocol); a refused or dropped
 * connection means not yet. Hangs up before authenticating (../runtime/startupProbe.ts), so no failed login is logged.
 */
export async function poolerAnswers(host: string, port: number): Promise<boolean> {
  const answer = await probeStartup(host, port, 'pgbouncer', { database: 'pgbouncer', timeoutMs: 2000 });
  return answer.kind !== 'no-answer';
}

/** The host port a PgBouncer service of the model publishes on this machine, when it is one. */
export function poolerPort(service: ServiceModel): number | undefined {
  if (service.role !== 'pooler' || service.flavor !== 'pgbouncer') return undefined;
  return service.ports.find((p) => p.protocol === 'tcp' && p.hostPort && (!p.hostIp || p.hostIp === '127.0.0.1' || p.hostIp === '0.0.0.0'))?.hostPort;
}

/** One line per pool (the admin console's own left out), for `pgha status`. */
export function formatPoolerStatus(status: PoolerStatus): string {
  if (status.state !== 'up') return `${status.service.padEnd(12)} pooler   ${status.state}${status.error ? ` (${status.error})` : ''}\n`;
  const stats = new Map(status.stats.map((s) => [s.database, s]));
  const pools = status.pools.filter((p) => p.database !== 'pgbouncer');
  const lines = pools.map((p) => {
    const s = stats.get(p.database);
    const times = s ? `, avg query ${(s.avgQueryMicros / 1000).toFixed(1)} ms, avg transaction ${(s.avgTransactionMicros / 1000).toFixed(1)} ms` : '';
    return `  ${p.database}/${p.user} (${p.poolMode}): clients ${p.clientsActive} active ${p.clientsWaiting} waiting, servers ${p.serversActive} active ${p.serversIdle} idle, max wait ${p.maxWaitSeconds.toFixed(1)} s${times}\n`;
  });
  const routes = status.databases.filter((d) => d.name !== 'pgbouncer').map((d) => `${d.name}→${d.host ?? 'socket'}${d.port ? `:${d.port}` : ''}`);
  return `${status.service.padEnd(12)} pooler   up   ${status.health}   ${routes.join(', ')}\n${lines.join('')}${status.findings.map((f) => `  ! ${f}\n`).join('')}`;
}

/** The status as `pgha status --json` reports it: `role: "pooler"`. */
export const poolerToJson = (status: PoolerStatus) => ({ role: 'pooler' as const, ...status });
