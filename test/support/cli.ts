/**
 * `pgha` run in the test's own process (main() with captured output), for the cases that need no real child
 * process (see cliChild.ts for those). The environment given is the whole environment the command sees.
 */
import type { CliIO } from '../../cli/command';
import { main } from '../../cli/main';

/** A CliIO that keeps what the command wrote: stdout() and stderr() so far. */
export interface CapturedIO extends CliIO {
  stdout(): string;
  stderr(): string;
}

export function capture(cwd: string, env: NodeJS.ProcessEnv = {}): CapturedIO {
  let out = '';
  let err = '';
  return { out: (t) => (out += t), err: (t) => (err += t), cwd, env, isTTY: false, stdout: () => out, stderr: () => err };
}

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `pgha args` to the end and returns its exit code and output. */
export async function pgha(args: string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): Promise<CliResult> {
  const io = capture(cwd, env);
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}
