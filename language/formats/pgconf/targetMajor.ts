import * as path from 'path';
import { fileURLToPath } from 'url';
import { isMajor, type Major } from '../../catalog/types';
import type { FileSystemHost } from '../../service/types';
import type { ComposeMajorFinder } from './composeMajor';

export interface TargetMajor {
  major: Major;
  /** Why: shown in the status bar tooltip and the CLI. */
  source: string;
}

/** The file-system path of a file:// URI, or undefined for other schemes (untitled documents). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The source of a major nothing in the workspace tells: the configured default is only an assumption. */
export const ASSUMED_SOURCE = 'setting pgha.postgresVersion';

/**
 * What the workspace tells wins over the `pgha.postgresVersion` setting: first a PG_VERSION file beside the
 * config (a data directory), then the image tag of a compose service that bind-mounts the file.
 */
export function detectTargetMajor(uri: string, fs: FileSystemHost, defaultMajor: Major, compose?: ComposeMajorFinder): TargetMajor {
  const file = uriToPath(uri);
  if (file) {
    const versionFile = path.join(path.dirname(file), 'PG_VERSION');
    const text = fs.readFile(versionFile);
    const major = text === undefined ? undefined : Number(text.trim());
    if (isMajor(major)) return { major, source: `PG_VERSION file (${versionFile})` };
    const fromCompose = compose?.find(file);
    if (fromCompose) return fromCompose;
  }
  return { major: defaultMajor, source: ASSUMED_SOURCE };
}
