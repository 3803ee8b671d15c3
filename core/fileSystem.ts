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
}
