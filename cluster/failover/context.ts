import type { Client } from 'pg';
import { withConnection } from '../monitor/connect';
import { Monitor } from '../monitor/monitor';
import type { ClusterSnapshot, NodeTarget, NodeView } from '../monitor/types';
import type { HistoryStore } from '../history/store';
import type { LastSeen } from '../history/lastSeen';
import { stampHistory } from '../history/dataIdentity';
import type { NodeControl } from '../runtime/types';
import type { PgpoolTarget } from '../monitor/pgpool';
import type { PoolerFiles, PoolerFollower } from './poolers';
import type { ManagedCluster } from '../../core/model/topology';

/** Everything an action needs: how to reach nodes from here (targets) and how to drive them (the runtime's node control). */
export interface ActionContext {
  targets: NodeTarget[];
  control: NodeControl;
  /** One line per step, as it happens (VS Code progress, CLI lines). */
  progress?: (message: string) => void;
  /** Proceed although a safety check failed (the user confirmed explicitly). */
  force?: boolean;
  /** Upper bound for each wait (catch-up, promotion, restart); default 60 s. */
  stepTimeoutMs?: number;
  /** Where role changes are recorded (cluster/history); absent: not recorded. */
  history?: HistoryStore;
  /**
   * Cancels the action at its next step while it can still stop without harm (nothing changed yet); past its point
   * of no return (ActionLog.commit) the action finishes instead, so the cluster is never left half-changed.
   */
  signal?: AbortSignal;
  /** Each node's last seen LSNs (cluster/history/lastSeen.ts): a promote records what it sees and falls back to it. */
  lastSeen?: { read(): LastSeen; record(snapshot: ClusterSnapshot): void };
  /** Called before each step and at the point of no return (the CLI's journal). */
  journal?: { step(message: string): void; commit(): void };
  /** Poolers a promotion re-points at the new primary (cluster/failover/poolers.ts); absent: none. */
  poolers?: PoolerFollower[];
  /** How their configuration files are read and written (default: this machine's files). */
  poolerFiles?: PoolerFiles;
  /** pgpool-II services a promotion waits for to name the new primary (cluster/failover/pgpool.ts); absent: none. */
  pgpool?: PgpoolTarget[];
  /** Set when an HA engine (Patroni) manages the cluster: promote and switchover go through it, pgha's own steps refuse. */
  managed?: ManagedCluster;
}

/** The action stopped at a safe point because the caller cancelled it; `steps` were done (none changed the cluster). */
export class ActionCancelledError extends Error {
  constructor(
    readonly action: string,
    readonly steps: string[],
  ) {
    super(`${action}: cancelled before it changed anything${steps.length ? ` (checks done: ${steps.join('; ')})` : ''}; the cluster is as it was.`);
  }
}

/** What an action did, step by step, and what the user should still know. */
export interface ActionReport {
  action: string;
  steps: string[];
  warnings: string[];
  durationMs: number;
}

/** The action refused because it would be unsafe; `reasons` say why, `force` would override. */
export class UnsafeActionError extends Error {
  constructor(
    readonly action: string,
    readonly reasons: string[],
  ) {
    super(`${action} refused: ${reasons.join('; ')}. Fix that first, or force it (e.g. --force) if you accept the risk.`);
  }
}

/** Collects steps for the report and mirrors them to the progress callback. */
export class ActionLog {
  readonly steps: string[] = [];
  readonly warnings: string[] = [];
  private readonly started = Date.now();
  private committed = false;

  constructor(
    readonly action: string,
    private readonly ctx: ActionContext,
  ) {}

  /** Records a step before it is taken; before the point of no return, a cancelled caller stops the action here. */
  step(message: string): void {
    if (this.ctx.signal?.aborted && !this.committed) throw new ActionCancelledError(this.action, this.steps);
    this.ctx.journal?.step(message);
    this.steps.push(message);
    this.ctx.progress?.(message);
  }

  /** From here on the action changes the cluster: a cancel no longer stops it midway, it finishes. */
  commit(): void {
    if (this.ctx.signal?.aborted) throw new ActionCancelledError(this.action, this.steps);
    this.committed = true;
    this.ctx.journal?.commit();
  }

  warn(message: string): void {
    this.warnings.push(message);
    this.ctx.progress?.(`warning: ${message}`);
  }

  report(): ActionReport {
    return { action: this.action, steps: this.steps, warnings: this.warnings, durationMs: Date.now() - this.started };
  }
}

export function targetOf(ctx: ActionContext, service: string): NodeTarget {
  const target = ctx.targets.find((t) => t.service === service);
  if (!target) throw new Error(`no node named '${service}'; known: ${ctx.targets.map((t) => t.service).join(', ')}`);
  return target;
}

/** One snapshot of the whole cluster (a short-lived monitor). */
export async function observe(ctx: ActionContext): Promise<ClusterSnapshot> {
  const monitor = new Monitor(ctx.targets, { probe: { connectTimeoutMs: 2000, queryTimeoutMs: 5000 } });
  try {
    const snapshot = await monitor.refresh();
    ctx.lastSeen?.record(snapshot);
    return snapshot;
  } finally {
    await monitor.dispose();
  }
}

export function nodeOf(snapshot: ClusterSnapshot, service: string): NodeView {
  const node = snapshot.nodes.find((n) => n.service === service);
  if (!node) throw new Error(`no node named '${service}' in the cluster`);
  return node;
}

/** Runs `work` on a fresh connection to one node (actions never share the monitor's connections). */
export async function withNode<T>(target: NodeTarget, work: (client: Client) => Promise<T>, connectTimeoutMs = 3000): Promise<T> {
  const { host, port, user, database } = target;
  return withConnection({ host, port, user, password: target.password ?? '', database, application_name: 'pgha-action', connectionTimeoutMillis: connectTimeoutMs }, work);
}

export const stepTimeout = (ctx: ActionContext): number => ctx.stepTimeoutMs ?? 60_000;

/** Slot name for a node: its service name made a valid slot identifier. */
export function slotNameFor(service: string): string {
  return service.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 63);
}

/** The timeline `service` writes on now (from its current WAL file name); undefined when it cannot be read. */
export async function timelineOf(ctx: ActionContext, service: string): Promise<number | undefined> {
  const sql = `SELECT ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int AS tli`;
  return withNode(targetOf(ctx, service), async (client) => (await client.query<{ tli: number }>(sql)).rows[0]?.tli).catch(() => undefined);
}

/** Stamps the cluster history with the data identity of every node (a later start retires it once that data is gone). */
export async function stampData(ctx: ActionContext, log: ActionLog): Promise<void> {
  const warning = await stampHistory(ctx.history, ctx.control, ctx.targets.map((t) => t.service));
  if (warning) log.warn(warning);
}
