/** The figures every benchmark prints: nearest-rank percentiles of timings. */

/** The nearest-rank percentile (p in 0–100) of values in any order; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** "median 1.23 ms, p95 4.56 ms". */
export const medianAndP95 = (values: readonly number[], digits = 2): string => `median ${percentile(values, 50).toFixed(digits)} ms, p95 ${percentile(values, 95).toFixed(digits)} ms`;
