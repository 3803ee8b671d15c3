/** Child processes for the image builder: output into a build log, the tail of it in the error on failure. */
import { spawn } from 'node:child_process';

export interface RunOptions {
  log: NodeJS.WritableStream;
  input?: NodeJS.ReadableStream;
}

/** A log that keeps nothing (for quiet look-ups such as `docker image inspect`). */
export const discardLog = { write: () => true } as unknown as NodeJS.WritableStream;

/** Runs a program, output to the build log; resolves with the last 4,000 characters, rejects with the tail on failure. */
export function run(program: string, args: string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      options.log.write(chunk);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    if (options.input && child.stdin) options.input.pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${program} ${args.slice(0, 3).join(' ')} … exited with ${code}:\n${output.split('\n').slice(-15).join('\n')}`));
    });
  });
}

/** Value of one label of a local image, or undefined when the image (or the label) is not there. */
export async function imageLabel(tag: string, label: string): Promise<string | undefined> {
  try {
    const out = await run('docker', ['image', 'inspect', '--format', `{{index .Config.Labels "${label}"}}`, tag], { log: discardLog });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Runs `tasks` with at most `limit` at a time; settles like Promise.allSettled, in input order. */
export async function settleBounded<T>(tasks: (() => Promise<T>)[], limit: number): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await tasks[index]() };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return results;
}
