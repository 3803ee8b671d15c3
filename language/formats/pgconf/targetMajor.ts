import * as path from 'path';
import { uriToPath } from '../../../core/paths';
import { isMajor, type Major } from '../../catalog/types';
import type { TargetMajor } from '../../service/capabilities';
import type { FileSystemHost } from '../../service/types';
import type { ComposeMajorFinder } from './composeMajor';

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
