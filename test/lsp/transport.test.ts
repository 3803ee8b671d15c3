import * as assert from 'assert';
import { Writable } from 'stream';
import { StreamMessageWriter, type Message } from 'vscode-languageserver/node';
import { messageText, REUSE_FROM_CHARS, ReusingJsonEncoder, SerializedAnswers } from '../../server/src/lsp/transport';
import { LeanLists } from '../../server/src/lsp/providers/completion';
import { generateComposeFile } from '../../scripts/bench/composeFixture';
import { requireCatalog } from './pgconf/requireCatalog';
import { LspTestClient, VSCODE_COMPLETION } from './support';

/** A stream that hands each chunk over only on a later turn of the event loop, reading it then (as a busy pipe does). */
class LateReader extends Writable {
  readonly received: Buffer[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    setImmediate(() => {
      this.received.push(Buffer.from(chunk));
      callback();
    });
  }
}

/** The bodies of Content-Length framed messages. */
function bodies(bytes: Buffer): unknown[] {
  const found: unknown[] = [];
  for (let at = 0; at < bytes.length; ) {
    const headerEnd = bytes.indexOf('\r\n\r\n', at);
    const length = Number(/Content-Length: (\d+)/.exec(bytes.subarray(at, headerEnd).toString('ascii'))?.[1]);
    found.push(JSON.parse(bytes.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf-8')));
    at = headerEnd + 4 + length;
  }
  return found;
}

const bigNotification = (n: number): Message =>
  ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: `file:///${n}`, diagnostics: Array.from({ length: 400 }, (_, i) => ({ message: `— finding ${i} of file ${n} ‘quoted’`, code: `c/${n}` })) } }) as Message;

describe('lsp transport: the stdio writer', () => {
  it('large messages written back to back arrive whole, each its own text (the kept buffer is reused only after the stream took the previous one)', async () => {
    const stream = new LateReader();
    const writer = new StreamMessageWriter(stream, { charset: 'utf-8', contentTypeEncoder: new ReusingJsonEncoder(new SerializedAnswers()) });
    const messages = [1, 2, 3, 4, 5].map(bigNotification);
    assert.ok(JSON.stringify(messages[0]).length > REUSE_FROM_CHARS, 'large enough to use the kept buffer');
    const small = { jsonrpc: '2.0', id: 7, result: { ok: 'é' } } as Message;
    await Promise.all([...messages, small].map((m) => writer.write(m)));
    assert.deepStrictEqual(bodies(Buffer.concat(stream.received)), [...messages, small]);
  });

  it('a response whose result has a kept text is sent as that text, equal to serialising the result', () => {
    const answers = new SerializedAnswers();
    const list = new LeanLists(answers).of({ isIncomplete: false, itemDefaults: { data: { format: 'pgconf' } }, items: [{ label: 'work_mem', detail: 'd', documentation: 'doc', kind: 10 }] });
    const response = { jsonrpc: '2.0', id: 'a"1', result: list } as Message;
    const kept = answers.partsOf(list)?.join('');
    assert.ok(kept, 'the lean list carries its text');
    assert.deepStrictEqual(JSON.parse(messageText(response, answers)), JSON.parse(JSON.stringify(response)));
    assert.deepStrictEqual(JSON.parse(kept), { isIncomplete: false, itemDefaults: { data: { format: 'pgconf' } }, items: [{ label: 'work_mem', kind: 10 }] });
  });
});

describe('lsp transport: the real server over stdio against node-ipc (the library\'s own encoding)', function () {
  this.timeout(120_000);
  let stdio: LspTestClient;
  let ipc: LspTestClient;

  before(async function () {
    requireCatalog(this);
    [stdio, ipc] = await Promise.all([LspTestClient.start({ transport: 'stdio', completion: VSCODE_COMPLETION }), LspTestClient.start({ transport: 'ipc', completion: VSCODE_COMPLETION })]);
  });
  after(async () => Promise.all([stdio?.stop(), ipc?.stop()]));

  it('publishes the same diagnostics of a 200-service compose file (hundreds of them, encoded part by part) and the same lean completion lists (sent from their kept text)', async () => {
    const uri = 'file:///transport/compose.yaml';
    const text = generateComposeFile(200);
    await Promise.all([stdio.open(uri, text, 'dockercompose'), ipc.open(uri, text, 'dockercompose')]);
    const [ours, library] = await Promise.all([stdio.waitForDiagnostics(uri, () => true, 60_000), ipc.waitForDiagnostics(uri, () => true, 60_000)]);
    assert.ok(ours.length > 100, `${ours.length} diagnostics`);
    assert.deepStrictEqual(ours, library);
    const line = text.split('\n').findIndex((l) => l.includes('postgres -c hot_standby'));
    const position = { line, character: text.split('\n')[line].indexOf('postgres -c ') + 'postgres -c '.length };
    const [first, again, reference] = await Promise.all([stdio.completion(uri, position), stdio.completion(uri, position), ipc.completion(uri, position)]);
    assert.ok(((reference as { items?: unknown[] })?.items?.length ?? 0) > 100 && (reference as { itemDefaults?: { data?: unknown } }).itemDefaults?.data, 'a long lean list');
    assert.deepStrictEqual(first, reference);
    assert.deepStrictEqual(again, reference);
  });
});
