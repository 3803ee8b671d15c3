/** `pgha check` as a process on one file: wall time, peak memory, exit status and what it printed. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

export interface CliRun {
  ms: number;
  /** Peak resident memory of the CLI process, MiB. */
  peakMiB: number | undefined;
  status: number | null;
  signal: NodeJS.Signals | null;
  outLines: number;
  /** The first line of stderr, or of stdout when stderr is empty. */
  first: string;
}

/** A preload that writes the process's peak RSS to stderr on exit (spawnSync reports no resource usage). */
function peakPreload(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-bench-peak-')), 'peak.js');
  fs.writeFileSync(file, "process.on('exit', () => require('fs').writeSync(2, `\\nPGHA_PEAK_KB=${process.resourceUsage().maxRSS}\\n`));\n");
  return file;
}

export function runCheck(cli: string, args: string[], cwd: string, timeoutMs = 300_000): CliRun {
  const preload = peakPreload();
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--require', preload, cli, 'check', ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1024 * 1024 * 1024 });
  const ms = performance.now() - started;
  fs.rmSync(path.dirname(preload), { recursive: true, force: true });
  const peak = /PGHA_PEAK_KB=(\d+)/.exec(result.stderr ?? '')?.[1];
  const stderr = (result.stderr ?? '').replace(/\n?PGHA_PEAK_KB=\d+\n/, '');
  const stdout = result.stdout ?? '';
  return {
    ms,
    peakMiB: peak ? Number(peak) / 1024 : undefined,
    status: result.status,
    signal: result.signal,
    outLines: stdout.split('\n').filter(Boolean).length,
    first: (stderr.trim() || stdout.trim()).split('\n')[0].slice(0, 160),
  };
}
