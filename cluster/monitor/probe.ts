import { Client } from 'pg';
import { classifyConnectionError } from './errors';
import { type BatchPart, monitorQuery, serverMajor, sqlMajor } from './queries';
import type { NodeState, NodeStatus, NodeTarget, ReplicationRow, SlotRow, SubscriptionRow, TableSyncState, WalReceiverRow } from './types';

export interface ProbeOptions {
  connectTimeoutMs: number;
  queryTimeoutMs: number;
  /**
   * First wait before connecting again to a server that answered with a refusal (wrong password, starting up…);
   * it doubles per failure up to REFUSED_BACKOFF_MAX_MS (STARTING_BACKOFF_MAX_MS while the server starts or stops).
   * Each refused attempt is a line in the server's log (log_connections), so a 2 s poll must not repeat it. Default 1000.
   */
  backoffMs?: number;
}

export const DEFAULT_PROBE_OPTIONS: ProbeOptions = { connectTimeoutMs: 2000, queryTimeoutMs: 3000 };

/** Longest wait between attempts after refusals that need a person (password, database, connection limit). */
export const REFUSED_BACKOFF_MAX_MS = 30_000;
/** Longest wait while the server starts up or shuts down (it answers again by itself soon). */
export const STARTING_BACKOFF_MAX_MS = 4_000;

/** States in which the server itself answered (and logged the attempt); `unreachable` leaves no server log line. */
const TRANSIENT: ReadonlySet<NodeState> = new Set(['starting up', 'shutting down', 'not accepting connections']);

type Row = Record<string, unknown>;
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/**
 * A long-lived connection to one node: connects lazily, keeps the connection between refreshes (a refresh is
 * one round trip, and the server logs one connection, not one per refresh), and drops it on any failure so the
 * next probe reconnects — at once after a network failure, after a bounded backoff when the server refused
 * (retryNow() skips the wait). Never throws from `probe`.
 */
export class NodeConnection {
  private client: Client | undefined;
  private serverVersionNum: number | undefined;
  /** Connections opened so far (a kept connection opens one; tests and the bench read it). */
  private opened = 0;
  /** Refusals in a row, and the last one's status: repeated instead of connecting until retryAt. */
  private refusals = 0;
  private retryAt = 0;
  private lastRefusal: NodeStatus | undefined;

  constructor(
    readonly target: NodeTarget,
    private readonly options: ProbeOptions = DEFAULT_PROBE_OPTIONS,
  ) {}

  /** How many connections this node has had opened (one while it stays up). */
  get connectionsOpened(): number {
    return this.opened;
  }

  /** Connect at the next probe even if the server refused recently (a runtime event says it changed). */
  retryNow(): void {
    this.retryAt = 0;
  }

  async probe(): Promise<NodeStatus> {
    const started = performance.now();
    const base = { service: this.target.service, host: this.target.host, port: this.target.port };
    if (!this.client && this.lastRefusal && Date.now() < this.retryAt) return { ...this.lastRefusal, probeMs: performance.now() - started };
    try {
      const client = await this.connected();
      const major = sqlMajor(this.serverVersionNum ?? 0);
      const result = await client.query<{ parts: Partial<Record<BatchPart, Row[]>> }>({ name: `pgha-monitor-${major}`, text: monitorQuery(major) });
      this.refusals = 0;
      this.lastRefusal = undefined;
      return { ...base, ...parseBatch(result.rows[0].parts), serverVersionNum: this.serverVersionNum, major: serverMajor(this.serverVersionNum ?? 0), probeMs: performance.now() - started };
    } catch (error) {
      await this.close();
      const { state, detail } = classifyConnectionError(error);
      const status: NodeStatus = { ...base, state, detail, role: 'unknown', replication: [], slots: [], publications: [], subscriptions: [], probeMs: performance.now() - started };
      this.noteFailure(status);
      return status;
    }
  }

  /** A refusal by the server waits (doubling, bounded) before the next attempt; an unreachable server does not. */
  private noteFailure(status: NodeStatus): void {
    if (status.state === 'unreachable') {
      this.refusals = 0;
      this.lastRefusal = undefined;
      return;
    }
    this.refusals++;
    const cap = TRANSIENT.has(status.state) ? STARTING_BACKOFF_MAX_MS : REFUSED_BACKOFF_MAX_MS;
    this.retryAt = Date.now() + Math.min(cap, (this.options.backoffMs ?? 1000) * 2 ** (this.refusals - 1));
    this.lastRefusal = status;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.serverVersionNum = undefined;
    if (client) await client.end().catch(() => undefined);
  }

  private async connected(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      host: this.target.host,
      port: this.target.port,
      user: this.target.user,
      password: this.target.password ?? '',
      database: this.target.database,
      application_name: 'pgha-monitor',
      connectionTimeoutMillis: this.options.connectTimeoutMs,
      query_timeout: this.options.queryTimeoutMs,
    });
    // A server that dies between refreshes emits 'error' on the idle client; without a listener Node would crash.
    client.on('error', () => {
      if (this.client === client) this.client = undefined;
    });
    this.opened++;
    try {
      await client.connect();
      const version = await client.query<{ server_version_num: string }>('SHOW server_version_num');
      this.serverVersionNum = Number(version.rows[0].server_version_num);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }
}

