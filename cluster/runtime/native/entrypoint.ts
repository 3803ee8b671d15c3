/**
 * A primary's first start, as the official image's entrypoint does it on an empty data folder: initdb with
 * POSTGRES_USER/PASSWORD and POSTGRES_INITDB_ARGS, a `host all all all <method>` rule, a temporary server
 * reachable only through the node's private socket, POSTGRES_DB, then the init scripts in name order (`.sql`,
 * `.sql.gz` through node-postgres; `.sh` only when allowed, with bash on this machine), and a clean stop.
 * Unlike the image, loopback TCP needs the password too: on this machine 127.0.0.1 is every local user's.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { ClusterError, throwIfCancelled } from '../errors';
import { giveTo, ownedDir, spawnIdentity, type ServerAccount } from './account';
import type { Binaries } from './binaries';
import type { InitScript, InitSpec } from './plan';
import { serverEnv, startServer, stopServer, waitAccepting } from './server';
import { ident, withClient } from './sql';
import { refusalOfPath } from '../../../core/nodeFileSystem';
import { readBounded } from './state';

export interface BootstrapContext {
  service: string;
  binaries: Binaries;
  account: ServerAccount;
  dataDir: string;
  socketDir: string;
  logFile: string;
  port: number;
  /** The service's postgres arguments (settings from the compose file). */
  args: string[];
  signal?: AbortSignal;
  step: (message: string) => void;
  /** Called with the temporary server's PID (the caller records it: an interrupted run must find it). */
  onServer: (pid: number | undefined) => void;
}

const SCRIPT_LIMIT = 256 * 1024 * 1024;

/** Runs a program as the account, output appended to the node's log; resolves with exit code and output tail. */
export function runLogged(ctx: Pick<BootstrapContext, 'account' | 'socketDir' | 'logFile' | 'signal'>, program: string, args: string[], env: NodeJS.ProcessEnv = serverEnv()): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...spawnIdentity(ctx.account), cwd: ctx.socketDir, env, stdio: ['ignore', 'pipe', 'pipe'], signal: ctx.signal });
    let output = '';
    const log = fs.createWriteStream(ctx.logFile, { flags: 'a' });
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-16_384);
      log.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (error) => {
      log.end();
      reject(error);
    });
    child.once('close', (code) => {
      log.end();
      resolve({ code: code ?? 1, output });
    });
  });
}

function hasOption(args: string[], ...names: string[]): boolean {
  return args.some((a) => names.some((n) => a === n || a.startsWith(`${n}=`) || (n.length === 2 && a.startsWith(n))));
}

