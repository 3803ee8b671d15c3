/**
 * `npm run bench:hostile`: what hostile sizes cost (#18). Prints figures, never fails on them.
 *  - compose files of many services through the language service (ms per service shows whether cost is linear),
 *  - `pgha check` as a process (dist/cli.js) on a 10 MB postgresql.conf of bad lines, 50 MB files (refused),
 *    a 10 MB line, a 16k-service compose file and an include fan-out,
 *  - the language server process (dist/server.js) on the 10 MB file: time to diagnostics, how many were sent and
 *    their size, a hover sent behind it; hovers on a small document while a 10 MB postgresql.conf and a 4k-service
 *    compose file are checked (how many are answered before their diagnostics, and how long each waits);
 *    then 20 large documents opened and closed (memory before and after).
 * Build first (`node scripts/build.mjs`; the npm script does). Options: --big (16k services in-process too),
 * --lsp-only, --json FILE.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lazyCatalog } from '../../language/catalog/catalog';
import { nodeFileSystem } from '../../core/nodeFileSystem';
import { getLanguageService } from '../../language/service/languageService';
import { runCheck, type CliRun } from './hostile/cli';
import { hoversDuringCheck } from './hostile/during';
import { badPgconf, composeServices, includeFanOut, longLine, validPgconf } from './hostile/inputs';
import { BenchClient } from './lsp/client';
import { ourServer } from './lsp/servers';

const repoRoot = path.resolve(__dirname, '..', '..');
const MB = 1000 * 1000;
const figures: Record<string, unknown> = {};

function record(name: string, value: Record<string, unknown>): void {
  figures[name] = value;
  const shown = Object.entries(value).map(([k, v]) => `${k}=${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(1)) : String(v)}`);
  console.log(`${name.padEnd(34)} ${shown.join('  ')}`);
}

/** Diagnostics of a fresh compose file of n services, then a hover, in this process. */
function composeInProcess(n: number): void {
  const service = getLanguageService({ catalog: lazyCatalog(), fs: nodeFileSystem });
  const text = composeServices(n);
  const doc = TextDocument.create(pathToFileURL(path.join(os.tmpdir(), 'pgha-bench-hostile', 'compose.yaml')).toString(), 'dockercompose', 1, text);
  const started = performance.now();
  const count = service.getDiagnostics(doc).length;
  const diagnosticsMs = performance.now() - started;
  const lines = text.split('\n');
  const line = lines.findIndex((l, i) => i > lines.length / 2 && l.includes('PGUSER'));
  const hoverStart = performance.now();
  service.getHover(doc, { line, character: lines[line].indexOf('PGUSER') + 2 });
  record(`compose ${n} services (in-process)`, { MB: text.length / MB, diagnosticsMs, msPerService: diagnosticsMs / n, diagnostics: count, hoverMs: performance.now() - hoverStart });
}

const cliFigures = (run: CliRun) => ({ ms: run.ms, peakMiB: run.peakMiB ?? 'n/a', exit: run.status ?? run.signal, lines: run.outLines, first: JSON.stringify(run.first) });

function cliCases(dir: string): void {
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  const write = (name: string, text: string) => (fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true }), fs.writeFileSync(path.join(dir, name), text), name);
  const cases: [string, string][] = [
    ['check 10 MB of bad lines', write('bad/postgresql.conf', badPgconf(10 * MB))],
    ['check 50 MB postgresql.conf', write('big/postgresql.conf', badPgconf(50 * MB))],
    ['check 50 MB compose file', write('bigcompose/compose.yaml', composeServices(1).padEnd(50 * MB, '#'))],
    ['check one 10 MB line', write('long/postgresql.conf', longLine(10 * MB))],
    ['check 16k-service compose (~12 MB)', write('many/compose.yaml', composeServices(16_000))],
  ];
  for (const [name, file] of cases) record(name, cliFigures(runCheck(cli, [file], dir)));
  fs.mkdirSync(path.join(dir, 'fan'));
  const root = includeFanOut(path.join(dir, 'fan'), 10, 10);
  record('check include fan-out 10 × 10', cliFigures(runCheck(cli, [path.relative(dir, root)], dir)));
}

