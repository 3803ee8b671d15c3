/**
 * The oracle of the patroni format: Patroni 3.0.2 from Debian (the `patroni` package). judgeFiles runs the batch
 * harness (oracle.py: what `patroni --validate-config` runs, in one process for many files); cliVerdict runs the
 * real command line on one file, to show the harness says what the command says.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const PATRONI_PYTHON = '/usr/bin/python3';
export const PATRONI_BIN = '/usr/bin/patroni';

export interface PatroniVerdict {
  ok: boolean;
  lines: string[];
  /** Last traceback line when Patroni stops with one (YAML error, a file that is not a mapping). */
  crash: string | null;
}

/** Why the oracle cannot run here, or undefined. */
export async function patroniWhy(): Promise<string | undefined> {
  if (!existsSync(PATRONI_BIN)) return `${PATRONI_BIN} is missing (apt-get install patroni; .ci/provision/10-apt.sh)`;
  try {
    const { stdout } = await promisify(execFile)(PATRONI_BIN, ['--version']);
    return /^patroni 3\.0\./.test(stdout.trim()) ? undefined : `expected Patroni 3.0.x, found ${stdout.trim()}`;
  } catch (error) {
    return `patroni --version failed: ${(error as Error).message}`;
  }
}

/** Verdicts for files (absolute paths), in order, from one Python process. */
export function judgeFiles(files: string[]): Promise<PatroniVerdict[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(PATRONI_PYTHON, [join(__dirname, 'oracle.py')], { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const verdicts = out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as PatroniVerdict);
      if (code !== 0 || verdicts.length !== files.length) reject(new Error(`oracle.py exited ${code} after ${verdicts.length}/${files.length} files: ${err}`));
      else resolve(verdicts);
    });
    child.stdin.end(files.join('\n') + '\n');
  });
}

/** `patroni --validate-config FILE` itself: exit status and what it prints on stderr. */
export async function cliVerdict(file: string): Promise<{ ok: boolean; stderr: string }> {
  try {
    await promisify(execFile)(PATRONI_BIN, ['--validate-config', file], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' } });
    return { ok: true, stderr: '' };
  } catch (error) {
    return { ok: false, stderr: String((error as { stderr?: string }).stderr ?? '') };
  }
}
