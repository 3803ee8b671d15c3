/** A client that breaks the LSP framing on stdin: the real server exits with a reason (so the client restarts it), never hangs. */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { FramingGuard, MAX_HEADER_BYTES, MAX_MESSAGE_BYTES } from '../../server/src/lsp/framingGuard';
import { waitFor } from '../support/waitFor';
import { ensureServerBuilt, repoRoot } from '../lsp/support';

interface Server {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startServer(): Server {
  const child = spawn(process.execPath, [ensureServerBuilt(), '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves with the exit code, or rejects when the server is still running after `ms` (then it is killed). */
function exitWithin(server: Server, ms: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      server.child.kill();
      reject(new Error(`the server did not exit within ${ms} ms; stderr: ${server.stderr()}`));
    }, ms);
  });
  return Promise.race([server.exited, timeout]).finally(() => clearTimeout(timer));
}

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const initialize = (id: number) => frame(JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));

const BROKEN: { name: string; bytes: string; reason: RegExp }[] = [
  { name: 'a Content-Length that is not a number', bytes: 'Content-Length: abc\r\n\r\n{}', reason: /Content-Length is not a whole number of bytes \("abc"\)/ },
  { name: 'a negative Content-Length', bytes: 'Content-Length: -5\r\n\r\n{}', reason: /not a whole number of bytes \("-5"\)/ },
  { name: 'a header without Content-Length', bytes: 'Content-Type: application/json\r\n\r\n{}', reason: /has no Content-Length/ },
  { name: 'plain text instead of a header', bytes: 'hello, server\r\n\r\n', reason: /header line is not "name: value" \("hello, server"\)/ },
  { name: 'a Content-Length over the message limit', bytes: `Content-Length: ${MAX_MESSAGE_BYTES + 1}\r\n\r\n{`, reason: /larger than the 512 MiB/ },
  { name: 'a header that never ends', bytes: 'X'.repeat(MAX_HEADER_BYTES + 10), reason: /no end of the message header/ },
  {
    name: 'a too-short Content-Length that swallows the next message',
    bytes: `Content-Length: 10\r\n\r\n{}${initialize(1)}`,
    reason: /has no Content-Length \("Length: \d+"\)/,
  },
];

describe('lsp: broken framing on stdin (real server process)', function () {
  this.timeout(60_000);
  before(() => ensureServerBuilt());

  for (const { name, bytes, reason } of BROKEN) {
    it(`exits with status 1 and a reason on ${name}`, async () => {
      const server = startServer();
      server.child.stdin!.write(bytes);
      assert.equal(await exitWithin(server, 20_000), 1);
      assert.match(server.stderr(), /the client broke the message framing/);
      assert.match(server.stderr(), reason);
    });
  }

  it('answers the first request even when its header arrives one byte at a time', async () => {
    const server = startServer();
    try {
      for (const byte of Buffer.from(initialize(1))) server.child.stdin!.write(Buffer.from([byte]));
      await waitForOutput(server, /"id":1,"result"/);
      assert.equal(server.child.exitCode, null);
    } finally {
      server.child.kill();
    }
  });

  it('drops a well-framed body that is not JSON and answers the next request', async () => {
    const server = startServer();
    try {
      server.child.stdin!.write(`${frame('{{{{ not json')}${initialize(7)}`);
      await waitForOutput(server, /"id":7,"result"/);
      assert.equal(server.child.exitCode, null);
    } finally {
      server.child.kill();
    }
  });
});

async function waitForOutput(server: Server, pattern: RegExp): Promise<void> {
  await waitFor(() => pattern.test(server.stdout()) || (server.child.exitCode !== null && Promise.reject(new Error(`exited: ${server.stderr()}`))), `output ${pattern}`, 20_000);
}

describe('FramingGuard (the framing as the reader sees it)', () => {
  const stream = Buffer.from(`${initialize(1)}Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n${initialize(2)}${frame('{"jsonrpc":"2.0","method":"exit"}')}`);

  it('accepts well-framed messages however the bytes are split into chunks', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const guard = new FramingGuard();
      assert.equal(guard.push(stream.subarray(0, cut)), undefined, `cut at ${cut}`);
      assert.equal(guard.push(stream.subarray(cut)), undefined, `cut at ${cut}`);
    }
  });

  it('finds a broken header after good messages, split anywhere, and keeps saying it', () => {
    const broken = Buffer.concat([stream, Buffer.from('Content-Length: twelve\r\n\r\n{}')]);
    for (const cut of [1, stream.length - 1, stream.length + 5, broken.length - 3]) {
      const guard = new FramingGuard();
      const reasons = [guard.push(broken.subarray(0, cut)), guard.push(broken.subarray(cut))];
      assert.deepEqual(reasons, [undefined, 'Content-Length is not a whole number of bytes ("twelve")'], `cut at ${cut}`);
      assert.match(guard.push(Buffer.from(initialize(3))) ?? '', /twelve/);
    }
  });
});
