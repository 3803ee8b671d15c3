/**
 * What the Clusters view shows, kept current: the cluster list (refreshed on runtime events, debounced, with a
 * slow poll fallback, only while the view is visible), one Monitor per running cluster (polling at
 * pgha.monitor.intervalMs while visible; the status bar's cluster keeps polling while hidden), and which runtimes
 * cannot be asked. Commands never refresh by hand: runtime events bring their effects here.
 */
import * as vscode from 'vscode';
import { withTimeout, type Disposable, type RuntimeEvent, type RuntimeNode, type RuntimeKind, type RuntimeProblem, type RuntimeRegistry } from '../../../cluster/runtime';
import { Monitor } from '../../../cluster/monitor/monitor';
import type { PoolerStatus } from '../../../cluster/monitor/pooler';
import { PoolerWatch } from './poolers/poolerWatch';
import { pgpoolTargetsOf } from '../../../cluster/monitor/pgpool';
import { stackAdminLogin } from '../../../cluster/failover/poolers';
import { COMPOSE_FILE_GLOB } from '../../../language/formats/compose/format';
import type { ClusterSnapshot } from '../../../cluster/monitor/types';
import { type ClusterEntry } from './clusters/clusterList';
import { lastSeenOf } from './splitBrain';
import { clusterTargets } from './clusters/clusterTargets';
import { discoverClusters } from './clusters/discovery';
import { SecretCredentials } from './credentials';
import type { ClusterViewDeps } from './deps';
import { RefreshScheduler } from './refresh/scheduler';
import { FailureReasons, REASON_TAIL_LINES } from './nodes/failureReasons';
import { ERROR_TAIL_LINES, SubscriptionErrors } from '../../../cluster/logical/lastErrors';
import { clientRuntimes } from './runtimes';
import { affectsClusterSettings, readClusterSettings } from './settings';

const LIST_POLL_MS = 15_000;
const EVENT_DEBOUNCE_MS = 250;
const RELOAD_TIMEOUT_MS = 20_000;
const LOG_TAIL_TIMEOUT_MS = 3_000;
/** Internal: (clusterId) → the snapshot of one more refresh of the view's monitor (the tree's own source), or undefined. */
export const FRESH_SNAPSHOT_COMMAND = 'pgha.clusters.freshSnapshot';

/** A runtime the view cannot ask right now (shown as a tree item with Retry). */
export interface UnreachableRuntime {
  kind: RuntimeKind;
  label: string;
  reason: string;
}

export class ClusterWorkspace implements vscode.Disposable {
  private clusterList: ClusterEntry[] = [];
  private unreachable: UnreachableRuntime[] = [];
  private registry: RuntimeRegistry | undefined;
  private loaded = false;
  private readonly monitors = new Map<string, { monitor: Monitor; targetsKey: string }>();
  private readonly snapshots = new Map<string, ClusterSnapshot>();
  private readonly targetProblems = new Map<string, string[]>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly scheduler: RefreshScheduler;
  /** One event subscription per reachable runtime, and when a failed one may be tried again. */
  private readonly subscriptions = new Map<RuntimeKind, Disposable>();
  private readonly subscribeAfter = new Map<RuntimeKind, number>();
  private visible = false;
  private statusClusterId: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  readonly credentials: SecretCredentials;
  /** The last pools of each PgBouncer, read after each snapshot of its cluster. */
  private readonly poolers = new PoolerWatch();
  /** Why failed nodes stopped, from their logs (read once per failure). */
  private readonly failures = new FailureReasons((node) => this.readTail(node));
  /** The list, a snapshot or a runtime's reachability changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: ClusterViewDeps) {
    this.credentials = new SecretCredentials(deps.extensionContext.secrets);
    this.scheduler = new RefreshScheduler(() => this.reload(), { debounceMs: EVENT_DEBOUNCE_MS, pollMs: LIST_POLL_MS, eventsWhileInactive: true });
    const composeWatcher = vscode.workspace.createFileSystemWatcher(COMPOSE_FILE_GLOB);
    this.disposables.push(
      this.changed,
      composeWatcher,
      composeWatcher.onDidCreate(() => this.scheduler.notify()),
      composeWatcher.onDidDelete(() => this.scheduler.notify()),
      composeWatcher.onDidChange(() => this.scheduler.notify()),
      deps.onClientChanged?.(() => this.scheduler.notify()) ?? { dispose: () => undefined },
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsClusterSettings(e)) this.applySettings();
      }),
    );
  }

  get clusters(): readonly ClusterEntry[] {
    return this.clusterList;
  }

  /** The runtimes that cannot be asked right now, with why (e.g. Docker not running). */
  get unreachableRuntimes(): readonly UnreachableRuntime[] {
    return this.unreachable;
  }

  get hasLoaded(): boolean {
    return this.loaded;
  }

