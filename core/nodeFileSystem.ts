import { isUtf8 } from 'buffer';
import * as fs from 'fs';
import type { CheckedRead, FileSystemHost, Refusal } from './fileSystem';

/** Default bound on a file read: 16 MiB, far above any real configuration file. */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

/** The read bound: PGHA_MAX_FILE_BYTES (a positive whole number of bytes) or the default. */
export function maxFileBytes(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.PGHA_MAX_FILE_BYTES);
  return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_MAX_FILE_BYTES;
}

function refusalOf(stat: fs.Stats, limit: number): Refusal | undefined {
  if (stat.isFile()) return stat.size > limit ? 'too-large' : undefined;
  if (stat.isDirectory()) return 'directory';
  if (stat.isFIFO()) return 'fifo';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  if (stat.isSocket()) return 'socket';
  return 'other';
}

/**
 * Reads at most limit + 1 bytes from an open descriptor, so a file that grew since stat is still bounded; undefined
 * past the limit. Chunks are sized from the size stat gave (`expected`), not zero-filled: a zeroed 1 MiB buffer per
 * small file cost ms.
 */
function readBoundedBytes(fd: number, limit: number, expected: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length <= limit) {
    const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - length, Math.max(4096, expected + 1 - length)));
    const read = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) return Buffer.concat(chunks, length);
    chunks.push(chunk.subarray(0, read));
    length += read;
  }
  return undefined;
}

function readBounded(fd: number, limit: number, expected: number): CheckedRead {
  const bytes = readBoundedBytes(fd, limit, expected);
  if (!bytes) return { refused: 'too-large', limit };
  return isUtf8(bytes) ? { text: bytes.toString('utf8') } : { text: bytes.toString('utf8'), invalidUtf8: true };
}

type Refused = Extract<CheckedRead, { refused: Refusal }>;

const refused = (why: Refusal, limit: number): Refused => (why === 'too-large' ? { refused: why, limit } : { refused: why });

/** Why a path would be refused by readFileChecked, from its type and size alone (nothing is opened); undefined when it would be read. */
export function refusalOfPath(path: string, limit = maxFileBytes()): Refused | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { refused: code === 'ENOENT' ? 'missing' : code === 'ELOOP' ? 'loop' : 'unreadable' };
  }
  const why = refusalOf(stat, limit);
  return why && refused(why, limit);
}

/** Opens a regular file within the size limit and reads it with `read`; anything else is refused without being read. */
function withRegularFile<T>(path: string, limit: number, read: (fd: number, size: number) => T): T | Refused {
  const before = refusalOfPath(path, limit);
  if (before) return before;
  let fd: number;
  try {
    // O_NONBLOCK: should the path have been swapped for a FIFO since stat, opening it does not wait for a writer.
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    return { refused: 'unreadable' };
  }
  try {
    const stat = fs.fstatSync(fd);
    const opened = refusalOf(stat, limit);
    if (opened) return refused(opened, limit);
    return read(fd, stat.size);
  } catch {
    return { refused: 'unreadable' };
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a regular file within the size limit; anything else is refused without being opened. */
export function readFileChecked(path: string, limit = maxFileBytes()): CheckedRead {
  return withRegularFile(path, limit, (fd, size) => readBounded(fd, limit, size));
}

/** A regular file's bytes within the limit, or undefined. */
export function readBytesChecked(path: string, limit: number): Uint8Array | undefined {
  const read = withRegularFile(path, limit, (fd, size) => readBoundedBytes(fd, limit, size));
  return read instanceof Uint8Array ? read : undefined;
}

/** A regular file's text within the size limit, or undefined (missing, not a regular file, too large, unreadable). */
export function readBoundedText(path: string, limit = maxFileBytes()): string | undefined {
  const read = readFileChecked(path, limit);
  return 'text' in read ? read.text : undefined;
}

/** The real file system, for the server and the CLI. */
export const nodeFileSystem: FileSystemHost = {
  readFile: (path) => readBoundedText(path),
  readFileChecked: (path) => readFileChecked(path),
  readBytes: (path, limit) => readBytesChecked(path, limit),
  refusal: (path, limit) => refusalOfPath(path, limit),
  exists: (path) => fs.existsSync(path),
  isDirectory(path) {
    try {
      return fs.statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  readDir(path) {
    try {
      return fs.readdirSync(path);
    } catch {
      return [];
    }
  },
  regularFileSize(path) {
    try {
      // No exception for a missing file: callers ask for optional files (.env) on every edit.
      const stat = fs.statSync(path, { throwIfNoEntry: false });
      return stat?.isFile() ? stat.size : undefined;
    } catch {
      return undefined;
    }
  },
  mtime(path) {
    try {
      return fs.statSync(path).mtimeMs;
    } catch {
      return undefined;
    }
  },
};
