/** Hostile files for the hostile suite: FIFOs, devices, huge and sparse files, loops, fan-outs, bad bytes. */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureCliBuilt } from '../lsp/support';

export const mkfifo = (file: string): string => (execFileSync('mkfifo', [file]), file);

/** A sparse file of `bytes` bytes (no disk used): bigger than any limit, instant to make. */
export function sparse(file: string, bytes: number): string {
  fs.writeFileSync(file, '');
  fs.truncateSync(file, bytes);
  return file;
}

/** Writes `text` (a string or raw bytes) to dir/name, making folders; returns the path. */
export function put(dir: string, name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** a → b → a: two symbolic links that lead to each other. */
export function symlinkLoop(dir: string, a: string, b: string): string {
  fs.symlinkSync(b, path.join(dir, a));
  fs.symlinkSync(a, path.join(dir, b));
  return path.join(dir, a);
}

export interface CheckRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * `pgha check ARGS` as the real process (dist/cli.js, what bin/pgha.js runs), killed after `timeoutMs`:
 * a hostile file must never make it block, so a kill fails the test (signal set, status null).
 */
export function pghaCheck(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): CheckRun {
  const result = spawnSync(process.execPath, [ensureCliBuilt(), 'check', ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}
