/**
 * `npm run bench:monitor [-- --major 17 --refreshes 200 --seconds 30]`: on a real 3-node cluster (primary + 2
 * replicas in containers), the wall time of one full monitor refresh (budget: median < 30 ms) and the CPU
 * this process uses while a Monitor polls at the default 2000 ms interval (what the extension host pays), and the
 * same refresh when every refresh connects anew (before the kept connection per node) with the connections counted.
 */
import { Monitor } from '../../cluster/monitor/monitor';
import { connectEveryRefresh } from './monitorRefresh';
import { percentile } from './stats';
import { dockerUnavailable, startTestCluster } from '../soak/dockerCluster';

const BUDGET_MS = 30;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}


async function main(): Promise<number> {
  const major = option('major', 17);
  const refreshes = option('refreshes', 200);
  const seconds = option('seconds', 30);
  const missing = await dockerUnavailable(major);
  if (missing) {
    console.error(`bench:monitor cannot run: ${missing}`);
    return 1;
  }
  console.log(`starting primary + 2 replicas (PostgreSQL ${major}) in containers…`);
  const cluster = await startTestCluster({ major, replicas: 2 });
  try {
    const monitor = new Monitor(cluster.targets);
    const coldStart = performance.now();
    const cold = await monitor.refresh();
    const coldMs = performance.now() - coldStart;
    if (cold.health !== 'ok') throw new Error(`cluster not healthy before measuring: ${cold.problems.join('; ')}`);
    for (let i = 0; i < 10; i++) await monitor.refresh(); // warm-up (JIT, plans)
    const times: number[] = [];
    for (let i = 0; i < refreshes; i++) {
      const started = performance.now();
      await monitor.refresh();
      times.push(performance.now() - started);
    }
    const opened = Object.values(monitor.connectionsOpened()).reduce((a, b) => a + b, 0);
    await monitor.dispose();
    times.sort((a, b) => a - b);
    const median = percentile(times, 50);
    console.log(`full refresh of 3 nodes (${refreshes} runs): median ${median.toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms; first refresh with connects ${coldMs.toFixed(1)} ms`);
    console.log(`kept connections: ${opened} connections opened for ${refreshes + 11} refreshes of 3 nodes`);
    console.log(await connectEveryRefresh(cluster.targets, Math.min(refreshes, 50), median));

    const polling = new Monitor(cluster.targets); // default interval: 2000 ms
    let snapshots = 0;
    polling.onSnapshot(() => snapshots++);
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    polling.start();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    polling.stop();
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - wallBefore;
    await polling.dispose();
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(
      `CPU while monitoring at ${polling.intervalMs} ms for ${seconds} s: ${cpuMs.toFixed(0)} ms CPU over ${snapshots} refreshes = ${((cpuMs / wallMs) * 100).toFixed(2)} % of one core (${(cpuMs / Math.max(1, snapshots)).toFixed(2)} ms per refresh)`,
    );
    const ok = median < BUDGET_MS;
    console.log(`refresh budget < ${BUDGET_MS} ms: ${ok ? 'met' : 'MISSED'}`);
    return ok ? 0 : 1;
  } finally {
    await cluster.dispose();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`bench:monitor: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
