/**
 * `npm run bench:lsp-transport`: what encoding a message for the stdio pipe costs the server, vscode-jsonrpc's
 * encoder (Buffer.from(JSON.stringify(message))) against ours (server/src/lsp/transport.ts: per-diagnostic parts
 * into one kept buffer, kept texts of lean completion lists). Messages as the server sends them: the diagnostics of
 * the bench:lsp compose file (200 services, ~450 diagnostics, fresh objects each round as after an edit) and the
 * lean completion list of an empty postgresql.conf line (every parameter). Prints median/p95 of CPU
 * (process.cpuUsage, robust on a shared machine) and wall per message. Options: --rounds N (default 60).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Message } from 'vscode-languageserver/node';
import { nodeFileSystem } from '../../core/nodeFileSystem';
import { lazyCatalog } from '../../language/catalog/catalog';
import { getLanguageService } from '../../language/service/languageService';
import { SqlParserHost } from '../../language/sql/parser';
import { LeanLists } from '../../server/src/lsp/providers/completion';
import { ReusingJsonEncoder, SerializedAnswers } from '../../server/src/lsp/transport';
import { generateComposeFile } from './composeFixture';
import { percentile } from './stats';

type Encode = (msg: Message) => unknown;
const library: Encode = (msg) => Buffer.from(JSON.stringify(msg, undefined, 0), 'utf-8');

/** CPU and wall milliseconds of one encode. */
function timed(encode: Encode, msg: Message): [number, number] {
  const cpu = process.cpuUsage();
  const start = performance.now();
  encode(msg);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return [(used.user + used.system) / 1000, wall];
}

function row(name: string, samples: [number, number][]): string {
  const cpu = samples.map((s) => s[0]);
  const wall = samples.map((s) => s[1]);
  const f = (n: number) => n.toFixed(2).padStart(7);
  return `  ${name.padEnd(44)} CPU median ${f(percentile(cpu, 50))} p95 ${f(percentile(cpu, 95))} | wall median ${f(percentile(wall, 50))} p95 ${f(percentile(wall, 95))} ms`;
}

function main() {
  const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 60;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-bench-transport-'));
  const file = path.join(dir, 'compose.yaml');
  const text = generateComposeFile(200);
  fs.writeFileSync(file, text);
  const service = getLanguageService({ catalog: lazyCatalog(), fs: nodeFileSystem, settings: () => ({ defaultMajor: 17 }), sql: new SqlParserHost(() => undefined) });
  const answers = new SerializedAnswers();
  const ours = new ReusingJsonEncoder(answers);
  const uri = pathToFileURL(file).toString();
  // Fresh diagnostics for each message (their strings not yet flattened), as after every edit.
  const publish = (version: number): Message => {
    const doc = TextDocument.create(uri, 'dockercompose', version, text.replace('bench.index: "', `bench.index: "${'x'.repeat(version % 3)}`));
    return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics: service.getDiagnostics(doc) } } as Message;
  };
  const conf = TextDocument.create('file:///bench/postgresql.conf', 'pgconf', 1, 'wal_level = replica\n\n');
  const list = () => new LeanLists(answers).of(service.getCompletions(conf, { line: 1, character: 0 }) as CompletionList);
  const results = { libraryPublish: [] as [number, number][], oursPublish: [] as [number, number][], libraryList: [] as [number, number][], oursList: [] as [number, number][] };
  const lean = new LeanLists(answers);
  for (let i = 0; i < rounds; i++) {
    results.libraryPublish.push(timed(library, publish(2 * i + 2)));
    results.oursPublish.push(timed((m) => ours.encode(m), publish(2 * i + 3)));
    const answer = lean.of(service.getCompletions(conf, { line: 1, character: 0 }) as CompletionList);
    results.libraryList.push(timed(library, { jsonrpc: '2.0', id: i, result: { ...answer } } as Message));
    results.oursList.push(timed((m) => ours.encode(m), { jsonrpc: '2.0', id: i, result: answer } as Message));
  }
  const diagnostics = (publish(1) as { params?: { diagnostics?: unknown[] } }).params?.diagnostics?.length;
  console.log(`bench:lsp-transport — Node ${process.version}, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}, ${rounds} rounds`);
  console.log(`publishDiagnostics of the 200-service compose file (${diagnostics} diagnostics, ${(JSON.stringify(publish(1)).length / 1024).toFixed(0)} KiB):`);
  console.log(row('vscode-jsonrpc encoder', results.libraryPublish));
  console.log(row('ours (parts into the kept buffer)', results.oursPublish));
  console.log(`completion answer, empty postgresql.conf line (${list().items.length} lean items, ${(JSON.stringify(list()).length / 1024).toFixed(1)} KiB):`);
  console.log(row('vscode-jsonrpc encoder', results.libraryList));
  console.log(row('ours (kept text)', results.oursList));
  fs.rmSync(dir, { recursive: true, force: true });
}

main();
