/**
 * `npm run bench:hba`: a generated 2,000-line pg_hba.conf (the #12 budget: completion/hover p95 ≤ 2 ms,
 * diagnostics after an edit ≤ 20 ms of work). Two measures: the work itself in this process
 * (getLanguageService: diagnostics after a one-character edit, completion, hover), and the real server over
 * stdio (dist/server.js, as an editor speaks to it: time to publishDiagnostics, server CPU per edit, request
 * times). Prints figures beside the budgets; never fails on them. Options: --edits N, --requests N, --in-process-only.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { loadCatalog } from '../../language/catalog/catalog';
import { getLanguageService } from '../../language/service/languageService';
import { generateHba } from './hbaFixture';
import { formatTable } from './lsp/report';
import { runScenario, type Samples, type Workload } from './lsp/scenario';
import { ourServer } from './lsp/servers';
import { emptyFs } from './pgconf';
import { medianAndP95 } from './stats';

const repoRoot = path.resolve(__dirname, '..', '..');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}


/** Where the bench types, completes and hovers: spread over the file. */
function workload(text: string): Workload {
  const lines = text.split('\n');
  const rules = lines.map((line, i) => ({ line, i })).filter(({ line }) => /^host\s+app\d+\s/.test(line));
  const pick = (fraction: number) => rules[Math.floor(rules.length * fraction)].i;
  const typing = [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => ({ line: pick(f), character: 'host    app'.length }));
  const methodAt = (line: number): Position => ({ line, character: lines[line].search(/\S+$/) + 2 });
  const middle = pick(0.5);
  return {
    title: `pg_hba.conf, ${lines.length - 1} lines`,
    fileName: 'pg_hba.conf',
    text,
    typing,
    completions: [
      { label: 'connection type (empty line)', position: { line: lines.findIndex((l, i) => i > middle && l === ''), character: 0 } },
      { label: 'method', position: { line: middle, character: lines[middle].search(/\S+$/) } },
    ],
    hovers: [
      { label: 'method', position: methodAt(middle) },
      { label: 'address', position: { line: middle, character: lines[middle].search(/10\./) + 1 } },
    ],
  };
}

function inProcess(work: Workload, edits: number, requests: number): void {
  const service = getLanguageService({ catalog: loadCatalog(), fs: emptyFs, settings: () => ({ defaultMajor: 17 }) });
  let doc = TextDocument.create('file:///bench/pg_hba.conf', 'pghba', 1, work.text);
  const open = performance.now();
  const count = service.getDiagnostics(doc).length;
  console.log(`in process: first diagnostics ${(performance.now() - open).toFixed(1)} ms (${count} diagnostics)`);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < edits * 2; i++) {
    const at = work.typing[Math.floor(i / 2) % work.typing.length];
    const change = i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    doc = TextDocument.update(doc, [change], doc.version + 1);
    const start = performance.now();
    const startCpu = process.cpuUsage();
    service.getDiagnostics(doc);
    const used = process.cpuUsage(startCpu);
    times.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  console.log(`in process: diagnostics after an edit: wall ${medianAndP95(times)}; CPU ${medianAndP95(cpu)} (budget 20 ms of work)`);
  const requestTimes = (kind: string, positions: Workload['hovers'], request: (position: Position) => unknown) => {
    for (const { label, position } of positions) {
      const t: number[] = [];
      for (let i = 0; i < requests; i++) {
        const start = performance.now();
        request(position);
        t.push(performance.now() - start);
      }
      console.log(`in process: ${kind}, ${label}: ${medianAndP95(t)} (budget p95 2 ms)`);
    }
  };
  requestTimes('completion', work.completions, (position) => service.getCompletions(doc, position));
  requestTimes('hover', work.hovers, (position) => service.getHover(doc, position));
}

async function overStdio(work: Workload, edits: number, requests: number): Promise<void> {
  const bundle = path.join(repoRoot, 'dist', 'server.js');
  if (!fs.existsSync(bundle)) {
    console.log('over stdio: skipped, dist/server.js is missing (run `node scripts/build.mjs`)');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-bench-hba-'));
  try {
    const file = path.join(dir, work.fileName);
    fs.writeFileSync(file, work.text);
    const server = ourServer(repoRoot);
    const samples: Samples = await runScenario(server, work, pathToFileURL(file).toString(), 'pghba', { coldOpens: 1, edits, bursts: 5, requests, churn: 0 });
    console.log(`\n${formatTable(work.title, new Map([[server.name, samples]]), 0)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const edits = option('edits', 40);
  const requests = option('requests', 60);
  const work = workload(generateHba(2000));
  console.log(`bench:hba — Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  inProcess(work, edits, requests);
  if (!process.argv.includes('--in-process-only')) await overStdio(work, edits, requests);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
