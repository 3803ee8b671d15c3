/**
 * Watches the bytes a client writes to the server's stdin and says when the LSP framing is broken beyond repair:
 * a header that never ends, a header line without "name: value", no Content-Length, a Content-Length that is not
 * a whole number, or one larger than any message a client sends. The JSON-RPC reader would otherwise keep the
 * bad bytes and wait forever (a server that never answers and never exits); the server exits instead, so the
 * client's restart policy brings back a working one. A body that is not JSON is not a framing error: the
 * reader drops that message and reads the next one.
 *
 * The guard reads the same chunks as the reader, in parallel, and follows the same framing (header, blank line,
 * Content-Length bytes of body), so both agree on where each message starts.
 */

/** Header bytes before the blank line that ends them: real headers are two short lines. */
export const MAX_HEADER_BYTES = 8 * 1024;

/** The largest body accepted: far above a didOpen of the largest file the editor syncs (VS Code stops at 50 MB). */
export const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

export class FramingGuard {
  /** Header bytes received so far for the message being read (only while reading a header). */
  private header: Buffer = Buffer.alloc(0);
  /** Body bytes still to skip; 0 while reading a header. */
  private bodyLeft = 0;
  private broken: string | undefined;

  /** Feeds one chunk; returns why the framing is broken (from then on, always), or undefined while it is sound. */
  push(chunk: Buffer): string | undefined {
    let rest = chunk;
    while (!this.broken && rest.length > 0) {
      if (this.bodyLeft > 0) {
        const skipped = Math.min(this.bodyLeft, rest.length);
        this.bodyLeft -= skipped;
        rest = rest.subarray(skipped);
      } else rest = this.readHeader(rest);
    }
    return this.broken;
  }

  /** Adds header bytes; once the blank line is seen, checks the header and returns the bytes after it. */
  private readHeader(chunk: Buffer): Buffer {
    // Keep at most 3 earlier bytes before searching: the blank line may straddle two chunks.
    const carried = this.header.length;
    this.header = carried ? Buffer.concat([this.header, chunk]) : chunk;
    const end = this.header.indexOf(HEADER_END, Math.max(0, carried - 3));
    if (end < 0) {
      if (this.header.length > MAX_HEADER_BYTES) this.broken = `no end of the message header after ${MAX_HEADER_BYTES} bytes (${preview(this.header)})`;
      return Buffer.alloc(0);
    }
    const text = this.header.subarray(0, end).toString('ascii');
    const rest = this.header.subarray(end + HEADER_END.length);
    this.header = Buffer.alloc(0);
    const length = contentLength(text);
    if (typeof length === 'string') this.broken = length;
    else this.bodyLeft = length;
    return rest;
  }
}

/** The Content-Length of a header block, or what is wrong with it. */
function contentLength(header: string): number | string {
  let length: number | string = `the message header has no Content-Length (${preview(Buffer.from(header))})`;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `a message header line is not "name: value" (${preview(Buffer.from(line))})`;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d+$/.test(value)) return `Content-Length is not a whole number of bytes ("${value.slice(0, 40)}")`;
    const bytes = Number(value);
    if (bytes > MAX_MESSAGE_BYTES) return `Content-Length ${value} is larger than the ${MAX_MESSAGE_BYTES / (1024 * 1024)} MiB a message may have`;
    length = bytes;
  }
  return length;
}

/** The start of some bytes, printable, for a log line. */
function preview(bytes: Buffer): string {
  const text = bytes.subarray(0, 60).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
  return JSON.stringify(bytes.length > 60 ? `${text}…` : text);
}

/**
 * Guards the server's stdin (the --stdio transport): on broken framing, writes the reason to stderr and exits
 * with status 1. The IPC transport carries whole messages, so it has no framing to break.
 */
export function guardStdioFraming(argv: string[], stdin: NodeJS.ReadableStream, exit: (reason: string) => void): void {
  if (!argv.includes('--stdio')) return;
  const guard = new FramingGuard();
  const onData = (chunk: Buffer | string) => {
    const broken = guard.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (!broken) return;
    stdin.removeListener('data', onData);
    exit(broken);
  };
  stdin.on('data', onData);
}
