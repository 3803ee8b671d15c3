// `npm run bench:pgconf`: p50/p95 of completion, hover and full diagnostics after an edit on a generated
// 3,000-line postgresql.conf, through getLanguageService (no LSP transport). `--strict` exits 1 over budget.
import { performance } from 'perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { loadCatalog } from '../../language/catalog/catalog';
import { DEFAULT_MAJOR, isMajor, type Catalog, type Major } from '../../language/catalog/types';
import { parseConf } from '../../language/formats/pgconf/parser';
import { getLanguageService } from '../../language/service/languageService';
import type { FileSystemHost } from '../../language/service/types';

const LINES = 3000;
const ITERATIONS = 300;
const WARMUP = 30;
const BUDGET_MS = { completion: 5, hover: 5, diagnostics: 10 };

export const emptyFs: FileSystemHost = { readFile: () => undefined, exists: () => false, isDirectory: () => false, readDir: () => [] };

/** The built-in default, written the way people write it (strings quoted). */
function sampleValue(catalog: Catalog, name: string, major: Major): string {
  const info = catalog.get(name, major)!;
  if (info.vartype === 'string') return `'${info.bootVal.replace(/'/g, "''")}'`;
  if (info.vartype === 'enum' && !/^[a-z_]+$/.test(info.bootVal)) return `'${info.bootVal}'`;
  return info.bootVal;
}

/**
 * A postgresql.conf.sample-like file: sections of commented settings, every parameter of the major set
 * once (a third commented out), the seed's HA settings, a few overrides and mistakes, and extension
 * settings (dotted names) up to the line count.
 */
export function generateConf(catalog: Catalog, major: Major, lines = LINES): string {
  const names = catalog.names(major).filter((n) => {
    const info = catalog.get(n, major)!;
    return info.context !== 'internal' && !(info.vartype === 'string' && info.bootVal === '');
  });
  const out: string[] = [];
  names.forEach((name, i) => {
    if (i % 25 === 0) out.push('', '#' + '-'.repeat(78), `# SECTION ${i / 25}`, '#' + '-'.repeat(78), '');
    out.push(`# ${name}: what it does and why we chose this value`);
    out.push(`${i % 3 === 0 ? '#' : ''}${name} = ${sampleValue(catalog, name, major)}${i % 4 === 0 ? '\t\t# (change requires restart)' : ''}`);
  });
  out.push('', '# HA block', 'wal_level = replica', 'max_wal_senders = 10', 'max_replication_slots = 10', 'hot_standby = on');
  out.push("archive_mode = on", "archive_command = 'cp %p /archive/%f'", 'shared_buffers = 256MB', 'work_mem = 64mb', 'shared_bufers = 1GB');
  for (let i = 0; out.length < lines; i++) {
    if (i % 10 === 0) out.push(`# extension ext${i / 10}`);
    else out.push(`ext${Math.floor(i / 10)}.setting_${i % 10} = ${i % 2 ? `'value ${i}'` : i}`);
  }
  return out.slice(0, lines).join('\n') + '\n';
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function measure(label: string, run: (i: number) => unknown): { label: string; p50: number; p95: number } {
  for (let i = 0; i < WARMUP; i++) run(i);
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { label, p50: percentile(times, 50), p95: percentile(times, 95) };
}

function main(): void {
  const majorArg = Number(process.argv.find((a) => /^--major=\d+$/.test(a))?.split('=')[1] ?? DEFAULT_MAJOR);
  const major: Major = isMajor(majorArg) ? majorArg : DEFAULT_MAJOR;
  const catalog = loadCatalog();
  if (catalog.names(major).length === 0) throw new Error('data/catalog.json has no parameters: run `npm run catalog` first');
  const service = getLanguageService({ catalog, fs: emptyFs, settings: () => ({ defaultMajor: major }) });
  const text = generateConf(catalog, major);
  const lines = text.split('\n');
  // Cursor positions on settings of known parameters (extension lines would make hovers trivially empty).
  const settingLines = lines.map((l, i) => [l, i] as const).filter(([l]) => catalog.get(/^([a-z_]+) = /.exec(l)?.[1] ?? '', major));
  const numberLines = settingLines.filter(([l]) => /= \d+$/.test(l));
  const doc = TextDocument.create('file:///bench/postgresql.conf', 'pgconf', 1, text);
  service.getDiagnostics(doc); // first parse

  const at = (i: number, where: 'name' | 'value' | 'unit'): Position => {
    const [line, index] = (where === 'unit' ? numberLines : settingLines)[(i * 37) % (where === 'unit' ? numberLines : settingLines).length];
    const eq = line.indexOf('=');
    if (where === 'name') return { line: index, character: Math.min(3, eq) };
    return { line: index, character: where === 'unit' ? line.length : eq + 3 };
  };
  const results = [
    measure('completion (names)', (i) => service.getCompletions(doc, at(i, 'name'))),
    measure('completion (values)', (i) => service.getCompletions(doc, at(i, 'value'))),
    measure('completion (units)', (i) => service.getCompletions(doc, at(i, 'unit'))),
    measure('hover', (i) => service.getHover(doc, at(i, i % 2 ? 'name' : 'value'))),
  ];
  let current = doc;
  results.push(
    measure('diagnostics after an edit', (i) => {
      const [, index] = settingLines[(i * 53) % settingLines.length];
      current = TextDocument.update(current, [{ range: { start: { line: index, character: 0 }, end: { line: index, character: 0 } }, text: i % 2 ? '' : ' ' }], current.version + 1);
      return service.getDiagnostics(current);
    }),
  );
  const diagnosticsCount = service.getDiagnostics(current).length;
  // Enter and Backspace at a line end shift every later line: the worst case for the per-line caches.
  const middle = Math.floor(lines.length / 2);
  let shifted = current;
  const lineShift = measure('  after inserting a line', (i) => {
    const edit = i % 2 ? { range: { start: { line: middle, character: 0 }, end: { line: middle + 1, character: 0 } }, text: '' } : { range: { start: { line: middle, character: 0 }, end: { line: middle, character: 0 } }, text: '\n' };
    shifted = TextDocument.update(shifted, [edit], shifted.version + 1);
    return service.getDiagnostics(shifted);
  });
  // Breakdown for whoever tunes the diagnostics path: the parse alone, and diagnostics over a cached parse.
  const breakdown = [
    lineShift,
    measure('  full parse, fresh document', () => parseConf(current.getText())),
    measure('  diagnostics, same version', () => service.getDiagnostics(current)),
  ];

  console.log(`pgconf bench: ${LINES}-line postgresql.conf, PostgreSQL ${major}, ${ITERATIONS} runs each (after ${WARMUP} warm-up), ${diagnosticsCount} diagnostics on the file`);
  let over = false;
  for (const r of results) {
    const budget = r.label.startsWith('completion') ? BUDGET_MS.completion : r.label === 'hover' ? BUDGET_MS.hover : BUDGET_MS.diagnostics;
    const ok = r.p95 <= budget;
    over ||= !ok;
    console.log(`  ${r.label.padEnd(28)} p50 ${r.p50.toFixed(3).padStart(7)} ms   p95 ${r.p95.toFixed(3).padStart(7)} ms   budget p95 ≤ ${budget} ms ${ok ? 'ok' : 'OVER'}`);
  }
  for (const r of breakdown) console.log(`  ${r.label.padEnd(28)} p50 ${r.p50.toFixed(3).padStart(7)} ms   p95 ${r.p95.toFixed(3).padStart(7)} ms`);
  if (over && process.argv.includes('--strict')) process.exitCode = 1;
}

if (require.main === module) main();
