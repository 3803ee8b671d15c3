/**
 * The cluster runtime interface: how a cluster model becomes running PostgreSQL nodes and how those are found,
 * started, stopped, inspected and changed again. Docker (cluster/runtime/docker/) and native processes
 * (cluster/runtime/native/) implement it; launcher callers, monitor, failover, views and CLI only see this.
 * Every runtime touches only what it created (labels or a state folder) and reports failures as ClusterErrors
 * (./errors.ts). Consumers get runtimes from the registry (./index.ts, ./registry.ts); docs/BACKENDS.md says how to
 * add one.
 */
import type { Topology } from '../../core/model/topology';

export type RuntimeKind = 'docker' | 'native';

/**
 * Runtime-neutral lifecycle of a node (the tree's contextValue is `pgha.node.<role>.<lifecycle>`):
 * running (the server process runs), starting (started, not yet running: a native runtime's start-up; Docker
 * reports its containers running at once), stopped (exited or never started: `start` brings it back), paused
 * (frozen by the runtime), restarting (the runtime restarts it after a crash), dead (cannot be started again;
 * remove it), missing (no container/process for it: the runtime knows the node but it is gone; the tree also shows a
 * compose service that was never created as missing).
 */
export type NodeLifecycle = 'running' | 'starting' | 'stopped' | 'paused' | 'restarting' | 'dead' | 'missing';

export interface ProgressEvent {
  message: string;
  /** 1-based step counter and an estimate of the total, for progress bars. */
  step: number;
  totalSteps: number;
  service?: string;
}

export interface RuntimeNode {
  /** Stable id within the runtime (container id, or `<project>/<service>` for processes). */
  id: string;
  /** What a user recognises (container name or process label). */
  name: string;
  project: string;
  service: string;
  role: string;
  major?: number;
  composeFile?: string;
  lifecycle: NodeLifecycle;
  /** Human status ("Up 3 minutes (healthy)", "exited (1) 2 minutes ago"). */
  status: string;
  /** Where clients reach it from this machine. */
  ports: { hostIp?: string; hostPort: number; containerPort: number }[];
  runtime: RuntimeKind;
}

export interface RuntimeProject {
  project: string;
  composeFile?: string;
  runtime: RuntimeKind;
  nodes: RuntimeNode[];
}

export interface RuntimeUpOptions {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  /** Wait until PostgreSQL nodes accept connections and replicas stream (default true). */
  wait?: boolean;
  timeoutMs?: number;
  readFile?: (path: string) => string | undefined;
  /**
   * The role each existing node has now, when a failover changed it (cluster/history currentRoles): a start waits
   * for these, not the compose file's roles (a promoted replica accepts writes, a demoted primary streams).
   */
  currentRoles?: Record<string, string>;
  /** Publish ports written without a host address on every interface, as Compose does (default: 127.0.0.1 only). */
  publishAllInterfaces?: boolean;
}

export interface RuntimeUpResult {
  project: string;
  /** `standby`: the node came up in recovery, streaming from its upstream (known only when `up` waited). */
  nodes: { service: string; name: string; id: string; role: string; hostPort?: number; standby?: boolean }[];
  created: number;
  elapsedMs: number;
  /** Services whose existing node was created from an older definition (the compose file changed since). */
  outdated: string[];
  /** Services this runtime did not start, with why (native: poolers and apps "need the Docker backend"). */
  skipped?: { service: string; reason: string }[];
}

export interface StackOptions {
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
  stopTimeoutSeconds?: number;
  /**
   * The compose file the caller acts for: a stack of the same project name created from another file is refused
   * (name-clash, both files named) and left untouched. Absent: the project as listed (a tree item the user picked).
   */
  composeFile?: string;
}

export interface RuntimeDownResult {
  /** Nodes removed. */
  removed: number;
  volumesRemoved: number;
  /** What was kept and why (e.g. a volume another project uses). */
  kept: string[];
  /**
   * Everything removed, by kind in the runtime's own words, for messages ("3 container(s), 1 network(s)");
   * absent: messages say "`removed` node(s)".
   */
  objects?: { what: string; count: number }[];
}

export type NodeAction = 'start' | 'stop' | 'restart' | 'kill';

export interface LogOptions {
  follow: boolean;
  tail?: number;
  onLine: (line: string) => void;
  signal?: AbortSignal;
}

export interface InteractiveSession {
  write(data: string): void;
  resize(columns: number, rows: number): void;
  onData(listener: (data: string) => void): void;
  onExit(listener: (code: number) => void): void;
  close(): void;
}

export interface RuntimeEvent {
  project?: string;
  service?: string;
  /**
   * What happened ('start', 'die', 'stop' …, in the runtime's words), or 'ended': the event source is gone (the
   * engine stopped, or could not be asked). 'ended' comes once and ends the subscription; subscribe again later.
   */
  action: string;
}

export interface Disposable {
  dispose(): void;
}

