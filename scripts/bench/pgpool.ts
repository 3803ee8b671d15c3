/**
 * `npm run bench:pgpool` — the pgpool.conf format on a 2,000-line file (128 backends of five settings each, the
 * rest settings and comments): diagnostics after a one-line edit, completion and hover, p50/p95 over the runs.
 * Prints figures; asserts nothing. In-process; the same file over stdio (the real server): npm run bench:lsp -- --only pgpool.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../../core/nodeFileSystem';
import { PgpoolCatalog } from '../../language/formats/pgpool/catalog';
import { createPgpoolService } from '../../language/formats/pgpool/service';
import { bigPgpoolFile } from './lsp/pgpoolWorkload';
import { percentile } from './stats';

function measure(label: string, runs: number, work: (i: number) => void): void {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work(i);
    times.push(performance.now() - started);
  }
  console.log(`${label}: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms (${runs} runs)`);
}

const service = createPgpoolService({ catalog: undefined as never, fs: nodeFileSystem, settings: () => ({ defaultMajor: 17 }) }, new PgpoolCatalog());
const text = bigPgpoolFile();
const lines = text.split('\n');
let doc = TextDocument.create('file:///bench/pgpool.conf', 'pgpool', 1, text);
service.getDiagnostics(doc);
measure('diagnostics after a one-line edit (2,000 lines)', 50, (i) => {
  lines[1000] = `health_check_period = ${i}`;
  doc = TextDocument.create('file:///bench/pgpool.conf', 'pgpool', i + 2, lines.join('\n'));
  service.getDiagnostics(doc);
});
measure('completion at a line start', 200, () => service.getCompletions(doc, { line: 1500, character: 0 }));
measure('hover on backend_hostname64', 200, () => service.getHover(doc, { line: 5 + 64 * 6 + 1, character: 3 }));
