import { inspect } from 'util';
import { StreamMessageWriter, type Connection, type Message, type MessageWriter } from 'vscode-languageserver/node';

/**
 * Answers whose JSON text is already known (a completion list sent many times): the encoder writes that text
 * instead of serialising the object again. Keyed by the answer object itself, so an answer nobody holds any more
 * takes its text with it. The text is kept in parts (head, items, tail): joined, it would be copied every time.
 */
export class SerializedAnswers {
  private readonly texts = new WeakMap<object, string[]>();

  remember<T extends object>(answer: T, parts: string[]): T {
    this.texts.set(answer, parts);
    return answer;
  }

  partsOf(answer: unknown): string[] | undefined {
    return typeof answer === 'object' && answer !== null ? this.texts.get(answer) : undefined;
  }
}

/** Messages from this many characters on are encoded into the kept buffer; smaller ones come from Buffer's pool. */
export const REUSE_FROM_CHARS = 16 * 1024;
/** Messages above this are encoded into a buffer of their own, so the kept one never grows past ~3× this. */
export const REUSE_UP_TO_CHARS = 4 * 1024 * 1024;
/** A list of diagnostics this long is serialised one diagnostic at a time. */
export const PER_ITEM_FROM = 64;

/** Stands for the diagnostics array in the serialised rest of the message (a string JSON cannot otherwise hold here). */
const HOLE = '\u0000pgha-diagnostics\u0000';

/**
 * The message's JSON text in parts, which joined are what JSON.stringify gives (key order aside). One
 * JSON.stringify of 447 diagnostics (210 KB) is a string V8 builds from pieces and must flatten into fresh
 * memory before it can be encoded: ~2.5 ms, more on a busy machine, against ~0.6 ms to serialise each
 * diagnostic on its own. A response whose result SerializedAnswers knows is written from that text.
 */
export function messageParts(msg: Message, answers: SerializedAnswers): string[] {
  const response = msg as { id?: unknown; result?: unknown };
  const known = 'result' in response ? answers.partsOf(response.result) : undefined;
  if (known) return [`{"jsonrpc":${JSON.stringify(msg.jsonrpc)},"id":${JSON.stringify(response.id ?? null)},"result":`, ...known, '}'];
  const params = (msg as { params?: { diagnostics?: unknown } }).params;
  const list = params?.diagnostics;
  if (!Array.isArray(list) || list.length < PER_ITEM_FROM) return [JSON.stringify(msg)];
  const rest = JSON.stringify({ ...msg, params: { ...params, diagnostics: HOLE } });
  const hole = rest.indexOf(JSON.stringify(HOLE));
  // The same text elsewhere in the message (a string holding those very characters): serialise it whole.
  if (hole !== rest.lastIndexOf(JSON.stringify(HOLE))) return [JSON.stringify(msg)];
  const parts = [rest.slice(0, hole), '['];
  list.forEach((d, i) => parts.push(i ? ',' : '', JSON.stringify(d) ?? 'null'));
  parts.push(']', rest.slice(hole + JSON.stringify(HOLE).length));
  return parts;
}

/** The JSON text of a message, joined (for tests and small messages). */
export const messageText = (msg: Message, answers: SerializedAnswers): string => messageParts(msg, answers).join('');

/**
 * The stdio writer's encoder: large messages (a compose file's 200 KB of diagnostics) are written part by part
 * into one kept buffer instead of a fresh one per message: a fresh buffer of that size is new memory the
 * write touches page by page. Reusing it is safe because vscode-jsonrpc's stream writer encodes and writes one
 * message at a time: it takes its write lock before encoding and releases it once the stream has called back for
 * the body, so the next encode only starts after the previous body was handed over (test/lsp/transport.test.ts
 * holds the library to that).
 */
export class ReusingJsonEncoder {
  readonly name = 'application/json';
  private buffer = Buffer.allocUnsafe(0);

  constructor(private readonly answers: SerializedAnswers) {}

  encode(msg: Message): Promise<Uint8Array> {
    try {
      const parts = messageParts(msg, this.answers);
      const chars = parts.reduce((sum, part) => sum + part.length, 0);
      if (chars < REUSE_FROM_CHARS || chars > REUSE_UP_TO_CHARS) return Promise.resolve(Buffer.from(parts.join(''), 'utf-8'));
      // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
      if (this.buffer.length < chars * 3) this.buffer = Buffer.allocUnsafe(chars * 3);
      let written = 0;
      for (const part of parts) written += this.buffer.write(part, written, 'utf-8');
      return Promise.resolve(this.buffer.subarray(0, written));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

/** The writer for `--stdio`: vscode-jsonrpc's stream writer with our encoder. */
export function stdioWriter(output: NodeJS.WritableStream, answers: SerializedAnswers): MessageWriter {
  return new StreamMessageWriter(output, { charset: 'utf-8', contentTypeEncoder: new ReusingJsonEncoder(answers) });
}

/**
 * With a writer of our own the library does not route `console` to the client as it does for `--stdio`: a
 * console.log would write into the message stream. Route the console methods to the client's log instead.
 */
export function routeConsole(connection: Connection): void {
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.trace = (...args: unknown[]) => connection.console.log(text(args));
  console.dir = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
}
