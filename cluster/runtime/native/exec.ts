/**
 * "Open psql" on a native node: the packages ship no psql, so a psql on PATH runs here against 127.0.0.1:<port>
 * (under `script` for a terminal when util-linux has it); without one, a message says how to get one.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InteractiveSession } from '../types';
import { ClusterError } from '../errors';
import type { NativeContext } from './context';
import { findNode } from './manage';

/** The first executable named `program` on PATH, or undefined. */
export function onPath(program: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, program);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

const NO_PSQL =
  'psql is not on PATH, and the native PostgreSQL packages do not include it. Install a PostgreSQL client (Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq), ' +
  'or connect any client to the node';

/** psql's arguments from a command like ['psql', …] or ['sh', '-c', script, 'psql', …]: everything after the last 'psql'. */
function psqlArgs(cmd: string[]): string[] {
  const at = cmd.lastIndexOf('psql');
  return at >= 0 ? cmd.slice(at + 1) : cmd;
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export async function openExec(ctx: NativeContext, nodeId: string, cmd: string[], env: Record<string, string> = {}): Promise<InteractiveSession> {
  const { record } = findNode(ctx, nodeId);
  const psql = onPath('psql');
  if (!psql) throw new ClusterError('not-found', `${NO_PSQL} at 127.0.0.1:${record.port}.`);
  const args = ['-h', '127.0.0.1', '-p', String(record.port), ...psqlArgs(cmd)];
  const script = process.platform === 'linux' && spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
  const child = script
    ? spawn('script', ['-qfec', [psql, ...args].map(quote).join(' '), '/dev/null'], { env: { ...process.env, ...env, TERM: process.env.TERM ?? 'xterm-256color' } })
    : spawn(psql, args, { env: { ...process.env, ...env } });
  const exited = new Promise<number>((resolve) => child.once('close', (code) => resolve(code ?? -1)));
  child.once('error', () => undefined);
  return {
    write: (data) => child.stdin.write(data),
    resize: () => undefined, // `script` keeps its initial size
    onData: (listener) => {
      child.stdout.on('data', (chunk: Buffer) => listener(chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => listener(chunk.toString('utf8')));
    },
    onExit: (listener) => void exited.then(listener),
    close: () => child.kill('SIGHUP'),
  };
}
