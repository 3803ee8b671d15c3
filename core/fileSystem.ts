/** File access the services need (includes, init scripts, PG_VERSION); real fs in the server and CLI, in-memory in tests. */
export interface FileSystemHost {
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  /** Entry names of a directory, or [] when it is not one. */
  readDir(path: string): string[];
  /** Modification time in ms, when the host knows it (lets callers keep what they derived from a file). */
  mtime?(path: string): number | undefined;
  /** Size of a regular file, or undefined for anything else (missing, directory, FIFO, device): lets callers bound reads. */
  regularFileSize?(path: string): number | undefined;
  /** A regular file's bytes, at most `limit` (gzipped init scripts); undefined for anything else or anything larger. */
  readBytes?(path: string, limit: number): Uint8Array | undefined;
  /** Like readFile, but says why a file was not read (FIFO, device, too large, …); readFile gives undefined for those. */
  readFileChecked?(path: string): CheckedRead;
  /** Why readFileChecked would refuse the path (limit: a smaller bound than the host's), from a stat alone; undefined when it would read it. */
  refusal?(path: string, limit?: number): { refused: Refusal; limit?: number } | undefined;
}

/** Why a file was not read: only regular files within the size limit are read, so nothing blocks or floods memory. */
export type Refusal = 'missing' | 'directory' | 'fifo' | 'device' | 'socket' | 'other' | 'too-large' | 'loop' | 'unreadable';

/** The outcome of a bounded read: the text, or why it was refused (see `refusalMessage`). */
export type CheckedRead = { text: string; /** Some bytes were not UTF-8 (each such sequence reads as U+FFFD). */ invalidUtf8?: boolean } | { refused: Refusal; limit?: number };

/** What a reader of configs can expect to happen when the real program opens a refused file. */
export function refusalMessage(read: { refused: Refusal; limit?: number }): string {
  switch (read.refused) {
    case 'fifo':
      return 'not a regular file (FIFO): reading it would block until something writes to it';
    case 'device':
      return 'not a regular file (device): it has no end, reading it never finishes';
    case 'socket':
      return 'not a regular file (socket): it cannot be read as a file';
    case 'other':
      return 'not a regular file';
    case 'too-large':
      return `larger than ${formatBytes(read.limit ?? 0)}: too large to be a configuration file`;
    case 'directory':
      return 'it is a directory';
    case 'missing':
      return 'no such file';
    case 'loop':
      return 'a loop of symbolic links (it leads back to itself, so it names no file)';
    default:
      return 'it cannot be read';
  }
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}
