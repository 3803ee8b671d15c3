/**
 * A small client of pgpool-II's PCP protocol (its administration port, 9898 by default), enough to tell pgpool
 * about a promotion at once instead of waiting for its health check: log in with a pcp.conf line, then promote a
 * node (pcp_promote_node -s: the node becomes pgpool's primary, the old primary is detached) or attach one
 * (pcp_attach_node). Spoken the way the pcp tools of pgpool 4.3/4.6 speak it; the container test checks it against
 * the real pgpool. Every read is bounded (size and time); errors carry pgpool's own words.
 *
 * Login needs no clear password: pcp.conf keeps md5(password), and pgpool checks md5(md5(stored + user) + salt),
 * so the stored line is all the client needs (which is why pcp.conf must stay private).
 */
import { createHash } from 'node:crypto';
import { Socket } from 'node:net';
import type { ServiceModel } from '../../core/model/topology';
import { readBoundedText } from '../../core/nodeFileSystem';

export interface PcpLogin {
  host: string;
  port: number;
  user: string;
  /** The hash after the colon of the user's pcp.conf line (md5 of the password, 32 hex digits). */
  md5: string;
}

/** A PCP answer: its type letter and its body. */
interface Packet {
  type: string;
  body: Buffer;
}

const MAX_PACKET = 1 << 20;
export const PCP_TIMEOUT_MS = 5000;

const md5hex = (data: string | Buffer) => createHash('md5').update(data).digest('hex');

/** One pcp.conf line for `user` → its stored hash; undefined when the text has none (comments, other users). */
export function pcpHashOf(text: string, user?: string): { user: string; md5: string } | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const match = /^([^#:\s][^:]*):([0-9a-f]{32})$/i.exec(line);
    if (match && (user === undefined || match[1] === user)) return { user: match[1], md5: match[2].toLowerCase() };
  }
  return undefined;
}

/** PCP's port inside a pgpool container: the image's variables, else pgpool's default. */
function pcpContainerPort(service: ServiceModel): number {
  const env = service.environment ?? {};
  return Number(env.PGPOOL_PARAMS_PCP_PORT ?? env.PGPOOL_PCP_PORT ?? env.PCP_PORT) || 9898;
}

/**
 * How pgha logs into a pgpool service's PCP from this machine: its PCP port published on the loopback and the first
 * user of the pcp.conf mounted into it (read bounded). Undefined with the reason when the stack does not allow it.
 */
export function pcpLoginOf(service: ServiceModel): { login?: PcpLogin; why?: string } {
  const port = pcpContainerPort(service);
  const published = (service.ports ?? []).find((p) => p.protocol === 'tcp' && p.containerPort === port && p.hostPort && (!p.hostIp || p.hostIp === '127.0.0.1' || p.hostIp === '0.0.0.0'));
  const mount = (service.volumes ?? []).find((v) => v.type === 'bind' && v.source && /(^|\/)pcp\.conf$/.test(v.target));
  if (!published?.hostPort) return { why: `its PCP port ${port} is not published on 127.0.0.1` };
  if (!mount?.source) return { why: 'no pcp.conf is mounted into it' };
  const text = readBoundedText(mount.source, 64 * 1024);
  const line = text === undefined ? undefined : pcpHashOf(text);
  if (!line) return { why: `${mount.source} has no user:md5 line` };
  return { login: { host: '127.0.0.1', port: published.hostPort, ...line } };
}

function packet(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from(type, 'latin1'), length, body]);
}

const cstring = (text: string) => Buffer.from(`${text}\0`, 'utf8');

/** pgpool's words in an error packet (fields S severity, M message, D detail). */
function errorWords(body: Buffer): string {
  const fields = new Map<string, string>();
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const end = body.indexOf(0, at + 1);
    if (end < 0) break;
    fields.set(String.fromCharCode(body[at]), body.toString('utf8', at + 1, end));
    at = end + 1;
  }
  return [fields.get('S'), fields.get('M')].filter(Boolean).join(': ') + (fields.get('D') ? ` (${fields.get('D')})` : '');
}

