/**
 * The real PgBouncer / pgpool-II as an oracle for differential tests: judges configuration texts by starting
 * the program on each (foreground, unprivileged postgres user, bounded time) inside a long-lived container of
 * our test image (pgha-test/pgbouncer:<v>, pgha-test/pgpool:<v>; npm run test:images). The container has no
 * network but loopback, so whatever port a file asks for is free and nothing leaves the machine.
 *
 *   const judge = await startJudge('pgbouncer', '1.24');
 *   const [verdict] = await judge.judge(['[pgbouncer]\npool_mode = sometimes\n']);
 *   // { valid: false, outcome: 'exit', message: "…", lines: [...] }
 *   await judge.close();
 *
 * Files are written into a host folder bound at /judge and judged in batches by judge.sh (one `docker exec`
 * per batch, not per file), in `containers` parallel containers.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cleanLog, significantLines } from './logLines';

const exec = promisify(execFile);

export type PoolerProgram = 'pgbouncer' | 'pgpool';

export interface PoolerVerdict {
  /** The program got to the judge's stage (said so) with this file, and printed no FATAL/PANIC line by the time
   * the judge read its output (pgpool 4.1 takes some bad values quietly and fails just after loading). */
  valid: boolean;
  /** up: got to the stage; exit: stopped by itself; timeout: neither within the limit (then stopped). */
  outcome: 'up' | 'exit' | 'timeout';
  exitStatus?: number;
  /** The warning/error lines (FATAL, ERROR, WARNING, HINT…), prefixes removed, joined by newlines; the path
   * of the judged file (the program names it in "(path:line)") reads `<file>`. */
  message: string;
  /** Everything it printed, prefixes removed. */
  lines: string[];
}

export interface JudgeOptions {
  /**
   * How far the program must get for `valid`: "config" — the file is loaded and checked (the first thing the
   * program prints after that); "start" — it is up and serving (sockets bound; pgpool also waits for its
   * children and shared memory, seconds each on a loaded machine). Default: "start" for PgBouncer, "config"
   * for pgpool.
   */
  stage?: 'config' | 'start';
  /** Parallel judge containers (each judges its share of a batch sequentially). Default 2. */
  containers?: number;
  /** Limit per file before it counts as a timeout (a good file stops at the stage, a bad one exits: only a
   * hanging start waits this long; on a loaded machine pgpool needs seconds to get anywhere). Default 10000 ms. */
  timeoutMs?: number;
  /** Image to use instead of pgha-test/<program>:<version>. */
  image?: string;
}

export interface PoolerJudge {
  readonly program: PoolerProgram;
  readonly version: string;
  judge(texts: string[]): Promise<PoolerVerdict[]>;
  close(): Promise<void>;
}

const MAX_TEXT_BYTES = 1 << 20;
const FILE_NAMES: Record<PoolerProgram, string> = { pgbouncer: 'pgbouncer.ini', pgpool: 'pgpool.conf' };

export function judgeImage(program: PoolerProgram, version: string): string {
  return `pgha-test/${program}:${version}`;
}

/** Undefined when Docker answers and the image is there; otherwise why the judge cannot start. */
export async function judgeWhy(program: PoolerProgram, version: string): Promise<string | undefined> {
  try {
    await exec('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 15_000 });
  } catch (error) {
    return `no Docker engine answers (${String(error).split('\n')[0]}); start dockerd (.ci/provision/30-docker.sh)`;
  }
  try {
    await exec('docker', ['image', 'inspect', judgeImage(program, version)], { timeout: 15_000 });
    return undefined;
  } catch {
    return `${judgeImage(program, version)} is not built; run npm run test:images`;
  }
}

async function startContainer(image: string, dir: string): Promise<string> {
  const name = `pgha-judge-${randomBytes(4).toString('hex')}`;
  const args = ['run', '-d', '--rm', '--name', name, '--network', 'none', '--label', 'pgha.test=judge', '-v', `${dir}:/judge`, '--entrypoint', 'sleep', image, 'infinity'];
  await exec('docker', args, { timeout: 60_000 });
  return name;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The judge's record of one file; a file it never got to (its batch failed) reads as a timeout. */
function readVerdict(path: string, inside: string): PoolerVerdict {
  const [outcome = 'timeout', status] = readOrEmpty(`${path}.status`).trim().split(/\s+/).filter(Boolean);
  const lines = cleanLog(readOrEmpty(`${path}.out`).split(inside).join('<file>'));
  const exitStatus = status === undefined || status === '' ? undefined : Number(status);
  const fatal = lines.some((line) => /^(?:FATAL|PANIC)\b/.test(line));
  return { valid: outcome === 'up' && !fatal, outcome: outcome as PoolerVerdict['outcome'], exitStatus, message: significantLines(lines).join('\n'), lines };
}

/** Starts `containers` judge containers for one program version. */
export async function startJudge(program: PoolerProgram, version: string, options: JudgeOptions = {}): Promise<PoolerJudge> {
  const dir = mkdtempSync(join(tmpdir(), `pgha-judge-${program}-`));
  chmodSync(dir, 0o777);
  copyFileSync(join(__dirname, 'judge.sh'), join(dir, 'judge.sh'));
  chmodSync(join(dir, 'judge.sh'), 0o755);
  // pgpool wants a pcp.conf and a pool_hba.conf besides the file under test; empty and trust-all will do.
  writeFileSync(join(dir, 'pcp.conf'), '');
  writeFileSync(join(dir, 'pool_hba.conf'), 'local all all trust\nhost all all all trust\n');
  const image = options.image ?? judgeImage(program, version);
  const count = Math.max(1, options.containers ?? 2);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const stage = options.stage ?? (program === 'pgbouncer' ? 'start' : 'config');
  const names: string[] = [];
  try {
    for (let i = 0; i < count; i++) names.push(await startContainer(image, dir));
  } catch (error) {
    await removeContainers(names);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let batch = 0;
  return {
    program,
    version,
    async judge(texts) {
      const batchDir = join(dir, `b${batch++}`);
      mkdirSync(batchDir);
      chmodSync(batchDir, 0o777);
      const paths = texts.map((text, i) => {
        const fileDir = join(batchDir, String(i));
        mkdirSync(fileDir);
        chmodSync(fileDir, 0o777);
        writeFileSync(join(fileDir, FILE_NAMES[program]), Buffer.from(text).subarray(0, MAX_TEXT_BYTES), { mode: 0o644 });
        return join(fileDir, FILE_NAMES[program]);
      });
      const shares = names.map((_, c) => paths.filter((_, i) => i % names.length === c));
      await Promise.all(
        names.map((name, c) => {
          if (!shares[c].length) return undefined;
          const inside = shares[c].map((p) => p.replace(dir, '/judge'));
          const limit = String(Math.ceil(timeoutMs / 10));
          const budget = shares[c].length * (timeoutMs + 1500) + 60_000;
          // A judge that fails or overruns leaves its remaining files without a record: they read as timeouts.
          const args = ['exec', '-u', 'postgres', name, '/judge/judge.sh', program, stage, limit, ...inside];
          return exec('docker', args, { timeout: budget, maxBuffer: 1 << 24 }).catch(() => undefined);
        }),
      );
      const verdicts = paths.map((p) => readVerdict(p, p.replace(dir, '/judge')));
      rmSync(batchDir, { recursive: true, force: true });
      return verdicts;
    },
    async close() {
      await removeContainers(names);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function removeContainers(names: string[]): Promise<void> {
  if (names.length) await exec('docker', ['rm', '-f', ...names], { timeout: 60_000 }).catch(() => undefined);
}
