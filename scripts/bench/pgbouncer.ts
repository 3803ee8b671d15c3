// `npm run bench:pgbouncer`: p50/p95 of completion, hover and diagnostics after an edit on a generated
// 2,000-line pgbouncer.ini with 500 databases, through getLanguageService (no LSP transport; the stdio
// figures come from bench:lsp). Budgets from issue #10: completion and hover p95 ≤ 2 ms, diagnostics ≤ 20 ms.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadCatalog } from '../../language/catalog/catalog';
import { getLanguageService } from '../../language/service/languageService';
import { emptyFs, measure } from './pgconf';

const DATABASES = 500;
const LINES = 2000;
const BUDGET_MS = { completion: 2, hover: 2, diagnostics: 20 };

/** [databases] with 500 entries (comments between), [users], then [pgbouncer] up to the line count. */
export function generateIni(): string {
  const out = ['; generated for bench:pgbouncer', '[databases]'];
  for (let i = 0; i < DATABASES; i++) {
    out.push(`; tenant ${i}`, `tenant_${i} = host=primary port=5432 dbname=tenant_${i} pool_size=${5 + (i % 10)}`);
  }
  out.push('[users]', 'app = pool_mode=transaction max_user_connections=50', '[pgbouncer]', 'listen_addr = 0.0.0.0', 'listen_port = 6432', 'auth_type = scram-sha-256', 'pool_mode = transaction', 'max_prepared_statements = 100');
  for (let i = 0; out.length < LINES; i++) out.push(i % 2 ? `; note ${i}` : `server_idle_timeout = ${600 + i}`);
  return out.slice(0, LINES).join('\n') + '\n';
}

function main(): void {
  const service = getLanguageService({ catalog: loadCatalog(), fs: emptyFs });
  const text = generateIni();
  let doc = TextDocument.create('file:///bench/pgbouncer.ini', 'pgbouncer', 1, text);
  const lines = text.split('\n');
  const mainLine = lines.indexOf('[pgbouncer]') + 2;
  const results = [
    measure('completion ([pgbouncer] key)', () => service.getCompletions(doc, { line: mainLine, character: 3 })),
    measure('completion (connection key)', (i) => service.getCompletions(doc, { line: 3 + 2 * (i % DATABASES), character: 20 })),
    measure('hover', (i) => service.getHover(doc, { line: 3 + 2 * (i % DATABASES), character: 22 })),
    measure('hover ([pgbouncer] setting)', () => service.getHover(doc, { line: mainLine + 6, character: 3 })),
    measure('diagnostics after an edit', (i) => {
      const line = 3 + 2 * (i % DATABASES);
      doc = TextDocument.update(doc, [{ range: { start: { line: line - 1, character: 2 }, end: { line: line - 1, character: 3 } }, text: String(i % 10) }], doc.version + 1);
      return service.getDiagnostics(doc);
    }),
  ];
  console.log(`pgbouncer bench: ${LINES}-line pgbouncer.ini, ${DATABASES} databases`);
  let over = false;
  for (const r of results) {
    const budget = r.label.startsWith('completion') ? BUDGET_MS.completion : r.label.startsWith('hover') ? BUDGET_MS.hover : BUDGET_MS.diagnostics;
    over ||= r.p95 > budget;
    console.log(`  ${r.label.padEnd(30)} p50 ${r.p50.toFixed(3).padStart(7)} ms   p95 ${r.p95.toFixed(3).padStart(7)} ms   budget p95 ≤ ${budget} ms ${r.p95 <= budget ? 'ok' : 'OVER'}`);
  }
  if (over && process.argv.includes('--strict')) process.exitCode = 1;
}

if (require.main === module) main();
