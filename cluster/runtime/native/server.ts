/**
 * One PostgreSQL server process: started detached (it outlives pgha and VS Code) with its output appended to a
 * log file, found again through its postmaster.pid (which also tells whether it accepts connections, as pg_ctl
 * reads it), and stopped by signal to its whole process group.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ClusterError, throwIfCancelled } from '../errors';
import { logReason, reasonFirst } from '../failureReason';
import { spawnIdentity, type ServerAccount } from './account';
import type { Binaries } from './binaries';
import { readBounded } from './state';

/** Environment for initdb/postgres: nothing inherited that libpq or the server would read (PG*), a plain locale. */
export function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PG') && !key.startsWith('LC_')) env[key] = value;
  return { ...env, LC_ALL: 'C', LANG: 'C' };
}

/** The postmaster PID recorded in the data folder, or undefined. */
export function postmasterPid(dataDir: string): number | undefined {
  const text = readBounded(path.join(dataDir, 'postmaster.pid'), 4096);
  const pid = Number(text?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** True when `pid` runs; on Linux also that it is a postgres for `dataDir` (a recycled PID is not ours). */
export function processAlive(pid: number | undefined, dataDir?: string): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!dataDir || process.platform !== 'linux') return true;
  const cmdline = readBounded(`/proc/${pid}/cmdline`, 64 * 1024);
  if (cmdline === undefined) return true;
  const stat = readBounded(`/proc/${pid}/stat`, 4096);
  if (stat && / Z /.test(stat.slice(stat.lastIndexOf(')') + 1, stat.lastIndexOf(')') + 4))) return false; // a zombie is gone
  return cmdline.split('\0').includes(dataDir);
}

/** The running postmaster of a data folder: the recorded PID or the one in postmaster.pid, if alive. */
export function runningPid(dataDir: string, recorded?: number): number | undefined {
  if (processAlive(recorded, dataDir)) return recorded;
  const fromFile = postmasterPid(dataDir);
  return processAlive(fromFile, dataDir) ? fromFile : undefined;
}

export type ServerStatus = 'starting' | 'stopping' | 'ready' | 'standby';

/**
 * What the postmaster says of itself in postmaster.pid (its 8th line, the status pg_ctl waits on): 'ready' and
 * 'standby' accept connections. Undefined when there is no such file or line yet. No connection is made, so
 * waiting leaves no trace in the server log.
 */
export function serverStatus(dataDir: string): ServerStatus | undefined {
  const line = readBounded(path.join(dataDir, 'postmaster.pid'), 4096)?.split('\n')[7]?.trim();
  return line === 'starting' || line === 'stopping' || line === 'ready' || line === 'standby' ? line : undefined;
}

export interface ServerSpec {
  service: string;
  dataDir: string;
  logFile: string;
  args: string[];
}

const LOG_ROTATE_BYTES = 16 * 1024 * 1024;

/** Opens the node's log for appending (rotating a large one to `.1`), owned by the account. */
function openLog(spec: ServerSpec, account: ServerAccount): number {
  try {
    if (fs.statSync(spec.logFile).size > LOG_ROTATE_BYTES) fs.renameSync(spec.logFile, `${spec.logFile}.1`);
  } catch {
    // no log yet
  }
  const fd = fs.openSync(spec.logFile, 'a', 0o640);
  if (account.uid !== undefined) fs.fchownSync(fd, account.uid, account.gid ?? account.uid);
  return fd;
}

/**
 * Starts `postgres -D <data> <args>` in its own session (it survives us), output appended to the log.
 * Returns the postmaster PID; `detached: false` keeps it tied to us (bootstrap servers).
 */
export function startServer(spec: ServerSpec, binaries: Binaries, account: ServerAccount, detached = true): number {
  const fd = openLog(spec, account);
  try {
    fs.writeSync(fd, `\n--- pgha: starting ${spec.service} (PostgreSQL ${binaries.major}) at ${new Date().toISOString()} ---\n`);
    const child = spawn(binaries.postgres, ['-D', spec.dataDir, ...spec.args], {
      ...spawnIdentity(account),
      cwd: spec.dataDir,
      env: serverEnv(),
      detached,
      stdio: ['ignore', fd, fd],
    });
    child.once('error', () => undefined); // reported through the log and the exit check
    if (!child.pid) throw new ClusterError('start-failed', `Could not start ${binaries.postgres} for ${spec.service}.`);
    child.unref();
    return child.pid;
  } finally {
    fs.closeSync(fd);
  }
}

