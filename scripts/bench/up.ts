/**
 * `npm run bench:up`: time from "start" to "all replicas streaming" for examples/ha-stack (primary + 2
 * replicas): pgha on Docker (the launcher's up(), as `pgha up --wait` runs it), `docker-compose up -d` on the same
 * file, and pgha's native processes, side by side in one run, plus the native floor (initdb + one server start);
 * then the ratios (budgets: pgha on Docker ≤ 0.7 × docker-compose; native ≤ 0.5 × pgha on Docker). Without a
 * Docker engine (or with --native-only) only the native side and the floor are measured.
 *
 * Both runs use a temp copy of the example on free loopback ports and the test images (the image map for
 * ours, an override file for docker-compose, which has no image map). "Streaming" is checked the same
 * way for both: pg_stat_wal_receiver.status = 'streaming' on each replica through its 127.0.0.1 port.
 * Options: --rounds N (default 3, alternating who goes first; medians reported), --cli (time `node dist/cli.js up --wait` instead of the
 * in-process call; needs npm run build), --native-only, --keep-going (exit 0 even over budget).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { connectEngine } from '../../cluster/runtime/docker/engine';
import { buildImageMap, resolveImage } from '../../cluster/runtime/docker/imageMap';
import { up } from '../../cluster/runtime/docker/launcher';
import { down } from '../../cluster/runtime/docker/manage';
import { tcpPortFree } from '../../cluster/runtime/tcpPort';
import { queryNodeStatus } from '../../cluster/runtime/docker/probes';
import { loadTopology } from '../../cluster/runtime/topologySource';
import { imageMapValue, TEST_IMAGE_MAJORS } from '../images/build';
import { pollUntil } from '../../core/poll';
import { timeFloor, timeNativeUp } from './native';

const BUDGET = 0.7;
const NATIVE_BUDGET = 0.5;
const root = path.resolve(__dirname, '../..');

function run(program: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

async function freeBase(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 12000); // below the ephemeral range (32768+)
    let ok = true;
    for (let i = 0; i < count && ok; i++) ok = await tcpPortFree('127.0.0.1', base + i);
    if (ok) return base;
  }
  throw new Error('no free ports');
}

/** Polls until every replica port reports a streaming WAL receiver (bounded). */
async function allReplicasStreaming(ports: number[], password: string, timeoutMs = 180_000): Promise<void> {
  const done = new Set<number>();
  await pollUntil(
    async () => {
      for (const port of ports) {
        if (done.has(port)) continue;
        const status = await queryNodeStatus('127.0.0.1', port, { user: 'postgres', password, database: 'postgres' }).catch(() => undefined);
        if (status?.inRecovery && status.receiver === 'streaming') done.add(port);
      }
      return done.size === ports.length;
    },
    { what: `replicas on ${ports.join(', ')} to stream`, timeoutMs, intervalMs: 100 },
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Contender {
  name: string;
  run: () => Promise<number>;
  times: number[];
}

function engineAnswers(engine: ReturnType<typeof connectEngine>): Promise<boolean> {
  return engine.docker.ping().then(
    () => true,
    () => false,
  );
}

/** pgha on Docker (in-process up(), or the bundled CLI with --cli) and docker-compose, on the stack copy. */
async function dockerContenders(argv: string[], composeFile: string, replicaPorts: number[], password: string, work: string): Promise<Contender[]> {
  const engine = connectEngine();
  await engine.docker.ping().catch(() => {
    throw new Error(`no Docker engine at ${engine.endpoint}; start dockerd first`);
  });
  const mapValue = process.env.PGHA_IMAGE_MAP || imageMapValue(TEST_IMAGE_MAJORS);
  const imageMap = buildImageMap(undefined, { PGHA_IMAGE_MAP: mapValue }).map;
  const topology = loadTopology(composeFile);
  const project = topology.project;
  const override = path.join(work, 'images.override.yaml');
  fs.writeFileSync(override, `services:\n${topology.services.map((s) => `  ${s.name}:\n    image: "${resolveImage(s.image ?? '', imageMap)}"\n`).join('')}`);
  const compose = (...args: string[]) => run('docker-compose', ['-p', project, '-f', composeFile, '-f', override, ...args]);
  const bundled = path.join(root, 'dist/cli.js');
  // In-process by default (what the extension does); --cli runs the bundled CLI as a child process instead.
  const useBundle = argv.includes('--cli') && fs.existsSync(bundled) && (await run(process.execPath, [bundled, 'up', '--help'])).code === 0;
  const composeVersion = (await run('docker-compose', ['version', '--short'])).output.trim();
  console.log(`pgha on Docker: ${useBundle ? 'node dist/cli.js up --wait' : 'up() in-process'}; docker-compose ${composeVersion} up -d`);
  const runOurs = async () => {
    const started = Date.now();
    try {
      if (useBundle) {
        const result = await run(process.execPath, [bundled, 'up', composeFile, '--backend', 'docker', '--wait'], { ...process.env, PGHA_IMAGE_MAP: mapValue });
        if (result.code !== 0) throw new Error(`pgha up failed:\n${result.output}`);
      } else {
        await up(loadTopology(composeFile), { engine, imageMap });
      }
      await allReplicasStreaming(replicaPorts, password);
      return Date.now() - started;
    } finally {
      await down(engine, project, { volumes: true });
    }
  };
  const runTheirs = async () => {
    const started = Date.now();
    try {
      const composeRun = compose('up', '-d');
      await allReplicasStreaming(replicaPorts, password);
      const elapsed = Date.now() - started;
      const result = await composeRun;
      if (result.code !== 0) throw new Error(`docker-compose up failed:\n${result.output}`);
      return elapsed;
    } finally {
      await compose('down', '-v');
    }
  };
  return [
    { name: 'pgha docker', run: runOurs, times: [] },
    { name: 'docker-compose', run: runTheirs, times: [] },
  ];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Medians, the floor, and each budget: pgha on Docker ≤ 0.7 × docker-compose, native ≤ 0.5 × pgha on Docker. */
function summary(contenders: Contender[], floor: number[]): boolean {
  const med = (name: string) => contenders.find((c) => c.name === name && c.times.length)?.times;
  console.log(`start → all replicas streaming (median): ${contenders.map((c) => `${c.name} ${seconds(median(c.times))}`).join(', ')}`);
  console.log(`floor (initdb + one server start, native): ${seconds(median(floor))}`);
  let ok = true;
  for (const [name, against, budget] of [['pgha docker', 'docker-compose', BUDGET], ['native', 'pgha docker', NATIVE_BUDGET]] as const) {
    const mine = med(name);
    const theirs = med(against);
    if (!mine || !theirs) continue;
    const ratio = median(mine) / median(theirs);
    console.log(`ratio ${name} / ${against} ${ratio.toFixed(2)} (budget ≤ ${budget}) ${ratio <= budget ? 'OK' : 'OVER BUDGET'}`);
    ok &&= ratio <= budget;
  }
  return ok;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const roundsAt = argv.indexOf('--rounds');
  const rounds = roundsAt >= 0 && Number(argv[roundsAt + 1]) > 0 ? Number(argv[roundsAt + 1]) : 3;
  const work = path.join(root, '.test-tmp', `bench-up-${process.pid}`);
  const dir = path.join(work, 'benchstack');
  fs.mkdirSync(work, { recursive: true });
  fs.cpSync(path.join(root, 'examples/ha-stack'), dir, { recursive: true });
  const base = await freeBase(4);
  const composeFile = path.join(dir, 'compose.yaml');
  fs.writeFileSync(composeFile, fs.readFileSync(composeFile, 'utf8').replace(/127\.0\.0\.1:1543(\d):5432/g, (_, n: string) => `127.0.0.1:${base + Number(n) - 2}:5432`));
  const password = fs.readFileSync(path.join(dir, 'secrets/postgres_password.txt'), 'utf8').trim();
  const replicaPorts = [base + 1, base + 2];
  console.log(`stack: ${path.relative(root, composeFile)} (copy of examples/ha-stack on ports ${base}-${base + 2}), ${rounds} round(s)`);
  const withDocker = !argv.includes('--native-only') && (await engineAnswers(connectEngine()));
  if (!withDocker) console.log('no Docker engine answers (or --native-only): native processes only');
  const contenders: Contender[] = [
    ...(withDocker ? await dockerContenders(argv, composeFile, replicaPorts, password, work) : []),
    { name: 'native', run: () => timeNativeUp(composeFile, path.join(work, 'native-projects.json')), times: [] },
  ];
  const floor: number[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      // Rotate who goes first so drifting machine load does not favour one side.
      const order = contenders.map((_, i) => contenders[(i + round - 1) % contenders.length]);
      for (const contender of order) contender.times.push(await contender.run());
      floor.push(await timeFloor(17, base + 3));
      console.log(`round ${round}: ${contenders.map((c) => `${c.name} ${seconds(c.times[round - 1])}`).join(', ')}, floor ${seconds(floor[round - 1])}`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return summary(contenders, floor) || argv.includes('--keep-going') ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    const detail = (error as { detail?: string }).detail;
    if (detail) console.error(`--- log tail ---\n${detail}`);
    process.exitCode = 1;
  },
);