  snapshotOf(clusterId: string): ClusterSnapshot | undefined {
    return this.snapshots.get(clusterId);
  }

  poolerStatusOf(clusterId: string, service: string): PoolerStatus | undefined {
    return this.poolers.statusOf(clusterId, service);
  }

  /**
   * One more refresh of the cluster's monitor over its kept connections; every view (tree, status bar, lens) gets
   * this same snapshot. Undefined when the cluster is not monitored.
   */
  freshSnapshot(clusterId: string): Promise<ClusterSnapshot> | undefined {
    return this.monitors.get(clusterId)?.monitor.refresh();
  }

  /** The reason a node that stopped on its own gives in its log, if it names one. */
  failureOf(node: RuntimeNode | undefined): string | undefined {
    return this.failures.reasonOf(node);
  }

  problemsOf(clusterId: string): string[] {
    return this.targetProblems.get(clusterId) ?? [];
  }

  /** The tree is shown or hidden: refresh and monitor only while someone looks. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.scheduler.setActive(visible || this.statusClusterId !== undefined);
    this.updateMonitorActivity();
  }

  /** The cluster the status bar sums up keeps being monitored while the view is hidden. */
  setStatusCluster(clusterId: string | undefined): void {
    if (clusterId === this.statusClusterId) return;
    this.statusClusterId = clusterId;
    this.scheduler.setActive(this.visible || clusterId !== undefined);
    this.updateMonitorActivity();
  }

  /** User asked (view title button, "Retry" on an unreachable runtime): reconnect too, so a changed DOCKER_HOST counts. */
  refresh(): Promise<void> {
    this.reconnect = true;
    return this.scheduler.refreshNow();
  }

  /** First load even while hidden (the status bar and palette commands need the list). */
  ensureLoaded(): Promise<void> {
    return this.loaded ? Promise.resolve() : this.scheduler.refreshNow();
  }

  dispose(): void {
    this.scheduler.dispose();
    this.closeEvents();
    for (const { monitor } of this.monitors.values()) void monitor.dispose();
    this.monitors.clear();
    this.poolers.dispose();
    this.disposables.forEach((d) => d.dispose());
  }

  /** Why the last list refresh failed (shown in the output channel once), or undefined. */
  get lastRefreshError(): string | undefined {
    return this.refreshError;
  }

  private refreshError: string | undefined;
  /** Set by a user refresh: build the runtimes again (DOCKER_HOST, pgha.imageMap may have changed). */
  private reconnect = false;