/** didOpen, then the time until the document's first diagnostics (a big file may take longer than the client's 30 s). */
async function openAndWait(client: BenchClient, uri: string, languageId: string, text: string, timeoutMs = 600_000): Promise<{ ms: number; diagnostics: unknown[] }> {
  const { ms, published } = await client.openPublished(uri, languageId, text, timeoutMs);
  return { ms, diagnostics: published.diagnostics };
}

/** A hover, timed; 'no answer' after timeoutMs. */
async function hoverMs(client: BenchClient, uri: string, line: number, character: number, timeoutMs = 120_000): Promise<number | string> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no answer in ${timeoutMs} ms`), timeoutMs)));
  const answer = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } }).then(() => performance.now() - started);
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}

/** Hovers on a small document while big ones are checked (#18: requests are not held behind a long check). */
async function duringCases(client: BenchClient, dir: string): Promise<void> {
  const small = pathToFileURL(path.join(dir, 'small', 'postgresql.conf')).toString();
  await openAndWait(client, small, 'pgconf', 'work_mem = 4MB\n');
  const bigFiles: [string, string, string, string][] = [
    ['lsp hovers during 10 MB conf check', 'during-conf/postgresql.conf', 'pgconf', validPgconf(10 * MB)],
    ['lsp hovers during 4k-service check', 'during-compose/compose.yaml', 'dockercompose', composeServices(4000)],
  ];
  for (const [name, file, languageId, text] of bigFiles) {
    const uri = pathToFileURL(path.join(dir, file)).toString();
    record(name, { ...(await hoversDuringCheck(client, { uri, languageId, text }, { uri: small, line: 0, character: 2 })) });
    await client.close(uri);
  }
  await client.close(small);
}

async function lspCases(): Promise<void> {
  const { client } = await BenchClient.start(ourServer(repoRoot));
  try {
    const dir = path.join(os.tmpdir(), 'pgha-bench-hostile-lsp');
    const uri = pathToFileURL(path.join(dir, 'postgresql.conf')).toString();
    const opening = openAndWait(client, uri, 'pgconf', badPgconf(10 * MB));
    const hover = await hoverMs(client, uri, 1, 2);
    const opened = await opening;
    record('lsp 10 MB of bad lines', { toDiagnosticsMs: opened.ms, hoverMs: hover, sent: opened.diagnostics.length, sentKB: JSON.stringify(opened.diagnostics).length / 1024, rssMiB: client.rssMiB() ?? 'n/a' });
    await client.close(uri);
    const many = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
    const composeOpening = openAndWait(client, many, 'dockercompose', composeServices(4000));
    const composeHover = await hoverMs(client, many, 3, 4);
    const composeOpened = await composeOpening;
    record('lsp compose 4k services', { toDiagnosticsMs: composeOpened.ms, hoverMs: composeHover, sent: composeOpened.diagnostics.length, rssMiB: client.rssMiB() ?? 'n/a' });
    await client.close(many);
    await duringCases(client, dir);
    const before = client.rssMiB();
    const big = badPgconf(5 * MB);
    for (let i = 0; i < 20; i++) {
      const copy = pathToFileURL(path.join(dir, `copy-${i}`, 'postgresql.conf')).toString();
      await openAndWait(client, copy, 'pgconf', big);
      await client.close(copy);
    }
    record('lsp open+close 20 × 5 MB', { rssBeforeMiB: before ?? 'n/a', rssAfterMiB: client.rssMiB() ?? 'n/a', peakMiB: client.peakRssMiB() ?? 'n/a' });
  } finally {
    await client.stop();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes('--lsp-only');
  if (!only) {
    for (const n of args.includes('--big') ? [1000, 4000, 16_000] : [1000, 4000]) composeInProcess(n);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-bench-hostile-'));
    try {
      cliCases(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  await lspCases();
  const json = args.indexOf('--json');
  if (json >= 0) fs.writeFileSync(args[json + 1], JSON.stringify(figures, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
