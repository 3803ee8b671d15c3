/** The disk for the hba checks of the tools: regular files only, bounded reads (hostile inputs never block or blow up). */
import * as fs from 'fs';
import type { HbaFileSystem } from '../../../language/formats/pghba/types';

const LIMIT = 4 * 1024 * 1024;

export const boundedFileSystem: HbaFileSystem = {
  readFile(path) {
    try {
      const stat = fs.statSync(path);
      if (!stat.isFile() || stat.size > LIMIT) return undefined;
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
};