  private async reload(): Promise<void> {
    try {
      // Bounded: a stuck request must not stop every later refresh (they queue behind this one).
      await withTimeout(this.reloadOnce(), RELOAD_TIMEOUT_MS, `refreshing the cluster list took longer than ${RELOAD_TIMEOUT_MS / 1000} s; will try again`);
      this.refreshError = undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.refreshError) this.deps.output.appendLine(`[clusters] ${message}`);
      this.refreshError = message;
    }
  }

  private async reloadOnce(): Promise<void> {
    const settings = readClusterSettings();
    if (this.reconnect) {
      this.reconnect = false;
      this.registry = undefined;
      this.closeEvents();
      this.subscribeAfter.clear();
    }
    const registry = (this.registry ??= clientRuntimes(this.deps.output));
    const { clusters, listing } = await discoverClusters(this.deps, settings.attachConnections, registry);
    this.noteReachability(listing.unreachable);
    await this.failures.update(clusters.flatMap((c) => c.nodes));
    this.clusterList = clusters;
    this.loaded = true;
    this.syncEvents(registry);
    this.syncMonitors();
    this.changed.fire();
  }

  /** The last lines of a node's log (bounded: a runtime that does not answer costs LOG_TAIL_TIMEOUT_MS). */
  private async readTail(node: RuntimeNode, tail = REASON_TAIL_LINES): Promise<string> {
    const runtime = this.registry?.require(node.runtime);
    if (!runtime) return '';
    const lines: string[] = [];
    const stop = new AbortController();
    const reading = runtime.logs(node.id, { follow: false, tail, onLine: (line) => lines.push(line), signal: stop.signal });
    await withTimeout(reading, LOG_TAIL_TIMEOUT_MS, 'reading the log took too long').finally(() => stop.abort());
    return lines.join('\n');
  }

  /** The end of a subscriber's log, for the last error of its subscriptions. */
  private async readSubscriberLog(clusterId: string, service: string): Promise<string> {
    const node = this.clusterList.find((c) => c.id === clusterId)?.nodes.find((n) => n.service === service);
    return node ? this.readTail(node, ERROR_TAIL_LINES) : '';
  }

  /** Says in the output when a runtime stops or starts answering. */
  private noteReachability(problems: RuntimeProblem[]): void {
    const now = problems.map(({ runtime, reason }) => ({ kind: runtime.kind, label: runtime.label, reason }));
    for (const problem of now) {
      if (!this.unreachable.some((u) => u.kind === problem.kind)) this.deps.output.appendLine(`[clusters] ${problem.label} is not reachable: ${problem.reason}`);
    }
    for (const was of this.unreachable) {
      if (!now.some((u) => u.kind === was.kind)) this.deps.output.appendLine(`[clusters] ${was.label} is reachable again`);
    }
    this.unreachable = now;
  }

  /** Events of every reachable runtime: each one schedules a (debounced) list refresh and an immediate monitor refresh. */
  private syncEvents(registry: RuntimeRegistry): void {
    for (const runtime of registry.all()) {
      const kind = runtime.kind;
      if (this.unreachable.some((u) => u.kind === kind)) {
        this.subscriptions.get(kind)?.dispose();
        this.subscriptions.delete(kind);
        continue;
      }
      if (this.subscriptions.has(kind) || Date.now() < (this.subscribeAfter.get(kind) ?? 0)) continue;
      // A source that fails at once is not tried again before the next slow poll (no refresh loop).
      this.subscribeAfter.set(kind, Date.now() + LIST_POLL_MS);
      this.subscriptions.set(kind, runtime.events((event) => this.onRuntimeEvent(kind, event)));
    }
  }

  private onRuntimeEvent(kind: RuntimeKind, event: RuntimeEvent): void {
    if (event.action === 'ended') this.subscriptions.delete(kind);
    else {
      const entry = event.project ? this.clusterList.find((c) => c.project === event.project) : undefined;
      const monitored = entry ? this.monitors.get(entry.id) : undefined;
      if (monitored?.monitor.isRunning) {
        // Something happened to a node (started, restarted): try it now rather than after a refusal's backoff.
        monitored.monitor.retryNow();
        void monitored.monitor.refresh().catch(() => undefined);
      }
    }
    this.scheduler.notify();
  }

  private closeEvents(): void {
    for (const subscription of this.subscriptions.values()) subscription.dispose();
    this.subscriptions.clear();
  }

  /** One monitor per running (or attached) cluster; targets follow the cluster's containers. */
  private syncMonitors(): void {
    const settings = readClusterSettings();
    const wanted = new Set<string>();
    for (const cluster of this.clusterList) {
      if (cluster.state === 'not created' || cluster.state === 'stopped') continue;
      const { targets, problems } = clusterTargets(cluster);
      this.targetProblems.set(cluster.id, problems);
      if (targets.length === 0) continue;
      wanted.add(cluster.id);
      const targetsKey = JSON.stringify(targets.map((t) => [t.service, t.host, t.port, t.user, t.database]));
      const existing = this.monitors.get(cluster.id);
      if (existing) {
        if (existing.targetsKey !== targetsKey) {
          existing.monitor.setTargets(targets);
          existing.targetsKey = targetsKey;
        }
        continue;
      }
      const pgpool = cluster.topology ? pgpoolTargetsOf(cluster.topology, stackAdminLogin(targets)) : [];
      const managed = cluster.topology?.managed;
      const monitor = new Monitor(targets, { intervalMs: settings.intervalMs, thresholds: settings.thresholds, credentials: this.credentials.provider, pgpool, managed });
      const lastSeen = cluster.composeUri ? lastSeenOf(cluster) : undefined;
      const errors = new SubscriptionErrors((service) => this.readSubscriberLog(cluster.id, service));
      monitor.onSnapshot((snapshot) => {
        this.snapshots.set(cluster.id, snapshot);
        lastSeen?.record(snapshot); // what a later promote says about the data a dead primary had
        if (errors.apply(snapshot)) void errors.read(snapshot).then(() => this.snapshots.get(cluster.id) === snapshot && this.changed.fire());
        this.changed.fire();
        const topology = this.clusterList.find((c) => c.id === cluster.id)?.topology;
        void this.poolers.refresh(cluster.id, topology, monitor.nodeTargets).then((read) => read && this.changed.fire());
      });
      this.monitors.set(cluster.id, { monitor, targetsKey });
    }
    for (const [id, { monitor }] of this.monitors) {
      if (wanted.has(id)) continue;
      void monitor.dispose();
      this.monitors.delete(id);
      this.snapshots.delete(id);
      this.poolers.forget(id);
    }
    this.updateMonitorActivity();
  }

  private updateMonitorActivity(): void {
    for (const [id, { monitor }] of this.monitors) {
      const active = this.visible || id === this.statusClusterId;
      if (active && !monitor.isRunning) monitor.start();
      if (!active && monitor.isRunning) monitor.stop();
    }
  }

  private applySettings(): void {
    const settings = readClusterSettings();
    for (const { monitor } of this.monitors.values()) {
      monitor.intervalMs = settings.intervalMs;
      monitor.thresholds = settings.thresholds;
    }
    this.scheduler.notify();
    void this.scheduler.refreshNow();
  }
}