const SYNC_STATES: Record<string, TableSyncState> = { i: 'init', d: 'data copy', f: 'finished copy', s: 'synced', r: 'ready' };

function subscriptionRow(s: Row): SubscriptionRow {
  const tables: SubscriptionRow['tables'] = {};
  for (const [code, count] of Object.entries((s.table_states ?? {}) as Record<string, number>)) {
    const state = SYNC_STATES[code];
    if (state) tables[state] = Number(count);
  }
  return {
    name: String(s.subname),
    enabled: s.enabled === true,
    pid: num(s.pid),
    receivedLsn: str(s.received_lsn),
    latestEndLsn: str(s.latest_end_lsn),
    lastMessageReceiptTime: str(s.last_msg_receipt_time),
    latestEndTime: str(s.latest_end_time),
    tables,
    applyErrors: num(s.apply_error_count),
    syncErrors: num(s.sync_error_count),
    conflicts: num(s.conflicts),
  };
}

function walReceiverRow(receiver: Row | undefined): WalReceiverRow | null {
  if (!receiver) return null;
  return {
    status: String(receiver.status),
    senderHost: str(receiver.sender_host),
    senderPort: num(receiver.sender_port),
    slotName: str(receiver.slot_name),
    receivedTimeline: num(receiver.received_tli),
    flushedLsn: str(receiver.flushed_lsn),
    lastMessageReceiptTime: str(receiver.last_msg_receipt_time),
  };
}

function replicationRow(r: Row): ReplicationRow {
  return {
    pid: Number(r.pid),
    applicationName: String(r.application_name ?? ''),
    clientAddr: str(r.client_addr),
    state: str(r.state),
    syncState: str(r.sync_state),
    sentLsn: str(r.sent_lsn),
    writeLsn: str(r.write_lsn),
    flushLsn: str(r.flush_lsn),
    replayLsn: str(r.replay_lsn),
    writeLagSeconds: num(r.write_lag),
    flushLagSeconds: num(r.flush_lag),
    replayLagSeconds: num(r.replay_lag),
    replayLagBytes: num(r.replay_lag_bytes),
  };
}

function slotRow(s: Row): SlotRow {
  return {
    name: String(s.slot_name),
    type: String(s.slot_type),
    active: s.active === true,
    activePid: num(s.active_pid),
    restartLsn: str(s.restart_lsn),
    walStatus: str(s.wal_status),
    retainedBytes: num(s.retained_bytes),
    safeWalSize: num(s.safe_wal_size),
    inactiveSince: str(s.inactive_since),
  };
}

function archiverRow(archiver: Row | undefined, node: Row): NodeStatus['archiver'] {
  if (!archiver) return undefined;
  return {
    mode: String(node.archive_mode ?? 'off'),
    archivedCount: Number(archiver.archived_count ?? 0),
    failedCount: Number(archiver.failed_count ?? 0),
    lastArchivedWal: str(archiver.last_archived_wal),
    lastFailedWal: str(archiver.last_failed_wal),
    lastFailedTime: str(archiver.last_failed_time),
  };
}

/** Turns the refresh's parts (rows per view) into the node part of a status. Exported for tests. */
export function parseBatch(parts: Partial<Record<BatchPart, Row[]>>): Omit<NodeStatus, 'service' | 'host' | 'port' | 'probeMs'> {
  const part = (name: BatchPart): Row[] => parts[name] ?? [];
  const node = part('node')[0] ?? {};
  const inRecovery = node.in_recovery === true;
  const walReceiver = walReceiverRow(part('walReceiver')[0]);
  const walfile = str(node.current_walfile);
  const timeline = walfile ? parseInt(walfile.slice(0, 8), 16) : (walReceiver?.receivedTimeline ?? num(node.checkpoint_timeline) ?? undefined);
  return {
    state: 'up',
    role: inRecovery ? 'replica' : 'primary',
    systemIdentifier: str(node.system_identifier) ?? undefined,
    timeline,
    lsn: (inRecovery ? str(node.replay_lsn) : str(node.current_lsn)) ?? undefined,
    receiveLsn: str(node.receive_lsn),
    replayLsn: str(node.replay_lsn),
    replayPaused: node.replay_paused === true,
    lastReplayTimestamp: str(node.last_replay),
    replication: part('replication').map(replicationRow),
    slots: part('slots').map(slotRow),
    walReceiver: inRecovery ? walReceiver : undefined,
    archiver: archiverRow(part('archiver')[0], node),
    publications: part('publications').map((p) => ({ name: String(p.pubname), allTables: p.all_tables === true, tables: Number(p.tables ?? 0) })),
    subscriptions: part('subscriptions').map(subscriptionRow),
  };
}
