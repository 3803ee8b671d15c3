/**
 * Native nodes on disk and as processes: where a node keeps its data, log and socket, starting one (checks
 * first: its data folder's major, a stale postmaster.pid, the port) and telling its lifecycle from its state
 * record and the live process.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NodeLifecycle } from '../types';
import { ClusterError } from '../errors';
import { ownedDir, type ServerAccount } from './account';
import type { Binaries } from './binaries';
import { explainLog, portFreeSoon, portHolder, postmasterPid, processAlive, runningPid, startServer, waitAccepting } from './server';
import { readBounded, type NodeRecord } from './state';

/** `<state>/<service>`: data/, postgres.log and (when the path is short enough for a socket) run/. */
export function nodePaths(stateDir: string, service: string, port: number): Pick<NodeRecord, 'dataDir' | 'logFile' | 'socketDir'> {
  const dir = path.join(stateDir, service);
  let socketDir = path.join(dir, 'run');
  // A unix socket path (folder + /.s.PGSQL.<port>) must stay under ~100 bytes.
  if (Buffer.byteLength(`${socketDir}/.s.PGSQL.${port}`) > 100) {
    socketDir = path.join(os.tmpdir(), `pgha-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}`);
  }
  return { dataDir: path.join(dir, 'data'), logFile: path.join(dir, 'postgres.log'), socketDir };
}

/** Creates the node's folders (owned by the server account, private; the data folder empty). */
export function prepareNodeDirs(account: ServerAccount, record: NodeRecord): void {
  ownedDir(account, path.dirname(record.dataDir), 0o700);
  fs.rmSync(record.dataDir, { recursive: true, force: true });
  ownedDir(account, record.dataDir, 0o700);
  ownedDir(account, record.socketDir, 0o700);
}

/** The whole folder of a node (data, log, socket), and its socket folder when that lives elsewhere. */
export function removeNodeFiles(record: NodeRecord): void {
  fs.rmSync(path.dirname(record.dataDir), { recursive: true, force: true });
  fs.rmSync(record.socketDir, { recursive: true, force: true });
}

/** The major a data folder was made by (PG_VERSION), if any. */
export function dataMajor(dataDir: string): number | undefined {
  const text = readBounded(path.join(dataDir, 'PG_VERSION'), 64);
  const major = Number(text?.trim());
  return Number.isInteger(major) && major > 0 ? major : undefined;
}

export interface StartOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  note?: (message: string) => void;
}

/** Refuses a data folder of another major; removes a postmaster.pid whose process is gone. */
function checkDataDir(record: NodeRecord, note: (message: string) => void): void {
  const major = dataMajor(record.dataDir);
  if (major === undefined) {
    throw new ClusterError('start-failed', `${record.service}: ${record.dataDir} holds no PostgreSQL data folder (PG_VERSION is missing). Remove the node's data (pgha down --volumes) and run up again.`);
  }
  if (major !== record.major) {
    throw new ClusterError(
      'start-failed',
      `${record.service}: the data folder ${record.dataDir} was made by PostgreSQL ${major}, but the service runs ${record.major}. ` +
        `Use image postgres:${major} again, or remove the old data (pgha down --volumes) to start afresh on ${record.major}.`,
    );
  }
  const stale = postmasterPid(record.dataDir);
  if (stale !== undefined && !processAlive(stale, record.dataDir)) {
    fs.rmSync(path.join(record.dataDir, 'postmaster.pid'), { force: true });
    note(`${record.service}: removed a stale postmaster.pid (PID ${stale} is not a server of this data folder)`);
  }
}

/**
 * Starts the node unless it already runs, and waits until it accepts connections. Returns the postmaster PID
 * and whether this call started it. Port taken, data of another major and a crash are ClusterErrors that quote
 * the explaining log line.
 */
export async function startNode(record: NodeRecord, binaries: Binaries, account: ServerAccount, options: StartOptions): Promise<{ pid: number; started: boolean }> {
  const running = runningPid(record.dataDir, record.pid);
  if (running) return { pid: running, started: false };
  checkDataDir(record, options.note ?? (() => undefined));
  if (!(await portFreeSoon(record.port, 3_000))) {
    const holder = portHolder(record.port);
    throw new ClusterError(
      'port-busy',
      `${record.service}: port ${record.port} on 127.0.0.1 is already in use by ${holder ?? 'another program'}. Stop it, or change the host port of ${record.service} in the compose file.`,
      [{ id: 'free-port', title: 'Show what uses the port', target: String(record.port) }],
    );
  }
  fs.mkdirSync(record.socketDir, { recursive: true, mode: 0o700 });
  ownedDir(account, record.socketDir, 0o700);
  const pid = startServer({ service: record.service, dataDir: record.dataDir, logFile: record.logFile, args: record.args }, binaries, account);
  record.pid = pid;
  await waitAccepting({ ...record, pid }, { timeoutMs: options.timeoutMs, signal: options.signal });
  return { pid, started: true };
}

/** The role the data folder says (standby.signal: replica), which failover changes; else the recorded one. */
export function currentRole(record: NodeRecord): NodeRecord['role'] {
  if (!record.initialized || !fs.existsSync(path.join(record.dataDir, 'PG_VERSION'))) return record.role;
  return fs.existsSync(path.join(record.dataDir, 'standby.signal')) ? 'replica' : 'primary';
}

export interface NodeStatus {
  lifecycle: NodeLifecycle;
  status: string;
  pid?: number;
}

function ago(iso: string | undefined): string {
  if (!iso) return '';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  const text = seconds < 60 ? `${seconds} seconds` : seconds < 3600 ? `${Math.round(seconds / 60)} minutes` : `${Math.round(seconds / 3600)} hours`;
  return ` ${text}`;
}

/** A node's lifecycle from its record and the live process (cheap: a PID check and a few small reads). */
export function nodeStatus(record: NodeRecord): NodeStatus {
  const pid = runningPid(record.dataDir, record.pid);
  if (!record.initialized) return { lifecycle: 'starting', status: pid ? 'being created' : 'creation interrupted', pid };
  if (pid) return { lifecycle: 'running', status: `Up${ago(record.startedAt)} (PID ${pid})`, pid };
  if (!fs.existsSync(record.dataDir)) return { lifecycle: 'missing', status: `data folder ${record.dataDir} is gone` };
  if (record.stoppedAt) return { lifecycle: 'stopped', status: `${record.stoppedBy === 'kill' ? 'killed' : 'stopped'}${ago(record.stoppedAt)} ago` };
  if (record.pid) return { lifecycle: 'dead', status: `exited unexpectedly: ${explainLog(record.logFile, 1)}` };
  return { lifecycle: 'stopped', status: 'created, not started' };
}