async function initdb(ctx: BootstrapContext, spec: InitSpec): Promise<void> {
  const pwfile = path.join(ctx.socketDir, 'initdb.pw');
  const args = ['-D', ctx.dataDir, `--username=${spec.user}`];
  if (spec.password) {
    fs.writeFileSync(pwfile, `${spec.password}\n`, { mode: 0o600 });
    giveTo(ctx.account, pwfile);
    args.push(`--pwfile=${pwfile}`);
  }
  if (!hasOption(spec.initdbArgs, '-E', '--encoding', '--locale', '--lc-collate', '--lc-ctype')) args.push('--encoding=UTF8', '--locale=C');
  if (!hasOption(spec.initdbArgs, '-A', '--auth', '--auth-local')) args.push('--auth-local=trust');
  if (!hasOption(spec.initdbArgs, '-A', '--auth', '--auth-host')) args.push('--auth-host=trust'); // tightened below
  ctx.step(`initdb (PostgreSQL ${ctx.binaries.major}, superuser ${spec.user})`);
  try {
    const result = await runLogged(ctx, ctx.binaries.initdb, [...args, ...spec.initdbArgs]);
    if (result.code !== 0) throw new ClusterError('start-failed', `initdb for ${ctx.service} failed (exit ${result.code}):\n${result.output.trim().split('\n').slice(-5).join('\n')}`);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

/** `postgres -C password_encryption` with the service's settings: md5 → md5 rules, like the image. */
async function hostAuthMethod(ctx: BootstrapContext, spec: InitSpec): Promise<string> {
  if (spec.hostAuthMethod) return spec.hostAuthMethod;
  const result = await runLogged(ctx, ctx.binaries.postgres, ['-D', ctx.dataDir, ...ctx.args, '-C', 'password_encryption']);
  return result.output.trim().split('\n').pop() === 'md5' ? 'md5' : 'scram-sha-256';
}

/** The image's rule for every address, and no trust over loopback TCP unless the user asked for trust. */
function writeHostRules(ctx: BootstrapContext, spec: InitSpec, method: string): void {
  const hba = path.join(ctx.dataDir, 'pg_hba.conf');
  let text = fs.readFileSync(hba, 'utf8');
  if (!hasOption(spec.initdbArgs, '-A', '--auth', '--auth-host')) text = text.replace(/^(host\S*\s.*\s)trust(\s*)$/gm, `$1${method}$2`);
  const warning = method === 'trust' ? '# warning: trust is enabled for all connections\n' : '';
  fs.writeFileSync(hba, `${text}\n${warning}host all all all ${method}\n`);
}

/** A temporary server on the private socket only, with a trust rule for that socket. Returns its PID. */
async function startBootstrapServer(ctx: BootstrapContext): Promise<number> {
  const hba = path.join(ctx.socketDir, 'bootstrap_hba.conf');
  fs.writeFileSync(hba, 'local all all trust\n', { mode: 0o600 });
  giveTo(ctx.account, hba);
  const args = [...ctx.args, '-c', 'listen_addresses=', '-c', `port=${ctx.port}`, '-c', `unix_socket_directories=${ctx.socketDir}`, '-c', `hba_file=${hba}`];
  const pid = startServer({ service: ctx.service, dataDir: ctx.dataDir, logFile: ctx.logFile, args }, ctx.binaries, ctx.account);
  ctx.onServer(pid);
  await waitAccepting({ service: ctx.service, dataDir: ctx.dataDir, logFile: ctx.logFile, args, port: ctx.port, pid }, { timeoutMs: 60_000, signal: ctx.signal });
  return pid;
}

/** Container paths quoted in SQL ('/run/secrets/x') replaced by the host files the mounts and secrets provide. */
export function mapSqlPaths(sql: string, hostPath: (containerPath: string) => string | undefined): string {
  return sql.replace(/'(\/[^'\n]+)'/g, (literal, containerPath: string) => {
    const onHost = hostPath(containerPath);
    return onHost ? `'${onHost.replace(/'/g, "''")}'` : literal;
  });
}

/** The most a `.sql.gz` init script may hold compressed (it is read whole before gunzip). */
const COMPRESSED_LIMIT = 64 * 1024 * 1024;

/** A regular file's bytes, at most `limit`; anything else (FIFO, device, too large) throws with the reason, never blocks. */
function readBoundedBytes(file: string, limit: number): Buffer {
  const refused = refusalOfPath(file, limit);
  if (refused) throw new Error(`cannot read ${file}: ${refused.refused === 'too-large' ? `over ${limit / 1024 / 1024} MB compressed` : `${refused.refused} (a regular file is needed)`}`);
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new Error(`cannot read ${file}: not a regular file`);
    const bytes = Buffer.alloc(Math.min(stat.size, limit) + 1);
    const read = fs.readSync(fd, bytes, 0, bytes.length, 0);
    if (read > limit) throw new Error(`cannot read ${file}: over ${limit / 1024 / 1024} MB compressed`);
    return bytes.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** An init script's SQL: `.sql.gz` read bounded, then gunzipped within the text bound (a clear refusal past it). */
export function initScriptText(script: Pick<InitScript, 'kind' | 'file'>, limits = { compressed: COMPRESSED_LIMIT, text: SCRIPT_LIMIT }): string {
  if (script.kind === 'sql.gz') {
    const compressed = readBoundedBytes(script.file, limits.compressed);
    try {
      return zlib.gunzipSync(compressed, { maxOutputLength: limits.text }).toString('utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new Error(`${script.file} decompresses to more than ${limits.text / 1024 / 1024} MB; split it or run it by hand`);
      throw new Error(`${script.file} is not a readable gzip file: ${(error as Error).message}`);
    }
  }
  const text = readBounded(script.file, limits.text);
  if (text === undefined) throw new Error(`cannot read ${script.file} (missing, not a regular file, or over ${limits.text / 1024 / 1024} MB)`);
  return text;
}

function scriptFailure(ctx: BootstrapContext, script: InitScript, error: unknown, sql?: string): ClusterError {
  const e = error as Error & { position?: string };
  let where = '';
  if (sql && e.position) where = ` (line ${sql.slice(0, Number(e.position)).split('\n').length})`;
  const meta = sql && /^\s*\\[a-z]/m.test(sql) ? ' It uses psql meta-commands (\\…), which only psql understands: the native runtime runs .sql files through a driver.' : '';
  return new ClusterError('start-failed', `${ctx.service}: init script ${script.name} failed${where}: ${e.message}.${meta} The data folder is redone on the next up.`);
}

async function runShellScript(ctx: BootstrapContext, spec: InitSpec, script: InitScript): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...serverEnv(),
    PATH: `${ctx.binaries.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
    PGDATA: ctx.dataDir,
    PGHOST: ctx.socketDir,
    PGPORT: String(ctx.port),
    POSTGRES_USER: spec.user,
    POSTGRES_DB: spec.database,
    ...(spec.password ? { POSTGRES_PASSWORD: spec.password, PGPASSWORD: spec.password } : {}),
  };
  const result = await runLogged(ctx, 'bash', [script.file], env);
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.output.trim().split('\n').slice(-3).join(' / ')}`);
}

