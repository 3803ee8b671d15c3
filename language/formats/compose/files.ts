import * as path from 'path';
import type { FileSystemHost } from '../../service/types';
import { parseDotEnv, type Variables } from './interpolate';

/** Files a compose file points at (init scripts, pg_hba.conf, `.env`, env_file, entrypoint scripts) are read up to this size. */
export const MAX_MOUNTED_FILE_BYTES = 256 * 1024;

/**
 * Reads a workspace file the compose file refers to: regular files only (a FIFO or device would block, a directory
 * is not text) and at most `limit` bytes; anything else reads as undefined. The size is checked before reading, and
 * a host that can open without blocking (`readFileChecked`) reads through it, so a file swapped for a FIFO after
 * the check still cannot block.
 */
export function readSmallFile(fs: FileSystemHost, file: string, limit = MAX_MOUNTED_FILE_BYTES): string | undefined {
  if (fs.regularFileSize) {
    const size = fs.regularFileSize(file);
    if (size === undefined || size > limit) return undefined;
  } else if (!fs.exists(file) || fs.isDirectory(file)) return undefined;
  const read = fs.readFileChecked ? fs.readFileChecked(file) : { text: fs.readFile(file) };
  const text = 'text' in read ? read.text : undefined;
  return text !== undefined && text.length <= limit ? text : undefined;
}

/** The project's `.env` beside the compose file, which Compose reads by itself for interpolation. */
export function projectVariables(composeDir: string | undefined, fs: FileSystemHost): { vars: Variables; stamp: string } {
  const text = composeDir ? readSmallFile(fs, path.join(composeDir, '.env')) : undefined;
  return { vars: text ? parseDotEnv(text) : new Map(), stamp: text ?? '' };
}

/** Variables a service's `env_file:` entries give the container (later files win), with the project's `.env` for interpolation. */
export function envFileVariables(files: string[], composeDir: string | undefined, fs: FileSystemHost, vars: Variables): Map<string, string> {
  const result = new Map<string, string>();
  if (!composeDir) return result;
  for (const file of files) {
    const text = readSmallFile(fs, path.resolve(composeDir, file));
    if (text !== undefined) for (const [k, v] of parseDotEnv(text, vars)) result.set(k, v);
  }
  return result;
}
