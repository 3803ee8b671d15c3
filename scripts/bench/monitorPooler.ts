/**
 * `npm run bench:monitor:pooler [-- --refreshes 200]`: the wizard's stack (PostgreSQL 17 primary + 2 replicas +
 * PgBouncer, bitnami contract on pgha-test/pgbouncer:1.24) on Docker, then the wall time of one monitor refresh
 * with the pooler: the three nodes over kept connections and PgBouncer's SHOW POOLS / DATABASES / STATS over a kept
 * admin connection, in parallel and one after the other as the tree does (snapshot, then PoolerWatch); and the pooler
 * read with a login per refresh (what `pgha status` does once).
 * Budget from issue #10: < 30 ms. Prints figures; exit 1 when the median misses the budget.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Monitor } from '../../cluster/monitor/monitor';
import { probePooler } from '../../cluster/monitor/pooler';
import { PoolerConnection } from '../../cluster/monitor/poolerConnection';
import { poolerAdminTargets } from '../../cluster/monitor/poolerTargets';
import { targetsFromTopology } from '../../cluster/monitor/targets';
import { stackAdminLogin } from '../../cluster/failover/poolers';
import { connectEngine } from '../../cluster/runtime/docker/engine';
import { buildImageMap } from '../../cluster/runtime/docker/imageMap';
import { up } from '../../cluster/runtime/docker/launcher';
import { down } from '../../cluster/runtime/docker/manage';
import { loadTopology } from '../../cluster/runtime/topologySource';
import { generateCluster, PGBOUNCER_IMAGE } from '../../cluster/wizard/generate';
import { writeGeneratedFiles } from '../../cluster/wizard/write';
import { imageMapValue } from '../images/build';
import { dockerUnavailable, freePort } from '../soak/dockerCluster';
import { percentile } from './stats';

const BUDGET_MS = 30;

async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 10; i++) await work(); // warm-up (JIT, plans)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const figures = (times: number[]) => `median ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms`;

async function main(): Promise<number> {
  const at = process.argv.indexOf('--refreshes');
  const refreshes = at >= 0 ? Number(process.argv[at + 1]) : 200;
  const missing = await dockerUnavailable(17);
  if (missing) {
    console.error(`bench:monitor:pooler cannot run: ${missing}`);
    return 1;
  }
  const engine = connectEngine();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-bench-pooler-'));
  const basePort = await freePort(); // the next three ports are taken too: a clash makes `up` say so
  let project = '';
  try {
    writeGeneratedFiles(dir, generateCluster({ major: 17, replicas: 2, mode: 'async', pgbouncer: true, basePort, superuserPassword: 'bench-pooler' }));
    const topology = loadTopology(path.join(dir, 'compose.yaml'));
    project = topology.project;
    const imageMap = buildImageMap(undefined, { PGHA_IMAGE_MAP: `${imageMapValue([17])},${PGBOUNCER_IMAGE}=pgha-test/pgbouncer:1.24` }).map;
    console.log('starting primary + 2 replicas + PgBouncer (the wizard’s stack) in containers…');
    await up(topology, { engine, imageMap, wait: true, timeoutMs: 180_000 });
    const { targets } = targetsFromTopology(topology);
    const [admin] = poolerAdminTargets(topology, stackAdminLogin(targets));
    const monitor = new Monitor(targets);
    const kept = new PoolerConnection(admin);
    try {
      const first = await monitor.refresh();
      const pooler = await probePooler(admin);
      if (first.health !== 'ok' || pooler.state !== 'up') throw new Error(`stack not healthy before measuring: ${[...first.problems, ...pooler.findings].join('; ')}`);
      const nodes = await timed(refreshes, () => monitor.refresh());
      const poolerOnly = await timed(refreshes, () => kept.probe());
      const connecting = await timed(Math.min(refreshes, 50), () => probePooler(admin));
      const parallel = await timed(refreshes, () => Promise.all([monitor.refresh(), kept.probe()]));
      const sequential = await timed(refreshes, async () => [await monitor.refresh(), await kept.probe()]);
      console.log(`load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}; ${refreshes} runs each`);
      console.log(`  3 nodes (kept connections):                 ${figures(nodes)}`);
      console.log(`  PgBouncer SHOW POOLS/DATABASES/STATS, kept: ${figures(poolerOnly)} (${kept.connectionsOpened} connection opened)`);
      console.log(`  the same, a login per refresh (pgha status): ${figures(connecting)}`);
      console.log(`  3 nodes + pooler in parallel:                ${figures(parallel)}`);
      console.log(`  3 nodes, then the pooler (the tree):         ${figures(sequential)}`);
      const ok = percentile(parallel, 50) < BUDGET_MS && percentile(sequential, 50) < BUDGET_MS;
      console.log(`refresh budget < ${BUDGET_MS} ms (median): ${ok ? 'met' : 'MISSED'}`);
      return ok ? 0 : 1;
    } finally {
      await monitor.dispose();
      await kept.close();
    }
  } finally {
    if (project) await down(engine, project, { volumes: true }).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`bench:monitor:pooler: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
