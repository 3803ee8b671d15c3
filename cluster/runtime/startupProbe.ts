/**
 * Is a PostgreSQL server there and accepting connections? Asked the way pg_isready asks: send a startup message,
 * read the first answer, hang up before authenticating. A server that asks for a password, or lets us in, is
 * ready; "starting up" / "shutting down" / "not accepting connections" (SQLSTATE 57P03) is not. Hanging up during
 * authentication leaves no "authentication failed" line in the server log (the server ends such a session
 * quietly); naming the node's real user avoids "role does not exist" lines too.
 */
import * as net from 'node:net';

const PROTOCOL_3 = 196608;
const CANNOT_CONNECT_NOW = '57P03';

export type StartupAnswer =
  | { kind: 'ready'; authentication: number }
  | { kind: 'not-ready'; code: string; message: string }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'no-answer'; reason: string };

function startupMessage(user: string, database: string): Buffer {
  const params = Buffer.from(`user\0${user}\0database\0${database}\0application_name\0pgha-probe\0\0`, 'utf8');
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + params.length, 0);
  head.writeInt32BE(PROTOCOL_3, 4);
  return Buffer.concat([head, params]);
}

/** The fields of an ErrorResponse body (type byte → text). */
function errorFields(body: Buffer): Map<string, string> {
  const fields = new Map<string, string>();
  let offset = 0;
  while (offset < body.length && body[offset] !== 0) {
    const end = body.indexOf(0, offset + 1);
    if (end < 0) break;
    fields.set(String.fromCharCode(body[offset]), body.subarray(offset + 1, end).toString('utf8'));
    offset = end + 1;
  }
  return fields;
}

/** Parses the server's first message; undefined while it is incomplete. */
export function parseFirstAnswer(data: Buffer): StartupAnswer | undefined {
  if (data.length < 5) return undefined;
  const type = String.fromCharCode(data[0]);
  const length = data.readInt32BE(1);
  if (type === 'R') return data.length >= 9 ? { kind: 'ready', authentication: data.readInt32BE(5) } : undefined;
  if (type !== 'E') return { kind: 'no-answer', reason: `unexpected first message '${type}' (not a PostgreSQL server?)` };
  if (data.length < 1 + length) return undefined;
  const fields = errorFields(data.subarray(5, 1 + length));
  const code = fields.get('C') ?? '';
  const message = fields.get('M') ?? 'error';
  return code === CANNOT_CONNECT_NOW ? { kind: 'not-ready', code, message } : { kind: 'error', code, message };
}

/** Sends a startup message to host:port and returns the server's first answer (never throws). */
export function probeStartup(host: string, port: number, user: string, options: { database?: string; timeoutMs?: number } = {}): Promise<StartupAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let received = Buffer.alloc(0);
    let done = false;
    const finish = (answer: StartupAnswer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // Terminate ('X') after AuthenticationOk; during authentication, hanging up is what pg_isready does.
      if (answer.kind === 'ready' && answer.authentication === 0) socket.end(Buffer.from([0x58, 0, 0, 0, 4]));
      else socket.destroy();
      resolve(answer);
    };
    const timeoutMs = options.timeoutMs ?? 2000;
    const timer = setTimeout(() => finish({ kind: 'no-answer', reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
    socket.once('connect', () => socket.write(startupMessage(user, options.database ?? 'postgres')));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parseFirstAnswer(received);
      if (answer) finish(answer);
    });
    socket.once('error', (error) => finish({ kind: 'no-answer', reason: error.message }));
    socket.once('close', () => finish({ kind: 'no-answer', reason: 'the server closed the connection' }));
  });
}
