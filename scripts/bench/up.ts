/**
 * `npm run bench:up`: time from "start" to "all replicas streaming" for examples/ha-stack (primary + 2
 * replicas), ours (the launcher's up(), as `pgha up --wait` runs it) against `docker-compose up -d` on the same file,
 * side by side in one run, then the ratio (budget: ours ≤ 0.7 × docker-compose).
 *
 * Both runs use a temp copy of the example on free loopback ports and the test images (the image map for
 * ours, an override file for docker-compose, which has no image map). "Streaming" is checked the same
 * way for both: pg_stat_wal_receiver.status = 'streaming' on each replica through its 127.0.0.1 port.
 * Options: --rounds N (default 3, alternating who goes first; medians reported), --cli (time `node dist/cli.js up --wait` instead of the
 * in-process call; needs npm run build), --keep-going (exit 0 even over budget).
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

const BUDGET = 0.7;
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

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const roundsAt = argv.indexOf('--rounds');
  const rounds = roundsAt >= 0 && Number(argv[roundsAt + 1]) > 0 ? Number(argv[roundsAt + 1]) : 3;
  const engine = connectEngine();
  await engine.docker.ping().catch(() => {
    throw new Error(`no Docker engine at ${engine.endpoint}; start dockerd first`);
  });
  const mapValue = process.env.PGHA_IMAGE_MAP || imageMapValue(TEST_IMAGE_MAJORS);
  const imageMap = buildImageMap(undefined, { PGHA_IMAGE_MAP: mapValue }).map;

  const work = path.join(root, '.test-tmp', `bench-up-${process.pid}`);
  const dir = path.join(work, 'benchstack');
  fs.mkdirSync(work, { recursive: true });
  fs.cpSync(path.join(root, 'examples/ha-stack'), dir, { recursive: true });
  const base = await freeBase(3);
  const composeFile = path.join(dir, 'compose.yaml');
  fs.writeFileSync(composeFile, fs.readFileSync(composeFile, 'utf8').replace(/127\.0\.0\.1:1543(\d):5432/g, (_, n: string) => `127.0.0.1:${base + Number(n) - 2}:5432`));
  const topology = loadTopology(composeFile);
  const project = topology.project;
  const override = path.join(work, 'images.override.yaml');
  fs.writeFileSync(override, `services:\n${topology.services.map((s) => `  ${s.name}:\n    image: "${resolveImage(s.image ?? '', imageMap)}"\n`).join('')}`);
  const password = fs.readFileSync(path.join(dir, 'secrets/postgres_password.txt'), 'utf8').trim();
  const replicaPorts = [base + 1, base + 2];
  const compose = (...args: string[]) => run('docker-compose', ['-p', project, '-f', composeFile, '-f', override, ...args]);

  const bundled = path.join(root, 'dist/cli.js');
  // In-process by default (what the extension does); --cli runs the bundled CLI as a child process instead.
  const useBundle = argv.includes('--cli') && fs.existsSync(bundled) && (await run(process.execPath, [bundled, 'up', '--help'])).code === 0;
  console.log(`stack: ${path.relative(root, composeFile)} (copy of examples/ha-stack on ports ${base}-${base + 2}), project ${project}, ${rounds} round(s)`);
  const composeVersion = (await run('docker-compose', ['version', '--short'])).output.trim();
  console.log(`ours: ${useBundle ? 'node dist/cli.js up --wait' : 'up() in-process'}; theirs: docker-compose ${composeVersion} up -d`);

  const ours: number[] = [];
  const theirs: number[] = [];
  try {
    const runOurs = async () => {
      const started = Date.now();
      if (useBundle) {
        const result = await run(process.execPath, [bundled, 'up', composeFile, '--wait'], { ...process.env, PGHA_IMAGE_MAP: mapValue });
        if (result.code !== 0) throw new Error(`pgha up failed:\n${result.output}`);
      } else {
        await up(loadTopology(composeFile), { engine, imageMap });
      }
      await allReplicasStreaming(replicaPorts, password);
      ours.push(Date.now() - started);
      await down(engine, project, { volumes: true });
    };
    const runTheirs = async () => {
      const started = Date.now();
      const composeRun = compose('up', '-d');
      await allReplicasStreaming(replicaPorts, password);
      theirs.push(Date.now() - started);
      const result = await composeRun;
      if (result.code !== 0) throw new Error(`docker-compose up failed:\n${result.output}`);
      await compose('down', '-v');
    };
    for (let round = 1; round <= rounds; round++) {
      // Alternate who goes first so drifting machine load does not favour one side.
      if (round % 2) {
        await runOurs();
        await runTheirs();
      } else {
        await runTheirs();
        await runOurs();
      }
      console.log(`round ${round}: pgha ${(ours[round - 1] / 1000).toFixed(2)} s, docker-compose ${(theirs[round - 1] / 1000).toFixed(2)} s`);
    }
  } finally {
    await down(engine, project, { volumes: true }).catch(() => undefined);
    await compose('down', '-v').catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
  }
  const ratio = median(ours) / median(theirs);
  console.log(`start → all replicas streaming (median): pgha ${(median(ours) / 1000).toFixed(2)} s, docker-compose ${(median(theirs) / 1000).toFixed(2)} s`);
  console.log(`ratio ${ratio.toFixed(2)} (budget ≤ ${BUDGET}) ${ratio <= BUDGET ? 'OK' : 'OVER BUDGET'}`);
  return ratio <= BUDGET || argv.includes('--keep-going') ? 0 : 1;
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
