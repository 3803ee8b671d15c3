import * as assert from 'assert';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspTestClient } from './support';
import { ServerLog, writeTogether, type ServerMessage } from './support/rawMessages';
import { requireCatalog } from './pgconf/requireCatalog';

const REQUEST_CANCELLED = -32800;

const publishOf = (uri: string) => (m: ServerMessage) => m.method === 'textDocument/publishDiagnostics' && (m.params as PublishDiagnosticsParams).uri === uri;
const versionOf = (m: ServerMessage) => (m.params as PublishDiagnosticsParams).version;
const change = (uri: string, version: number, line: number, from: number, to: number, text: string) => ({
  method: 'textDocument/didChange',
  params: { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: from }, end: { line, character: to } }, text }] },
});

describe('lsp: diagnostics without a fixed delay, coalesced bursts, cancellation', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  let log: ServerLog;
  // A file big enough that checking it is real work; its last line is what the tests type into.
  const lines = Array.from({ length: 2000 }, (_, i) => `myext.setting_${i} = ${i}`);
  const text = [...lines, 'max_connections = 100', ''].join('\n');
  const last = lines.length;

  before(async function () {
    requireCatalog(this);
    client = await LspTestClient.start({ transport: 'stdio', initializationOptions: { pgha: { postgresVersion: 16 } } });
    log = new ServerLog(client);
  });
  after(async () => client?.stop());

  const published = (uri: string, from = 0) => log.messages.slice(from).filter(publishOf(uri));
  const waitForVersion = (uri: string, version: number) => log.waitFor((m) => publishOf(uri)(m) && versionOf(m) === version, `diagnostics of ${uri} v${version}`);

  it('checks a burst of keystrokes once, at its last version, and never publishes a stale version after a newer one', async () => {
    const uri = 'file:///latency/burst/postgresql.conf';
    await client.open(uri, text);
    const opened = await waitForVersion(uri, 1);
    // Replace `100` by `lots`, one keystroke per version, all read by the server at once.
    const typed = [change(uri, 2, last, 18, 21, ''), ...[...'lots'].map((c, i) => change(uri, 3 + i, last, 18 + i, 18 + i, c))];
    writeTogether(client, typed);
    const burst = await waitForVersion(uri, 6);
    const codes = (burst.message.params as PublishDiagnosticsParams).diagnostics.map((d: Diagnostic) => `${d.code}@${d.range.start.line}`);
    assert.deepStrictEqual(codes, [`pgconf/invalid-value@${last}`]);
    // Versions 2–5 were stale when the server got to the document: none of them was checked or published.
    assert.deepStrictEqual(published(uri, opened.index + 1).map(versionOf), [6]);

    writeTogether(client, [change(uri, 7, last, 18, 22, '100')]);
    const fixed = await waitForVersion(uri, 7);
    assert.deepStrictEqual((fixed.message.params as PublishDiagnosticsParams).diagnostics, []);
    const versions = published(uri).map(versionOf);
    assert.deepStrictEqual(versions, [1, 6, 7], 'each publish newer than the one before');
  });

  it('answers a request that arrives behind a burst of edits before it checks the document', async () => {
    const uri = 'file:///latency/request/postgresql.conf';
    await client.open(uri, text);
    const opened = await waitForVersion(uri, 1);
    writeTogether(client, [
      change(uri, 2, last, 18, 21, '2'),
      change(uri, 3, last, 19, 19, '0'),
      { id: 'latency-completion', method: 'textDocument/completion', params: { textDocument: { uri }, position: { line: last, character: 0 } } },
    ]);
    const answer = await log.waitFor((m) => m.id === 'latency-completion', 'the completion answer');
    const checked = await waitForVersion(uri, 3);
    assert.ok(Array.isArray((answer.message.result as { items?: unknown[] } | null)?.items), 'a completion list');
    assert.ok(answer.index < checked.index, 'the completion was answered before the diagnostics were computed');
    assert.deepStrictEqual(published(uri, opened.index + 1).map(versionOf), [3]);
  });

  it('answers a request cancelled while it waits with RequestCancelled, and one not cancelled with its result', async () => {
    const uri = 'file:///latency/cancel/postgresql.conf';
    await client.open(uri, text);
    await waitForVersion(uri, 1);
    const hover = (id: string) => ({ id, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: last, character: 2 } } });
    writeTogether(client, [hover('latency-hover-cancelled'), { method: '$/cancelRequest', params: { id: 'latency-hover-cancelled' } }, hover('latency-hover-kept')]);
    const cancelled = await log.waitFor((m) => m.id === 'latency-hover-cancelled', 'the cancelled hover answer');
    const kept = await log.waitFor((m) => m.id === 'latency-hover-kept', 'the kept hover answer');
    assert.strictEqual(cancelled.message.error?.code, REQUEST_CANCELLED);
    assert.strictEqual(cancelled.message.result, undefined);
    assert.strictEqual(kept.message.error, undefined);
    assert.match(JSON.stringify(kept.message.result), /max_connections/);
  });

  it('clears the diagnostics of a closed document and checks it afresh when it is opened again', async () => {
    const uri = 'file:///latency/reopen/postgresql.conf';
    await client.open(uri, 'max_connections = lots\n');
    assert.strictEqual((await client.waitForDiagnostics(uri, (d) => d.length > 0)).length, 1);
    await client.close(uri);
    const cleared = await log.waitFor((m) => publishOf(uri)(m) && versionOf(m) === undefined, 'cleared diagnostics');
    assert.deepStrictEqual((cleared.message.params as PublishDiagnosticsParams).diagnostics, []);
    await client.open(uri, 'max_connections = 100\n');
    const reopened = await log.waitFor((m) => publishOf(uri)(m) && versionOf(m) === 1, 'diagnostics after reopening', cleared.index + 1);
    assert.deepStrictEqual((reopened.message.params as PublishDiagnosticsParams).diagnostics, []);
  });
});
