/** Docker (CLI) and admin-console helpers for the pooler catalogs: containers with a port published on 127.0.0.1 only. */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';

const exec = promisify(execFile);

export async function docker(args: string[], timeoutMs = 60_000): Promise<string> {
  const { stdout } = await exec('docker', args, { timeout: timeoutMs, maxBuffer: 1 << 24 });
  return stdout;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export interface ContainerSpec {
  image: string;
  name?: string;
  env?: Record<string, string>;
  /** host path → container path (read-only). */
  binds?: Record<string, string>;
  /** Container port to publish on 127.0.0.1 (Docker picks the host port). */
  publish?: number;
  network?: string;
  /** Name on the network (other containers reach it by this name). */
  alias?: string;
  cmd?: string[];
}

export interface RunningContainer {
  name: string;
  hostPort?: number;
}

export async function runContainer(spec: ContainerSpec): Promise<RunningContainer> {
  const name = spec.name ?? uniqueName('pgha-catalog');
  const args = ['run', '-d', '--name', name, '--label', 'pgha.test=catalog'];
  for (const [key, value] of Object.entries(spec.env ?? {})) args.push('-e', `${key}=${value}`);
  for (const [host, inside] of Object.entries(spec.binds ?? {})) args.push('-v', `${host}:${inside}:ro`);
  if (spec.publish) args.push('-p', `127.0.0.1::${spec.publish}`);
  if (spec.network) args.push('--network', spec.network, ...(spec.alias ? ['--network-alias', spec.alias] : []));
  await docker([...args, spec.image, ...(spec.cmd ?? [])]);
  if (!spec.publish) return { name };
  const mapping = (await docker(['port', name, `${spec.publish}/tcp`])).trim().split('\n')[0];
  return { name, hostPort: Number(mapping.slice(mapping.lastIndexOf(':') + 1)) };
}

export async function removeContainers(names: string[]): Promise<void> {
  if (names.length) await docker(['rm', '-f', '-v', ...names]).catch(() => undefined);
}

export async function containerLogs(name: string): Promise<string> {
  const { stdout, stderr } = await exec('docker', ['logs', name], { timeout: 30_000, maxBuffer: 1 << 24 });
  return stdout + stderr;
}

/** Polls `probe` until it gives a value (bounded by `timeoutMs`); the last error is in the failure. */
export async function poll<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface ConsoleTarget {
  port: number;
  user: string;
  database: string;
  password?: string;
}

/** One simple-protocol query (the admin consoles know no other) on a fresh connection. */
export async function consoleQuery(target: ConsoleTarget, sql: string): Promise<Record<string, string | null>[]> {
  const client = new Client({ host: '127.0.0.1', ...target, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, string | null>[];
  } finally {
    await client.end().catch(() => undefined);
  }
}