/** What failover actions need from the runtime for one project (see cluster/failover); ClusterRuntime.nodeControl makes one. */
export interface NodeControl {
  /** Sends a signal to the node's server (SIGINT: fast clean shutdown; SIGKILL: crash). */
  signal(service: string, signal: 'SIGINT' | 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Resolves once the node has stopped; throws after timeoutMs. */
  waitStopped(service: string, timeoutMs: number): Promise<void>;
  start(service: string): Promise<void>;
  restart(service: string): Promise<void>;
  /**
   * Runs `script` (bash) against the node's data directory ($PGDATA) as the postgres user while the node is stopped
   * (Docker: a one-off container with the node's image, data volume and network). Returns exit code and output.
   */
  runOnData(service: string, script: string, env: Record<string, string>): Promise<{ exitCode: number; output: string }>;
  /** Address other nodes use to reach the node (service name on the project network, or 127.0.0.1:port). */
  internalAddress(service: string): { host: string; port: number };
  /**
   * Creates a node like `template` (image/binaries, command, environment, network) with its own data, fills the data
   * with `bootstrap` (run as in runOnData), serves PostgreSQL on 127.0.0.1:hostPort and starts it.
   */
  createNode?(template: string, service: string, hostPort: number, bootstrap: { script: string; env: Record<string, string> }): Promise<void>;
  /**
   * The identity of the data the node has now (native: pg_control's system identifier; Docker: its data volume and
   * when that was created), or null when it has none; the cluster history is stamped with it (cluster/history/dataIdentity).
   */
  dataIdentity?(service: string): Promise<string | null>;
  /**
   * Runs a command in the running container of a service (Docker: an exec as the container's user) and returns its
   * exit code and output (up to `keep` characters, the last ones). Absent: the runtime cannot reach inside.
   */
  execIn?(service: string, cmd: string[], env?: Record<string, string>, keep?: number): Promise<{ exitCode: number; output: string }>;
  /** Stops and removes a node (and its data when asked). */
  removeNode?(service: string, options: { volumes: boolean }): Promise<void>;
  /** Chaos: cuts the node off every network (a partition); the returned function reconnects it. Absent: not supported. */
  isolate?(service: string): Promise<() => Promise<void>>;
  /** One SQL statement inside the node over its local socket (answers while partitioned); the first value. */
  localSql?(service: string, sql: string): Promise<string>;
}

export interface PullOptions {
  onProgress?: (status: string, percent?: number) => void;
  signal?: AbortSignal;
}

export interface Availability {
  ok: boolean;
  /** Why not, in words a user can act on. */
  reason?: string;
  /** What works differently or is left out here (e.g. services that need the Docker backend). */
  warnings?: string[];
}

export interface ClusterRuntime {
  readonly kind: RuntimeKind;
  /** "Docker" / "native processes", for badges and messages. */
  readonly label: string;
  /**
   * Whether this runtime can launch `topology` here (Docker: the engine answers and every image is present or
   * pullable; native: binaries present or installable). Never throws; bounded in time.
   */
  available(topology?: Topology, signal?: AbortSignal): Promise<Availability>;
  /** Creates what is missing and starts the nodes in dependency order; a failure removes what this run created. */
  up(topology: Topology, options: RuntimeUpOptions): Promise<RuntimeUpResult>;
  down(project: string, options: StackOptions & { volumes?: boolean }): Promise<RuntimeDownResult>;
  stop(project: string, options?: StackOptions): Promise<number>;
  start(project: string, options?: StackOptions): Promise<number>;
  /** Our nodes (all lifecycles), optionally of one project, sorted by project then service. */
  list(project?: string): Promise<RuntimeNode[]>;
  /** Projects this runtime runs (or keeps stopped); also how a caller finds which runtime owns a project. */
  listProjects(): Promise<RuntimeProject[]>;
  /** Rehearse failures on one node: start, stop (clean), restart, kill (SIGKILL, like a crash). */
  nodeAction(nodeId: string, action: NodeAction): Promise<void>;
  /** Streams a node's log lines (history first) until it stops, the signal aborts, or, without follow, the end. */
  logs(nodeId: string, options: LogOptions): Promise<void>;
  /** An interactive command in the node's context (psql), for pseudoterminals. */
  exec(nodeId: string, cmd: string[], env?: Record<string, string>): Promise<InteractiveSession>;
  /** Lifecycle events (debounced by the caller); polling runtimes may emit on their own schedule. */
  events(listener: (event: RuntimeEvent) => void): Disposable;
  /** With `topology`, the control only touches nodes created from its compose file (a look-alike project is refused). */
  nodeControl(project: string, topology?: Topology): NodeControl;
  /**
   * Fetches what a ClusterError's 'pull-image' action names (an image; a native runtime may fetch binaries), so the
   * user can retry. Absent: the runtime has nothing to fetch.
   */
  pull?(artifact: string, options?: PullOptions): Promise<void>;
}
