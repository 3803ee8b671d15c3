/**
 * What the Clusters view shows, kept current: the cluster list (refreshed on Docker events, debounced, with a
 * slow poll fallback, only while the view is visible), one Monitor per running cluster (polling at
 * pgha.monitor.intervalMs while visible; the status bar's cluster keeps polling while hidden), and the engine's
 * reachability. Commands never refresh by hand: Docker events bring their effects here.
 */
import * as vscode from 'vscode';
import type { EngineConnection } from '../../../cluster/runtime/docker/engine';
import { LABEL } from '../../../cluster/runtime/docker/labels';
import { Monitor } from '../../../cluster/monitor/monitor';
import { COMPOSE_FILE_GLOB } from '../../../language/formats/compose/format';
import type { ClusterSnapshot } from '../../../cluster/monitor/types';
import { type ClusterEntry } from './clusters/clusterList';
import { clusterTargets } from './clusters/clusterTargets';
import { discoverClusters } from './clusters/discovery';
import { SecretCredentials } from './credentials';
import type { ClusterViewDeps } from './deps';
import { RefreshScheduler } from './refresh/scheduler';
import { affectsClusterSettings, readClusterSettings } from './settings';

const LIST_POLL_MS = 15_000;
const EVENT_DEBOUNCE_MS = 250;
const RELOAD_TIMEOUT_MS = 20_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s; will try again`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class ClusterWorkspace implements vscode.Disposable {
  private clusterList: ClusterEntry[] = [];
  private engineProblem: string | undefined;
  private engine: EngineConnection | undefined;
  private loaded = false;
  private readonly monitors = new Map<string, { monitor: Monitor; targetsKey: string }>();
  private readonly snapshots = new Map<string, ClusterSnapshot>();
  private readonly targetProblems = new Map<string, string[]>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly scheduler: RefreshScheduler;
  private events: (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
  private visible = false;
  private statusClusterId: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  readonly credentials: SecretCredentials;
  /** The list, a snapshot or the engine state changed. */
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

  /** Why Docker cannot be used right now, or undefined. */
  get dockerProblem(): string | undefined {
    return this.engineProblem;
  }

  get hasLoaded(): boolean {
    return this.loaded;
  }

  snapshotOf(clusterId: string): ClusterSnapshot | undefined {
    return this.snapshots.get(clusterId);
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

  /** User asked (view title button, "Retry" on the Docker item): reconnect too, so a changed DOCKER_HOST counts. */
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
    this.disposables.forEach((d) => d.dispose());
  }

  /** Why the last list refresh failed (shown in the output channel once), or undefined. */
  get lastRefreshError(): string | undefined {
    return this.refreshError;
  }

  private refreshError: string | undefined;
  /** Set by a user refresh: connect to the engine again (DOCKER_HOST may have changed). */
  private reconnect = false;

  private async reload(): Promise<void> {
    try {
      // Bounded: a stuck request must not stop every later refresh (they queue behind this one).
      await withTimeout(this.reloadOnce(), RELOAD_TIMEOUT_MS, 'refreshing the cluster list');
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
      this.engine = undefined;
      this.closeEvents();
    }
    const { clusters, probe } = await discoverClusters(this.deps, settings.attachConnections, this.engine);
    this.engine = probe.engine;
    const wasProblem = this.engineProblem;
    this.engineProblem = probe.problem;
    if (probe.problem && !wasProblem) this.deps.output.appendLine(`[clusters] Docker is not reachable: ${probe.problem}`);
    if (!probe.problem && wasProblem) this.deps.output.appendLine('[clusters] Docker is reachable again');
    this.clusterList = clusters;
    this.loaded = true;
    if (!probe.problem) this.ensureEvents();
    else this.closeEvents();
    this.syncMonitors();
    this.changed.fire();
  }

  /** Docker events for our containers: each one schedules a (debounced) list refresh and an immediate monitor refresh. */
  private ensureEvents(): void {
    if (this.events || !this.engine) return;
    const engine = this.engine;
    engine.docker
      .getEvents({ filters: { type: ['container'], label: [`${LABEL.managed}=true`] } })
      .then((stream) => {
        const events = stream as NodeJS.ReadableStream & { destroy?: () => void };
        this.events = events;
        let pending = '';
        events.on('data', (chunk: Buffer) => {
          const lines = (pending + chunk.toString('utf8')).split('\n');
          pending = lines.pop() ?? '';
          for (const line of lines) this.onDockerEvent(line);
          this.scheduler.notify();
        });
        const lost = () => {
          if (this.events === events) this.events = undefined;
          this.scheduler.notify();
        };
        events.on('end', lost);
        events.on('error', lost);
      })
      .catch(() => undefined); // the slow poll covers a missing event stream
  }

  private onDockerEvent(line: string): void {
    try {
      const event = JSON.parse(line) as { Actor?: { Attributes?: Record<string, string> } };
      const project = event.Actor?.Attributes?.[LABEL.project];
      const entry = project ? this.clusterList.find((c) => c.project === project) : undefined;
      const monitored = entry ? this.monitors.get(entry.id) : undefined;
      if (monitored?.monitor.isRunning) void monitored.monitor.refresh().catch(() => undefined);
    } catch {
      // not a JSON event line; the list refresh still runs
    }
  }

  private closeEvents(): void {
    const events = this.events;
    this.events = undefined;
    events?.destroy?.();
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
      const monitor = new Monitor(targets, { intervalMs: settings.intervalMs, thresholds: settings.thresholds, credentials: this.credentials.provider });
      monitor.onSnapshot((snapshot) => {
        this.snapshots.set(cluster.id, snapshot);
        this.changed.fire();
      });
      this.monitors.set(cluster.id, { monitor, targetsKey });
    }
    for (const [id, { monitor }] of this.monitors) {
      if (wanted.has(id)) continue;
      void monitor.dispose();
      this.monitors.delete(id);
      this.snapshots.delete(id);
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
