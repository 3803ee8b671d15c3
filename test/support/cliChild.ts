/**
 * `pgha` as a real child process (the CLI's own signal handlers and exit, not main() in the test's process): run it
 * to the end, or wait for a progress line and send it signals. Waits are event-driven, never fixed sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../cli/pgha.ts');

export interface CliRun {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  /** Resolves once the output matches `pattern` (rejects when the child exits first). */
  waitForOutput(pattern: RegExp): Promise<void>;
  /** Resolves with the exit code (or the signal that ended it) and the whole output. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string; endedAt: number }>;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const listener of [...listeners]) listener();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string; endedAt: number }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      for (const listener of [...listeners]) listener();
      resolve({ code, signal, output: text, endedAt: Date.now() });
    });
  });
  const waitForOutput = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(text)) {
          listeners.delete(check);
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          listeners.delete(check);
          reject(new Error(`pgha ${args.join(' ')} ended before printing ${pattern}:\n${text}`));
        }
      };
      listeners.add(check);
      check();
    });
  return { child, output: () => text, waitForOutput, exited };
}
