/**
 * `npm run soak:failover [-- --cycles 20 --major 17]`: repeats the no-data-loss failover cycle on real
 * containers and prints the rows lost (must be 0). Exit code 1 when any row is lost or a cycle fails.
 */
import { dockerUnavailable } from './dockerCluster';
import { noDataLossCycle, ROWS_PER_CYCLE } from './noDataLoss';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive whole number`);
  return value;
}

async function main(): Promise<number> {
  const cycles = option('cycles', 20);
  const major = option('major', 17);
  const missing = await dockerUnavailable(major);
  if (missing) {
    console.error(`soak:failover cannot run: ${missing}`);
    return 1;
  }
  let lost = 0;
  let failures = 0;
  for (let cycle = 1; cycle <= cycles; cycle++) {
    try {
      const result = await noDataLossCycle(major);
      lost += result.lost;
      console.log(`cycle ${cycle}/${cycles}: committed ${result.committed}, found ${result.found} after promotion, lost ${result.lost} (${(result.elapsedMs / 1000).toFixed(1)} s)`);
    } catch (error) {
      failures++;
      console.log(`cycle ${cycle}/${cycles}: FAILED: ${(error as Error).message}`);
    }
  }
  console.log(`PostgreSQL ${major}, ${cycles} cycles of ${ROWS_PER_CYCLE} synchronous commits + SIGKILL + promote: ${failures} failed cycles`);
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