/** Log lines that explain a failed start, most telling first (FATAL/PANIC, then ERROR, then the last lines). */
export function explainLog(logFile: string, lines = 3): string {
  const text = logTail(logFile, 64 * 1024);
  const since = text.lastIndexOf('--- pgha: starting');
  const recent = (since >= 0 ? text.slice(since) : text).split('\n').filter((l) => l.trim() && !l.startsWith('--- pgha:'));
  const fatal = recent.filter((l) => /\b(FATAL|PANIC)\b/.test(l));
  const errors = recent.filter((l) => /\bERROR\b|HINT|DETAIL/.test(l));
  const chosen = fatal.length ? [...fatal, ...recent.filter((l) => /HINT|DETAIL/.test(l))] : errors.length ? errors : recent;
  return chosen.slice(-lines).join('\n') || '(the log is empty)';
}

/** The last `bytes` of a log file ('' when missing). */
export function logTail(logFile: string, bytes: number): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(logFile, 'r');
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until the server on `port` accepts connections; a server that exits meanwhile fails with its log. */
export async function waitAccepting(
  spec: ServerSpec & { port: number; pid: number },
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    throwIfCancelled(options.signal);
    const status = serverStatus(spec.dataDir);
    const alive = processAlive(spec.pid);
    if (alive && (status === 'ready' || status === 'standby') && postmasterPid(spec.dataDir) === spec.pid) return;
    if (!alive) {
      const tail = logTail(spec.logFile, 16 * 1024);
      throw new ClusterError(
        'start-failed',
        `${reasonFirst(spec.service, logReason(tail) ?? explainLog(spec.logFile, 1), 'PostgreSQL exited while starting.')} Its log: ${spec.logFile}`,
        [{ id: 'show-logs', title: 'Show logs', target: spec.service }],
        tail,
      );
    }
    if (Date.now() > deadline) {
      throw new ClusterError('timeout', `${spec.service} did not accept connections on 127.0.0.1:${spec.port} within ${Math.round(options.timeoutMs / 1000)} s. Its log says:\n${explainLog(spec.logFile)}`, [
        { id: 'show-logs', title: 'Show logs', target: spec.service },
      ]);
    }
    await sleep(50);
  }
}

export type StopMode = 'smart' | 'fast' | 'immediate' | 'kill';
const SIGNALS: Record<StopMode, NodeJS.Signals> = { smart: 'SIGTERM', fast: 'SIGINT', immediate: 'SIGQUIT', kill: 'SIGKILL' };

/** Signals the postmaster (kill: its whole process group, like a container kill). */
export function signalServer(pid: number, mode: StopMode): void {
  try {
    process.kill(mode === 'kill' ? -pid : pid, SIGNALS[mode]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Resolves once `pid` (and, after a kill, its process group) is gone; false on timeout. */
export async function waitGone(pid: number, dataDir: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processAlive(pid, dataDir) || groupAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops a server: `mode` first, SIGKILL to its group when it has not exited within timeoutMs. */
export async function stopServer(pid: number | undefined, dataDir: string, mode: StopMode, timeoutMs: number): Promise<void> {
  if (!pid || !processAlive(pid, dataDir)) {
    if (pid && groupAlive(pid)) signalServer(pid, 'kill'); // orphaned backends of a killed postmaster
    if (pid) await waitGone(pid, dataDir, 5_000);
    return;
  }
  signalServer(pid, mode);
  if (await waitGone(pid, dataDir, timeoutMs)) return;
  signalServer(pid, 'kill');
  await waitGone(pid, dataDir, 10_000);
}

/** Whether 127.0.0.1:port becomes bindable within `graceMs` (a server that just stopped may take a moment). */
export async function portFreeSoon(port: number, graceMs: number): Promise<boolean> {
  const deadline = Date.now() + graceMs;
  while (!(await portFree(port))) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

/** Who listens on a TCP port (Linux: /proc), e.g. "docker-proxy (PID 812)"; undefined when it cannot tell. */
export function portHolder(port: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (readBounded(table, 4 * 1024 * 1024) ?? '').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(hex) && fields[3] === '0A') inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const pid of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link = '';
      try {
        link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode && inodes.has(inode)) return `${readBounded(`/proc/${pid}/comm`, 256)?.trim() ?? 'a process'} (PID ${pid})`;
    }
  }
  return undefined;
}

/** Whether 127.0.0.1:port can be bound now. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
