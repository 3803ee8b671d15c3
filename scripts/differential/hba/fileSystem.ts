/** The disk for the hba checks of the tools: the server's file system with bounded reads of regular files only. */
import * as fs from 'fs';
import type { HbaFileSystem } from '../../../language/formats/pghba/types';
import { nodeFileSystem } from '../../../core/nodeFileSystem';

const LIMIT = 4 * 1024 * 1024;

export const boundedFileSystem: HbaFileSystem = {
  ...nodeFileSystem,
  readFile(path) {
    try {
      const stat = fs.statSync(path);
      return stat.isFile() && stat.size <= LIMIT ? nodeFileSystem.readFile(path) : undefined;
    } catch {
      return undefined;
    }
  },
};