/**
 * The host file behind a container path, as the server account can read it: when servers run as another account,
 * a copy (0600, owned by it) in the node's run folder — what a container sees of a secret — since the original may
 * sit in a folder only its owner may enter (the wizard's secrets/ is 0700).
 */
function serverReadable(ctx: BootstrapContext, hostPath: InitSpec['hostPath']): InitSpec['hostPath'] {
  if (ctx.account.uid === undefined || ctx.account.uid === process.getuid?.()) return hostPath;
  const folder = path.join(ctx.socketDir, 'files');
  return (containerPath) => {
    const source = hostPath(containerPath);
    if (!source || !fs.statSync(source, { throwIfNoEntry: false })?.isFile()) return source;
    ownedDir(ctx.account, folder);
    const copy = path.join(folder, containerPath.replace(/[^A-Za-z0-9._-]+/g, '_'));
    fs.copyFileSync(source, copy);
    fs.chmodSync(copy, 0o600);
    giveTo(ctx.account, copy);
    return copy;
  };
}

async function runScripts(ctx: BootstrapContext, spec: InitSpec): Promise<void> {
  if (spec.scripts.length === 0) return;
  const hostPath = serverReadable(ctx, spec.hostPath);
  await withClient({ host: ctx.socketDir, port: ctx.port }, { user: spec.user, database: spec.database }, async (client) => {
    for (const script of spec.scripts) {
      throwIfCancelled(ctx.signal);
      ctx.step(`init script ${script.name}`);
      let sql: string | undefined;
      try {
        if (script.kind === 'sh') await runShellScript(ctx, spec, script);
        else await client.query((sql = mapSqlPaths(initScriptText(script), hostPath)));
      } catch (error) {
        throw scriptFailure(ctx, script, error, sql);
      }
    }
  });
}

/** Initialises an empty data folder for a primary, leaving the server stopped. */
export async function bootstrapPrimary(ctx: BootstrapContext, spec: InitSpec): Promise<void> {
  await initdb(ctx, spec);
  throwIfCancelled(ctx.signal);
  writeHostRules(ctx, spec, await hostAuthMethod(ctx, spec));
  const pid = await startBootstrapServer(ctx);
  try {
    if (spec.database !== 'postgres') {
      ctx.step(`creating database ${spec.database}`);
      await withClient({ host: ctx.socketDir, port: ctx.port }, { user: spec.user, database: 'postgres' }, (client) => client.query(`CREATE DATABASE ${ident(spec.database)}`));
    }
    await runScripts(ctx, spec);
  } finally {
    await stopServer(pid, ctx.dataDir, 'fast', 60_000);
    ctx.onServer(undefined);
    fs.rmSync(path.join(ctx.socketDir, 'bootstrap_hba.conf'), { force: true });
  }
}
