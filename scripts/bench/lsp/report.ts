/** The benchmark's table: one row per measure, one column per server, the issue's budget beside our figure. */
import { percentile as nearestRank } from '../stats';
import type { Samples } from './scenario';

const percentile = (values: number[], p: number): number | undefined => (values.length === 0 ? undefined : nearestRank(values, p));

const ms = (n: number | undefined) => (n === undefined ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(0));
const pair = (values: number[]) => (values.length ? `${ms(percentile(values, 50))} / ${ms(percentile(values, 95))}` : '–');
const worst = (byLabel: Record<string, number[]>) => {
  const p95s = Object.entries(byLabel).map(([label, v]) => [label, percentile(v, 95) ?? 0] as const);
  return p95s.length ? p95s.reduce((a, b) => (b[1] > a[1] ? b : a)) : undefined;
};
const all = (byLabel: Record<string, number[]>) => Object.values(byLabel).flat();

interface Row {
  measure: string;
  cell: (s: Samples) => string;
  budget?: (results: Map<string, Samples>) => string;
}

const peers = (results: Map<string, Samples>) => [...results].filter(([name]) => !name.startsWith('pgha')).map(([, s]) => s);
const minOf = (values: (number | undefined)[]) => {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length ? Math.min(...defined) : undefined;
};

/** Completion and hover: p95 ≤ 1.5 ms and at most half the fastest peer's hover. */
function requestBudget(results: Map<string, Samples>): string {
  const peerHover = minOf(peers(results).map((s) => percentile(all(s.hover), 95)));
  return `p95 ≤ 1.5${peerHover === undefined ? '' : ` and ≤ ${ms(peerHover / 2)} (½ fastest peer's hover)`}`;
}

const ROWS: Row[] = [
  {
    measure: 'diagnostics after an edit, median / p95 (ms)',
    cell: (s) => pair(s.edit),
    budget: (r) => {
      const peer = minOf(peers(r).map((s) => percentile(s.edit, 95)));
      return `p95 ≤ 50${peer === undefined ? '' : ` and ≤ ${ms(peer / 2)} (½ fastest peer)`}`;
    },
  },
  { measure: 'server CPU per edit, mean (ms)', cell: (s) => ms(s.editCpu) },
  { measure: 'diagnostics after 5 keystrokes, no pause, median / p95', cell: (s) => (s.versioned ? pair(s.burst) : 'no versions') },
  { measure: 'diagnostics on open (fresh process), median / max', cell: (s) => `${ms(percentile(s.open, 50))} / ${ms(Math.max(...s.open))}`, budget: () => '≤ 200' },
  { measure: 'server CPU from spawn to first diagnostics, median', cell: (s) => ms(percentile(s.openCpu, 50)) },
  { measure: 'server start (spawn → initialized), median', cell: (s) => ms(percentile(s.startup, 50)) },
  {
    measure: 'completion p95, all positions / worst position',
    cell: (s) => `${ms(percentile(all(s.completion), 95))} / ${ms(worst(s.completion)?.[1])}`,
    budget: (r) => requestBudget(r),
  },
  { measure: 'server CPU per completion request, mean (ms)', cell: (s) => ms(s.completionCpu) },
  { measure: 'completion right after a keystroke, p95', cell: (s) => ms(percentile(s.completionAfterKeystroke, 95)) },
  { measure: 'largest completion answer (KiB)', cell: (s) => (s.completionBytes / 1024).toFixed(1) },
  { measure: 'hover p95, all positions / worst position', cell: (s) => `${ms(percentile(all(s.hover), 95))} / ${ms(worst(s.hover)?.[1])}`, budget: (r) => requestBudget(r) },
  { measure: 'peak RSS (MiB)', cell: (s) => (s.peakRssMiB === undefined ? '–' : s.peakRssMiB.toFixed(0)), budget: (r) => `≤ ${minOf(peers(r).map((s) => s.peakRssMiB))?.toFixed(0) ?? '–'} (smallest peer)` },
  { measure: 'RSS before / after 20 copies opened and closed', cell: (s) => (s.rssAfterChurnMiB === undefined ? '–' : `${s.rssBeforeChurnMiB?.toFixed(0) ?? '–'} / ${s.rssAfterChurnMiB.toFixed(0)}`) },
  { measure: 'stale versions published after newer ones', cell: (s) => (s.versioned ? String(s.staleAfterNewer) : '–') },
];

/** Markdown table of one workload's results. */
export function formatTable(title: string, results: Map<string, Samples>, churn: number): string {
  const names = [...results.keys()];
  const header = ['measure', ...names, 'budget (ours)'];
  const rows = ROWS.filter((row) => churn > 0 || !row.measure.startsWith('RSS before')).map((row) => [
    row.measure.replace('20 copies', `${churn} copies`),
    ...names.map((n) => row.cell(results.get(n)!)),
    row.budget?.(results) ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [`### ${title}`, '', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Per-position p95 of completion and hover, for whoever tunes one of them. */
export function formatPositions(results: Map<string, Samples>): string {
  const out: string[] = [];
  for (const [name, s] of results) {
    const list = (kind: string, byLabel: Record<string, number[]>) => Object.entries(byLabel).map(([label, v]) => `${kind} ${label}: ${ms(percentile(v, 95))}`);
    out.push(`  ${name}: ${[...list('completion', s.completion), ...list('hover', s.hover)].join('; ')}`);
  }
  return out.join('\n');
}
