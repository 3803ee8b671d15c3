/**
 * Types of the replication monitor: what it connects to (targets) and what one refresh sees (snapshots).
 * vscode-free: the extension's tree/status bar and the CLI render these.
 */
import type { PgpoolStatus } from './pgpool';
import type { PatroniStatus } from '../managed/patroniMonitor';

/** How to reach one PostgreSQL node from this machine (always a loopback-published port for our stacks). */
export interface NodeTarget {
  /** Compose service name, or a label for attached clusters. */
  service: string;
  host: string;
  port: number;
  user: string;
  /** Undefined until known; the credentials provider is asked once when needed. */
  password?: string;
  database: string;
  /** Role the compose model expects (primary/replica); the monitor reports what the server says. */
  expectedRole?: 'primary' | 'replica';
  /** Service a replica should stream from, per the compose model. */
  upstream?: string;
  /** Slot the replica should use on its upstream, per the compose model. */
  slot?: string;
  /** Host names under which other nodes reach this one (service name, container name, aliases). */
  aliases: string[];
  /** How replicas of this cluster log in for replication (base backups of new replicas), when the model says. */
  replication?: ReplicationCredentials;
}

/** A replication login; `source` says where it was found (for messages, never the password itself). */
export interface ReplicationCredentials {
  user: string;
  password?: string;
  source: string;
}

/** Asked once per target when no password is known (the extension uses SecretStorage behind it). */
export type CredentialsProvider = (target: NodeTarget) => Promise<{ user?: string; password: string } | undefined>;

/**
 * Connection state of a node. Failures are states, never exceptions that stop the refresh.
 * `up` means a query succeeded.
 */
export type NodeState =
  | 'up'
  | 'unreachable'
  | 'authentication failed'
  | 'starting up'
  | 'shutting down'
  | 'not accepting connections'
  | 'database missing'
  | 'too many connections'
  | 'error';

export type NodeRole = 'primary' | 'replica' | 'unknown';
export type Health = 'ok' | 'warning' | 'critical';

/** One pg_stat_replication row (on a primary, or on a cascading replica). */
export interface ReplicationRow {
  pid: number;
  applicationName: string;
  clientAddr: string | null;
  state: string | null;
  syncState: string | null;
  sentLsn: string | null;
  writeLsn: string | null;
  flushLsn: string | null;
  replayLsn: string | null;
  /** Seconds, null when PostgreSQL has no recent measurement (idle primary). */
  writeLagSeconds: number | null;
  flushLagSeconds: number | null;
  replayLagSeconds: number | null;
  /** Bytes between this node's current LSN and the standby's replay LSN. */
  replayLagBytes: number | null;
}

export interface SlotRow {
  name: string;
  type: string;
  active: boolean;
  activePid: number | null;
  restartLsn: string | null;
  /** reserved, extended, unreserved, lost (13+). */
  walStatus: string | null;
  /** Bytes of WAL this slot keeps on disk. */
  retainedBytes: number | null;
  /** Bytes that can still be written before the slot is in danger of losing WAL (null: unlimited). */
  safeWalSize: number | null;
  /** 17+: when the slot became inactive. */
  inactiveSince: string | null;
}

export interface WalReceiverRow {
  status: string;
  senderHost: string | null;
  senderPort: number | null;
  slotName: string | null;
  receivedTimeline: number | null;
  flushedLsn: string | null;
  lastMessageReceiptTime: string | null;
}

export interface ArchiverStatus {
  mode: string;
  archivedCount: number;
  failedCount: number;
  lastArchivedWal: string | null;
  lastFailedWal: string | null;
  lastFailedTime: string | null;
}

/** Per-table states of a subscription (pg_subscription_rel.srsubstate), by their names. */
export type TableSyncState = 'init' | 'data copy' | 'finished copy' | 'synced' | 'ready';

