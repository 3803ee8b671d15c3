import * as path from 'path';
import type { FileSystemHost } from '../../../../language/service/types';

/** An in-memory FileSystemHost: absolute file paths → contents; folders are implied by the paths. */
export function memoryFs(files: Record<string, string>): FileSystemHost {
  const isDirectory = (dir: string) => Object.keys(files).some((file) => file.startsWith(dir.endsWith('/') ? dir : `${dir}/`));
  return {
    readFile: (file) => files[file],
    exists: (file) => file in files || isDirectory(file),
    isDirectory,
    readDir: (dir) => [...new Set(Object.keys(files).filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1).split('/')[0]))],
  };
}

export const fileUri = (file: string) => `file://${path.posix.normalize(file)}`;
