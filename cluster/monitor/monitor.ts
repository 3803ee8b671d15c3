import type { ManagedCluster } from '../../core/model/topology';
import { probePatroni, type PatroniStatus } from '../managed/patroniMonitor';
import { evaluateCluster } from './evaluate';
import { probePgpool, serviceResolver, withPgpoolFindings, type PgpoolTarget } from './pgpool';
import { DEFAULT_PROBE_OPTIONS, NodeConnection, type ProbeOptions } from './probe';
import { DEFAULT_THRESHOLDS, type ClusterSnapshot, type CredentialsProvider, type MonitorThresholds, type NodeTarget } from './types';

export interface MonitorOptions {
  /** Poll period; the next refresh starts this long after the previous one ended (default 2000). */
  intervalMs?: number;
  thresholds?: Partial<MonitorThresholds>;
  /** Asked once per node whose password is unknown. */
  credentials?: CredentialsProvider;
  probe?: ProbeOptions;
  /** pgpool-II services read each refresh (SHOW POOL_NODES / POOL_PROCESSES) and judged against the nodes. */
  pgpool?: PgpoolTarget[];
  /** The HA engine managing the nodes (Patroni): its REST API is read each refresh, beside the SQL probes. */
  managed?: ManagedCluster;
  /** Clock, for tests. */
  now?: () => number;
}

export interface Disposable {
  dispose(): void;
}

type Listener<T> = (value: T) => void;

/**
 * Polls every node of one cluster. A refresh probes all nodes in parallel over kept-open connections; refreshes
 * never overlap (a request during one is folded into a single follow-up). Every failure becomes a node state.
 */
export class Monitor {
  private readonly connections = new Map<string, NodeConnection>();
  private readonly asked = new Map<string, Promise<void>>();
  private readonly snapshotListeners = new Set<Listener<ClusterSnapshot>>();
  private thresholdValues: MonitorThresholds;
  private inFlight: Promise<ClusterSnapshot> | undefined;
  private followUp: Promise<ClusterSnapshot> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private latestSnapshot: ClusterSnapshot | undefined;

  constructor(
    private targets: NodeTarget[],
    private readonly options: MonitorOptions = {},
  ) {
    this.thresholdValues = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  }

  get intervalMs(): number {
    return this.options.intervalMs ?? 2000;
  }

  set intervalMs(value: number) {
    this.options.intervalMs = Math.max(100, value);
  }

  get thresholds(): MonitorThresholds {
    return { ...this.thresholdValues };
  }

  set thresholds(value: Partial<MonitorThresholds>) {
    this.thresholdValues = { ...DEFAULT_THRESHOLDS, ...value };
  }

  get latest(): ClusterSnapshot | undefined {
    return this.latestSnapshot;
  }

  get nodeTargets(): readonly NodeTarget[] {
    return this.targets;
  }

  onSnapshot(listener: Listener<ClusterSnapshot>): Disposable {
    this.snapshotListeners.add(listener);
    return { dispose: () => this.snapshotListeners.delete(listener) };
  }

  /** Replaces the node list (cluster edited or restarted); connections to removed nodes are closed. */
  setTargets(targets: NodeTarget[]): void {
    this.targets = targets;
    for (const [key, connection] of this.connections) {
      if (!targets.some((t) => connectionKey(t) === key)) {
        void connection.close();
        this.connections.delete(key);
      }
    }
  }

  /**
   * One refresh now. If one is running, the returned promise is a single follow-up refresh that starts after it
   * (so a burst of Docker events costs at most one extra refresh).
   */
  refresh(): Promise<ClusterSnapshot> {
    if (!this.inFlight) {
      this.inFlight = this.runRefresh().finally(() => {
        this.inFlight = undefined;
      });
      return this.inFlight;
    }
    if (!this.followUp) {
      this.followUp = this.inFlight.catch(() => undefined).then(() => {
        this.followUp = undefined;
        return this.refresh();
      });
    }
    return this.followUp;
  }

  /** Connections opened per node so far (service → count): one per node while the nodes stay up. */
  connectionsOpened(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const connection of this.connections.values()) counts[connection.target.service] = (counts[connection.target.service] ?? 0) + connection.connectionsOpened;
    return counts;
  }

  /** The next refresh connects to every node again, even one that refused moments ago (a node was started). */
  retryNow(): void {
    for (const connection of this.connections.values()) connection.retryNow();
  }

  /** Starts polling: refresh, wait intervalMs, refresh… until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    const loop = async (): Promise<void> => {
      if (!this.running) return;
      await this.refresh().catch(() => undefined);
      if (this.running) this.timer = setTimeout(() => void loop(), this.intervalMs);
    };
    void loop();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Stops polling and closes every connection. */
  async dispose(): Promise<void> {
    this.stop();
    await this.inFlight?.catch(() => undefined);
    await Promise.all([...this.connections.values()].map((c) => c.close()));
    this.connections.clear();
    this.snapshotListeners.clear();
  }

  private async runRefresh(): Promise<ClusterSnapshot> {
    const started = performance.now();
    const targets = this.targets;
    const managed = this.options.managed;
    const [statuses, patroni] = await Promise.all([
      Promise.all(targets.map(async (target) => (await this.connectionFor(target)).probe())),
      managed ? probePatroni(managed, this.options.now?.()) : undefined,
    ]);
    const now = this.options.now?.() ?? Date.now();
    const pgpool = await Promise.all((this.options.pgpool ?? []).map((t) => probePgpool(t, statuses, serviceResolver(targets))));
    const evaluated = evaluateCluster(statuses, targets, this.thresholdValues, now, performance.now() - started);
    const pooled = pgpool.length ? { ...evaluated, ...withPgpoolFindings(evaluated.health, evaluated.problems, pgpool), pgpool } : evaluated;
    const snapshot = patroni ? withPatroni(pooled, patroni) : pooled;
    this.latestSnapshot = snapshot;
    for (const listener of this.snapshotListeners) {
      try {
        listener(snapshot);
      } catch {
        // A listener's bug must not stop monitoring.
      }
    }
    return snapshot;
  }

  private async connectionFor(target: NodeTarget): Promise<NodeConnection> {
    if (target.password === undefined && this.options.credentials) {
      const key = connectionKey(target);
      if (!this.asked.has(key)) {
        const provider = this.options.credentials;
        this.asked.set(
          key,
          provider(target)
            .then((answer) => {
              if (answer) Object.assign(target, { password: answer.password, ...(answer.user ? { user: answer.user } : {}) });
            })
            .catch(() => undefined),
        );
      }
      await this.asked.get(key);
    }
    const key = connectionKey(target);
    let connection = this.connections.get(key);
    if (!connection) {
      connection = new NodeConnection(target, this.options.probe ?? DEFAULT_PROBE_OPTIONS);
      this.connections.set(key, connection);
    }
    return connection;
  }
}

/** The engine's findings join the snapshot's: no leader is critical, anything else a warning. */
function withPatroni(snapshot: ClusterSnapshot, patroni: PatroniStatus): ClusterSnapshot {
  const health = !patroni.leader ? 'critical' : patroni.problems.length && snapshot.health === 'ok' ? 'warning' : snapshot.health;
  const summary = `${snapshot.summary} · Patroni leader ${patroni.leader ?? 'none'}${patroni.paused ? ' (paused)' : ''}`;
  return { ...snapshot, health, summary, problems: [...snapshot.problems, ...patroni.problems], patroni };
}

const connectionKey = (t: NodeTarget): string => `${t.service}@${t.host}:${t.port}/${t.database}/${t.user}`;
