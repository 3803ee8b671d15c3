import * as fs from 'fs';
import type { FileSystemHost } from './fileSystem';

/** The real file system, for the server and the CLI. */
export const nodeFileSystem: FileSystemHost = {
  readFile(path) {
    try {
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
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
      const stat = fs.statSync(path);
      return stat.isFile() ? stat.size : undefined;
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