/** A connection that hands out whole packets in order, each wait bounded. */
class PcpConnection {
  private buffer = Buffer.alloc(0);
  private waiting?: () => void;
  private failure?: Error;

  constructor(
    private readonly socket: Socket,
    private readonly timeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      if (this.buffer.length > MAX_PACKET + 5) this.fail(new Error('PCP answer too large'));
      this.waiting?.();
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('pgpool closed the PCP connection')));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiting?.();
  }

  private take(): Packet | undefined {
    if (this.buffer.length < 5) return undefined;
    const length = this.buffer.readInt32BE(1);
    if (length < 4 || length > MAX_PACKET) throw new Error(`PCP packet of length ${length}`);
    if (this.buffer.length < 1 + length) return undefined;
    const found = { type: String.fromCharCode(this.buffer[0]), body: this.buffer.subarray(5, 1 + length) };
    this.buffer = this.buffer.subarray(1 + length);
    return found;
  }

  /** Sends `data` and returns the next answer that is not a notice; an error packet throws with pgpool's words. */
  async ask(data: Buffer): Promise<Packet> {
    this.socket.write(data);
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const found = this.take();
      if (found && found.type === 'N') continue;
      if (found?.type === 'E') throw new Error(errorWords(found.body));
      if (found) return found;
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no PCP answer within ${this.timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiting = undefined;
    }
  }

  close(): void {
    if (!this.socket.destroyed) this.socket.end(packet('X'));
    this.socket.destroy();
  }
}

function connect(login: PcpLogin, timeoutMs: number): Promise<PcpConnection> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`PCP port ${login.host}:${login.port} did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.connect(login.port, login.host, () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(new PcpConnection(socket, timeoutMs));
    });
  });
}

/** The body of a command's answer must start with CommandComplete (pgpool's word for done). */
function expectComplete(answer: Packet, what: string): void {
  const text = answer.body.toString('utf8').split('\0')[0];
  if (text !== 'CommandComplete') throw new Error(`${what}: pgpool answered "${text}"`);
}

/** Logs in, runs `work`, and closes. */
async function withPcp<T>(login: PcpLogin, work: (conn: PcpConnection) => Promise<T>, timeoutMs = PCP_TIMEOUT_MS): Promise<T> {
  const conn = await connect(login, timeoutMs);
  try {
    const salt = await conn.ask(packet('M'));
    if (salt.type !== 'm' || salt.body.length < 4) throw new Error(`PCP salt: unexpected answer "${salt.type}"`);
    const proof = md5hex(Buffer.concat([Buffer.from(md5hex(login.md5 + login.user), 'latin1'), salt.body.subarray(0, 4)]));
    const auth = await conn.ask(packet('R', cstring(login.user), cstring(proof)));
    if (auth.body.toString('utf8').split('\0')[0] !== 'AuthenticationOK') throw new Error(`PCP login as ${login.user} refused`);
    return await work(conn);
  } finally {
    conn.close();
  }
}

/** pcp_promote_node -s: node `id` becomes pgpool's primary and the old primary is detached (pgpool 4.3+). */
export async function pcpPromoteNode(login: PcpLogin, id: number, timeoutMs?: number): Promise<void> {
  await withPcp(login, async (conn) => expectComplete(await conn.ask(packet('J', cstring(`${id} `), Buffer.from('s'))), `pcp_promote_node -n ${id}`), timeoutMs);
}

/** pcp_attach_node: pgpool takes node `id` back (after it rejoined as a replica). */
export async function pcpAttachNode(login: PcpLogin, id: number, timeoutMs?: number): Promise<void> {
  await withPcp(login, async (conn) => expectComplete(await conn.ask(packet('C', cstring(String(id)))), `pcp_attach_node -n ${id}`), timeoutMs);
}

/** pcp_detach_node: pgpool stops using node `id` at once (a primary that is gone; no wait for its health check). */
export async function pcpDetachNode(login: PcpLogin, id: number, timeoutMs?: number): Promise<void> {
  await withPcp(login, async (conn) => expectComplete(await conn.ask(packet('D', cstring(String(id)))), `pcp_detach_node -n ${id}`), timeoutMs);
}
