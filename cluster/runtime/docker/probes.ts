/**
 * Probes the launcher waits on: PostgreSQL through the published 127.0.0.1 port (never a container
 * address), `docker exec` of a command (healthcheck tests, psql when no port is published), container
 * state and log tails for error messages.
 */
import * as path from 'node:path';
import { Client } from 'pg';
import type Docker from 'dockerode';
import type { Topology } from '../../../core/model/topology';
import { probeStartup } from '../startupProbe';
import type { PlannedService } from './plan';

export interface PgCredentials {
  user: string;
  password?: string;
  database: string;
}

export interface NodeStatus {
  inRecovery: boolean;
  /** pg_stat_wal_receiver.status on a replica ('streaming' when it streams). */
  receiver?: string;
}

const STATUS_SQL =
  "select pg_is_in_recovery() as recovery, (select status from pg_stat_wal_receiver limit 1) as receiver";

/** Credentials for probing a node: its own POSTGRES_* settings, falling back to the upstream's (replicas are copies). */
export function credentialsFor(
  service: PlannedService,
  topology: Topology,
  readFile: (p: string) => string | undefined,
  workingDir: string,
): PgCredentials[] {
  const readHostFile = (file: string) => readFile(path.resolve(workingDir, file));
  const fromService = (model: PlannedService['model']): PgCredentials | undefined => {
    const env = model.environment;
    const user = model.credentials.user ?? env.POSTGRES_USER;
    let password: string | undefined = model.credentials.password ?? env.POSTGRES_PASSWORD;
    if (password === undefined) password = secretFor(model.credentials.passwordFile ?? env.POSTGRES_PASSWORD_FILE, topology, readHostFile);
    if (user === undefined && password === undefined) return undefined;
    return { user: user ?? 'postgres', password, database: 'postgres' };
  };
  const list: PgCredentials[] = [];
  const own = fromService(service.model);
  const upstream = topology.services.find((s) => s.name === service.model.upstream) ?? topology.services.find((s) => s.role === 'primary');
  if (service.model.role === 'replica' && upstream) {
    const up = fromService(upstream);
    if (up) list.push(up);
  }
  if (own) list.push(own);
  list.push({ user: 'postgres', database: 'postgres' });
  return list;
}

/** The user a readiness probe names: the node's own (POSTGRES_USER), so the server logs no unknown role. */
export function probeUser(service: PlannedService): string {
  return service.model.credentials.user ?? service.model.environment.POSTGRES_USER ?? 'postgres';
}

/** A password file given as a host path, or as /run/secrets/<name> of a file-based secret. */
function secretFor(file: string | undefined, topology: Topology, readFile: (p: string) => string | undefined): string | undefined {
  if (!file) return undefined;
  const secret = /^\/run\/secrets\/(.+)$/.exec(file)?.[1];
  const hostFile = secret ? topology.secrets[secret]?.file : file;
  const text = hostFile ? readFile(hostFile) : undefined;
  return text?.replace(/\r?\n$/, '');
}

/** Connects through the published port and reads recovery/streaming state; throws while not ready. */
export async function queryNodeStatus(host: string, port: number, credentials: PgCredentials): Promise<NodeStatus> {
  const client = new Client({ host, port, ...credentials, connectionTimeoutMillis: 2000, statement_timeout: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ recovery: boolean; receiver: string | null }>(STATUS_SQL);
    return { inRecovery: result.rows[0].recovery, receiver: result.rows[0].receiver ?? undefined };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * True once a PostgreSQL server answers the startup message on host:port as `user` (an authentication request or
 * any answer but "cannot connect now", like pg_isready); false while nothing listens or the server is starting.
 * Never logs in: no failed login in the server's log (./startupProbe.ts).
 */
export async function answersOnPort(host: string, port: number, user: string): Promise<boolean> {
  const answer = await probeStartup(host, port, user, { timeoutMs: 1000 });
  return answer.kind === 'ready' || answer.kind === 'error';
}

export interface ExecResult {
  exitCode: number;
  output: string;
}

/** Runs a command in a running container and waits for its exit code; keeps the last `keep` characters of its output. */
export async function execIn(container: Docker.Container, cmd: string[], env: string[] = [], user?: string, keep = 4000): Promise<ExecResult> {
  const exec = await container.exec({ Cmd: cmd, Env: env, AttachStdout: true, AttachStderr: true, User: user });
  const stream = await exec.start({ hijack: true, stdin: false });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      output = (output + demuxText(chunk)).slice(-keep);
    });
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, output };
}

/** The same status query through psql inside the container, for nodes without a published port. */
export async function queryNodeStatusByExec(container: Docker.Container, credentials: PgCredentials): Promise<NodeStatus> {
  const env = credentials.password ? [`PGPASSWORD=${credentials.password}`] : [];
  const result = await execIn(container, ['psql', '-U', credentials.user, '-d', credentials.database, '-At', '-F', '|', '-c', STATUS_SQL], env);
  if (result.exitCode !== 0) throw new Error(result.output.trim() || `psql exited with ${result.exitCode}`);
  const [recovery, receiver] = result.output.trim().split('\n').pop()!.split('|');
  return { inRecovery: recovery === 't', receiver: receiver || undefined };
}

/** Runs a healthcheck test (CMD / CMD-SHELL form) ourselves, so a dependency counts as healthy as soon as its own test passes. */
export async function runHealthTest(container: Docker.Container, test: string[] | undefined): Promise<boolean> {
  if (!test || test.length === 0 || test[0] === 'NONE') return false;
  const cmd = test[0] === 'CMD-SHELL' ? ['/bin/sh', '-c', test.slice(1).join(' ')] : test[0] === 'CMD' ? test.slice(1) : test;
  try {
    return (await execIn(container, cmd)).exitCode === 0;
  } catch {
    return false;
  }
}

/** Docker multiplexes stdout/stderr in 8-byte framed chunks when there is no TTY; keep only the payload text. */
export function demuxText(chunk: Buffer): string {
  let text = '';
  let offset = 0;
  while (offset + 8 <= chunk.length && (chunk[offset] === 1 || chunk[offset] === 2) && chunk[offset + 1] === 0) {
    const size = chunk.readUInt32BE(offset + 4);
    text += chunk.subarray(offset + 8, offset + 8 + size).toString();
    offset += 8 + size;
  }
  return offset === 0 ? chunk.toString() : text + chunk.subarray(offset).toString();
}

export async function logTail(container: Docker.Container, lines = 20): Promise<string> {
  try {
    const buffer = (await container.logs({ stdout: true, stderr: true, tail: lines, follow: false })) as unknown as Buffer;
    return demuxText(Buffer.isBuffer(buffer) ? buffer : Buffer.from(String(buffer))).trimEnd();
  } catch {
    return '';
  }
}
