/** Refresh timings shared by the monitor benchmarks: a refresh over kept connections vs one that connects anew. */
import { Monitor } from '../../cluster/monitor/monitor';
import type { NodeTarget } from '../../cluster/monitor/types';

import { percentile } from './stats';

/** Milliseconds of `refreshes` refreshes over one Monitor (kept connections), sorted, and the connections it opened. */
export async function keptRefreshes(targets: NodeTarget[], refreshes: number): Promise<{ times: number[]; opened: number }> {
  const monitor = new Monitor(targets.map((t) => ({ ...t })));
  try {
    await monitor.refresh(); // connects
    const times: number[] = [];
    for (let i = 0; i < refreshes; i++) {
      const started = performance.now();
      await monitor.refresh();
      times.push(performance.now() - started);
    }
    return { times: times.sort((a, b) => a - b), opened: Object.values(monitor.connectionsOpened()).reduce((a, b) => a + b, 0) };
  } finally {
    await monitor.dispose();
  }
}

/** Before the kept connection: a new connection per node and refresh (a log_connections server logs each). A line to print. */
export async function connectEveryRefresh(targets: NodeTarget[], refreshes: number, keptMedian: number): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < refreshes; i++) {
    const fresh = new Monitor(targets.map((t) => ({ ...t })));
    const started = performance.now();
    await fresh.refresh();
    times.push(performance.now() - started);
    await fresh.dispose();
  }
  times.sort((a, b) => a - b);
  const median = percentile(times, 50);
  return `connect per refresh (${refreshes} runs): median ${median.toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, ${refreshes * targets.length} connections opened; kept connection: median ${keptMedian.toFixed(2)} ms (${(median / keptMedian).toFixed(1)}× faster)`;
}
