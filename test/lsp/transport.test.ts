import * as assert from 'assert';
import { Writable } from 'stream';
import { StreamMessageWriter, type Message } from 'vscode-languageserver/node';
import { messageText, REUSE_FROM_CHARS, ReusingJsonEncoder, SerializedAnswers } from '../../server/src/lsp/transport';
import { LeanLists } from '../../server/src/lsp/providers/completion';

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
