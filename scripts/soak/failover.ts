/**
 * `npm run soak:failover [-- --backend docker|native --cycles 20 --major 17]`: repeats the no-data-loss failover
 * cycle (synchronous commits, SIGKILL of the primary, promote, rejoin the old primary) on a real cluster and
 * prints the rows lost (must be 0) and the phase times (median and max). Exit code 1 when any row is lost or a
 * cycle fails.
 */
import { percentile } from '../bench/stats';
import { clusterUnavailable, type TestBackend } from './dockerCluster';
import { type CycleResult, noDataLossCycle, ROWS_PER_CYCLE } from './noDataLoss';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive whole number`);
  return value;
}

function backendOption(): TestBackend {
  const index = process.argv.indexOf('--backend');
  const value = index >= 0 ? process.argv[index + 1] : 'docker';
  if (value !== 'docker' && value !== 'native') throw new Error(`--backend is docker or native (got ${value})`);
  return value;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/** "median 1.2 s, max 1.9 s" of one phase over the cycles that finished. */
function spread(results: CycleResult[], phase: 'upMs' | 'promoteMs' | 'rejoinMs' | 'elapsedMs'): string {
  const values = results.map((r) => r[phase]);
  if (!values.length) return 'no finished cycle';
  return `median ${seconds(percentile(values, 50))} s, max ${seconds(Math.max(...values))} s`;
}

async function main(): Promise<number> {
  const cycles = option('cycles', 20);
  const major = option('major', 17);
  const backend = backendOption();
  const missing = await clusterUnavailable(backend, major);
  if (missing) {
    console.error(`soak:failover cannot run on ${backend}: ${missing}`);
    return 1;
  }
  let lost = 0;
  let failures = 0;
  const results: CycleResult[] = [];
  for (let cycle = 1; cycle <= cycles; cycle++) {
    try {
      const r = await noDataLossCycle(major, backend);
      results.push(r);
      lost += r.lost;
      if (r.foundAfterRejoin < r.found) failures++;
      console.log(
        `cycle ${cycle}/${cycles}: committed ${r.committed}, found ${r.found} after promotion (lost ${r.lost}), ${r.foundAfterRejoin} on the rejoined old primary; ` +
          `up ${seconds(r.upMs)} s, promote ${seconds(r.promoteMs)} s, rejoin ${seconds(r.rejoinMs)} s, cycle ${seconds(r.elapsedMs)} s`,
      );
    } catch (error) {
      failures++;
      console.log(`cycle ${cycle}/${cycles}: FAILED: ${(error as Error).message}`);
    }
  }
  console.log(`PostgreSQL ${major} on ${backend}, ${cycles} cycles of ${ROWS_PER_CYCLE} synchronous commits + SIGKILL + promote + rejoin: ${failures} failed cycles`);
  console.log(`up → streaming: ${spread(results, 'upMs')}; promote: ${spread(results, 'promoteMs')}; rejoin: ${spread(results, 'rejoinMs')}; whole cycle: ${spread(results, 'elapsedMs')}`);
  console.log(`rows lost: ${lost}`);
  return lost === 0 && failures === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`soak:failover: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
