import type { LspTestClient } from './lspClient';

/** A JSON-RPC message as the server wrote it. */
export interface ServerMessage {
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** One message framed for the wire (Content-Length header and JSON body). */
function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/**
 * Several messages in ONE write to the server's stdin (stdio transport only): the server reads them together,
 * so what it does with a burst (a request and its cancellation, edits and a request behind them) does not
 * depend on timing. Keep the total under 4 KiB (a pipe write that size is atomic). Requests sent this way
 * bypass the connection: read their answers from a ServerLog.
 */
export function writeTogether(client: LspTestClient, messages: object[]): void {
  const stdin = client.process.stdin;
  if (!stdin) throw new Error('writeTogether needs the stdio transport');
  const data = Buffer.concat(messages.map(frame));
  if (data.length > 4096) throw new Error(`writeTogether: ${data.length} bytes is over the 4 KiB a pipe writes at once`);
  stdin.write(data);
}

/**
 * Every message the server writes to stdout, in order, read beside the test client's own connection (which
 * still gets them all): for checking what came before what, and for answers to requests sent raw.
 */
export class ServerLog {
  readonly messages: ServerMessage[] = [];
  private buffer = Buffer.alloc(0);
  private readonly listeners = new Set<() => void>();

  constructor(client: LspTestClient) {
    const stdout = client.process.stdout;
    if (!stdout) throw new Error('ServerLog needs the stdio transport');
    stdout.on('data', (chunk: Buffer) => this.read(chunk));
  }

  /** Resolves with the first message from index `from` on (already logged or to come) that `accept` takes. */
  waitFor(accept: (message: ServerMessage) => boolean, what: string, from = 0, timeoutMs = 10_000): Promise<{ message: ServerMessage; index: number }> {
    return new Promise((resolve, reject) => {
      const look = () => {
        const index = this.messages.findIndex((m, i) => i >= from && accept(m));
        if (index < 0) return false;
        this.listeners.delete(look);
        clearTimeout(timer);
        resolve({ message: this.messages[index], index });
        return true;
      };
      const timer = setTimeout(() => (this.listeners.delete(look), reject(new Error(`no ${what} within ${timeoutMs} ms`))), timeoutMs);
      if (!look()) this.listeners.add(look);
    });
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      this.messages.push(JSON.parse(this.buffer.subarray(start, start + length).toString('utf8')) as ServerMessage);
      this.buffer = this.buffer.subarray(start + length);
      for (const listener of [...this.listeners]) listener();
    }
  }
}