export interface SubscriptionRow {
  name: string;
  enabled: boolean;
  /** The apply worker's process; null while none runs (stopped, failing, or disabled). */
  pid: number | null;
  receivedLsn: string | null;
  /** The last position the publisher confirmed to this worker. */
  latestEndLsn: string | null;
  lastMessageReceiptTime: string | null;
  latestEndTime: string | null;
  /** How many of the subscription's tables are in each state. */
  tables: Partial<Record<TableSyncState, number>>;
  /** Errors of the apply and table-sync workers since the stats were reset (15+; null before). */
  applyErrors: number | null;
  syncErrors: number | null;
  /** Conflicts met while applying (18+; null before). */
  conflicts: number | null;
  /** The last error of a failing (or failed) worker, read from the subscriber's log by those who can read it (cluster/logical/lastErrors.ts). */
  lastError?: string;
}

export interface PublicationRow {
  name: string;
  allTables: boolean;
  /** Tables it publishes now. */
  tables: number;
}

/** What one node said in one refresh. Optional parts are absent when the node is not `up`. */
export interface NodeStatus {
  service: string;
  host: string;
  port: number;
  state: NodeState;
  /** Full error text when state is not `up` (never contains the password). */
  detail?: string;
  role: NodeRole;
  serverVersionNum?: number;
  major?: number;
  /** pg_control's system identifier: equal on a primary and its physical replicas (and on a forked ex-primary). */
  systemIdentifier?: string;
  timeline?: number;
  /** Primary: pg_current_wal_lsn(). Replica: its replay LSN (what a reader sees). */
  lsn?: string;
  receiveLsn?: string | null;
  replayLsn?: string | null;
  replayPaused?: boolean;
  lastReplayTimestamp?: string | null;
  replication: ReplicationRow[];
  slots: SlotRow[];
  walReceiver?: WalReceiverRow | null;
  archiver?: ArchiverStatus;
  publications: PublicationRow[];
  subscriptions: SubscriptionRow[];
  /** Milliseconds the probe took (connect included when a new connection was needed). */
  probeMs: number;
}

/** Replica lag, receive and replay apart, in bytes and seconds, relative to its upstream. */
export interface NodeLag {
  receiveBytes: number | null;
  replayBytes: number | null;
  /** write_lag/flush_lag on the upstream (what reached the replica). */
  receiveSeconds: number | null;
  /** replay_lag on the upstream, else now() - last replayed commit on the replica (reads high when idle). */
  replaySeconds: number | null;
  /**
   * Where the seconds came from: `upstream` the primary's view (pg_stat_replication.replay_lag, from the replica's
   * feedback), `last-replay` the replica's own (now − its last replayed commit; reads high while the primary is
   * idle), `paused` the replica's own while replay is paused (grows every refresh: the upstream's figure only moves
   * when the replica sends feedback).
   */
  secondsSource: 'upstream' | 'last-replay' | 'paused' | null;
  /** The upstream's pg_stat_replication row (its pid) that describes this replica, when one matched. */
  upstreamPid?: number;
}

/** A node with what the cluster-level evaluation adds: upstream, slot, lag and health. */
export interface NodeView extends NodeStatus {
  upstream: string | null;
  slot: string | null;
  /** True when the replica has a running WAL receiver. */
  streaming: boolean;
  lag: NodeLag | null;
  health: Health;
  problems: string[];
}

export interface MonitorThresholds {
  lagBytesWarning: number;
  lagBytesCritical: number;
  lagSecondsWarning: number;
  lagSecondsCritical: number;
}

export const DEFAULT_THRESHOLDS: MonitorThresholds = {
  lagBytesWarning: 16 * 1024 * 1024,
  lagBytesCritical: 256 * 1024 * 1024,
  lagSecondsWarning: 10,
  lagSecondsCritical: 60,
};

export interface ClusterSnapshot {
  takenAt: string;
  /** Wall time of the whole refresh (all nodes probed in parallel). */
  refreshMs: number;
  nodes: NodeView[];
  primaries: string[];
  health: Health;
  problems: string[];
  /** `1 primary · 2 replicas · max lag 0 B` */
  summary: string;
  maxLagBytes: number | null;
  maxLagSeconds: number | null;
  /** pgpool-II services of the stack as they see the cluster (MonitorOptions.pgpool); their findings are in problems too. */
  pgpool?: PgpoolStatus[];
  /** The HA engine's view when one manages the cluster (MonitorOptions.managed); its findings are in problems too. */
  patroni?: PatroniStatus;
}
