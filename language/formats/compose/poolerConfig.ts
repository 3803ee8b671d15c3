/**
 * The pgbouncer.ini a pooler service mounts (a bind mount of the file, or of a folder holding it, at one of
 * the paths the images read), read with the pgbouncer format's parser: which database goes to which service.
 */
import * as path from 'path';
import type { PoolerRoute } from '../../../core/model/topology';
import type { FileSystemHost } from '../../service/types';
import { pgbouncerRoutes } from '../pgbouncer/routes';
import type { VolumeEntry } from './fields';
import { readSmallFile } from './files';
import { hostPath } from './launchFields';

/** Folders PgBouncer images read pgbouncer.ini from (edoburu, bitnami, ours: scripts/images/pgbouncer-entrypoint.sh). */
export const PGBOUNCER_CONFIG_DIRS = ['/etc/pgbouncer', '/bitnami/pgbouncer/conf', '/opt/bitnami/pgbouncer/conf'];

export interface PoolerConfigFacts {
  /** Host path of the mounted pgbouncer.ini. */
  path: string;
  routes: PoolerRoute[];
}

function mountedIni(volume: VolumeEntry, composeDir: string, fs: FileSystemHost): string | undefined {
  if (volume.type !== 'bind' || !volume.source) return undefined;
  const source = hostPath(volume.source, composeDir);
  const target = volume.target.replace(/\/+$/, '');
  if (target.endsWith('/pgbouncer.ini')) return source;
  return PGBOUNCER_CONFIG_DIRS.includes(target) && fs.isDirectory(source) ? path.join(source, 'pgbouncer.ini') : undefined;
}

/** The mounted pgbouncer.ini of a pooler service and its routes; undefined when none is mounted or readable. */
export function readPoolerConfig(volumes: VolumeEntry[], composeDir: string | undefined, fs: FileSystemHost): PoolerConfigFacts | undefined {
  if (!composeDir) return undefined;
  for (const volume of volumes) {
    const file = mountedIni(volume, composeDir, fs);
    const text = file ? readSmallFile(fs, file) : undefined;
    if (file && text !== undefined) return { path: file, routes: pgbouncerRoutes(text) };
  }
  return undefined;
}
