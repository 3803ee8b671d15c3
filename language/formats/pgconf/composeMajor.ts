import * as path from 'path';
import { pathToFileURL } from 'url';
import { officialDataDirectory } from '../../../core/dataDirectory';
import type { Major } from '../../catalog/types';
import type { TargetMajor } from '../../service/capabilities';
import { isComposeFile } from '../compose/format';
import { buildModel, envValue } from '../compose/model';
import { effectiveSetting } from '../compose/rules/effective';
import { ChunkParser } from '../compose/yaml/chunks';
import type { FileSystemHost } from '../../service/types';

/** How far up from the config's folder compose files are looked for (the folder itself plus this many parents). */
export const COMPOSE_SEARCH_PARENTS = 4;

/** A bind mount of a single file into a service whose image tells a PostgreSQL major. */
export interface MountedFile {
  /** Absolute path of the mounted file on the host. */
  source: string;
  service: string;
  image: string;
  major: Major;
  /** Replicas streaming from the service, when the file is its config file (`-c config_file=`, or the default path). */
  replicasAsConfig?: number;
  /** The users of the replicas streaming from the service, when the file is its pg_hba.conf (`-c hba_file=`, or the default path). */
  replicaUsersAsHba?: string[];
  composeFile?: string;
}

interface ComposeFacts {
  /** mtime when the host knows it, else the text: unchanged means the facts are still right. */
  stamp: number | string;
  /** Whether the text names a file (by base name): a file it never names cannot be mounted by it. */
  names: Map<string, boolean>;
  /** Built only when the text names the config: modelling a big compose file costs more than the config. */
  mounts?: MountedFile[];
}

/** Bounded so a server open for days on a big monorepo keeps a small cache. */
const MAX_CACHED_COMPOSE_FILES = 256;

/**
 * Finds the compose service that bind-mounts a postgresql.conf (`./postgresql.conf:/etc/postgresql/…`) and
 * reads the major from its image tag. Compose files are modelled with the compose service's own model and
 * remembered per file until their mtime (or, without one, their text) changes.
 */
export class ComposeMajorFinder {
  private readonly facts = new Map<string, ComposeFacts>();
  /** The compose files of each folder searched, until the folder's mtime changes (every check of a config asks). */
  private readonly listings = new Map<string, { mtime: number; composeFiles: string[] }>();

  constructor(private readonly fs: FileSystemHost) {}

  find(configFile: string): TargetMajor | undefined {
    const mount = this.mountOf(configFile);
    if (!mount) return undefined;
    return { major: mount.major, source: `image ${mount.image} of service ${mount.service} in ${path.relative(path.dirname(configFile), mount.composeFile ?? '')}` };
  }

  /** The compose service that bind-mounts `configFile` (nearest compose file first). */
  mountOf(configFile: string): MountedFile | undefined {
    const configDir = path.dirname(configFile);
    let dir = configDir;
    for (let level = 0; level <= COMPOSE_SEARCH_PARENTS; level++) {
      for (const composeFile of this.composeFilesIn(dir)) {
        const mount = this.mountsOf(composeFile, configFile).find((m) => m.source === configFile);
        if (mount) return { ...mount, composeFile };
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return undefined;
  }

  private composeFilesIn(dir: string): string[] {
    const mtime = this.fs.mtime?.(dir);
    const known = this.listings.get(dir);
    if (known && mtime !== undefined && known.mtime === mtime) return known.composeFiles;
    const composeFiles = this.fs
      .readDir(dir)
      .filter((name) => isComposeFile(name))
      .sort()
      .map((name) => path.join(dir, name));
    if (mtime !== undefined) {
      if (this.listings.size >= MAX_CACHED_COMPOSE_FILES) this.listings.delete(this.listings.keys().next().value!);
      this.listings.set(dir, { mtime, composeFiles });
    }
    return composeFiles;
  }

  private mountsOf(composeFile: string, configFile: string): MountedFile[] {
    const mtime = this.fs.mtime?.(composeFile);
    let facts = this.facts.get(composeFile);
    let text: string | undefined;
    if (!facts || mtime === undefined || facts.stamp !== mtime) {
      text = this.fs.readFile(composeFile);
      if (text === undefined || this.fs.isDirectory(composeFile)) return [];
      const stamp = mtime ?? text;
      if (!facts || facts.stamp !== stamp) {
        if (this.facts.size >= MAX_CACHED_COMPOSE_FILES) this.facts.delete(this.facts.keys().next().value!);
        this.facts.set(composeFile, (facts = { stamp, names: new Map() }));
      }
    }
    const read = () => (text ??= this.fs.readFile(composeFile) ?? '');
    const name = path.basename(configFile);
    let named = facts.names.get(name);
    if (named === undefined) facts.names.set(name, (named = read().includes(name)));
    if (!named) return [];
    return (facts.mounts ??= readMounts(composeFile, read(), this.fs));
  }
}

/** The file bind mounts of services with a known major; a compose file that cannot be read gives none. */
function readMounts(composeFile: string, text: string, fs: FileSystemHost): MountedFile[] {
  const composeDir = path.dirname(composeFile);
  const mounts: MountedFile[] = [];
  try {
    const model = buildModel(text, pathToFileURL(composeFile).toString(), new ChunkParser(), fs);
    for (const service of model.services) {
      // `latest` is the newest major only if the local image is fresh: it tells nothing certain about a config file.
      if (!service.major || !service.image || service.image.unpinned) continue;
      // Without config_file/hba_file the server reads both from PGDATA, which moved in 18 (core/dataDirectory).
      const dataDir = envValue(service, 'PGDATA') ?? officialDataDirectory(service.major);
      const configFile = effectiveSetting(service, 'config_file', `${dataDir}/postgresql.conf`).value.replace(/^'(.*)'$/, '$1');
      const replicaServices = model.services.filter((s) => s.role === 'replica' && s.upstream === service.name);
      const replicas = replicaServices.length;
      const hbaFile = effectiveSetting(service, 'hba_file', `${dataDir}/pg_hba.conf`).value.replace(/^'(.*)'$/, '$1');
      for (const volume of service.volumes) {
        if (volume.type !== 'bind' || !volume.source || volume.source.startsWith('~') || volume.source.includes('$')) continue;
        const asConfig = volume.target === configFile && effectiveSetting(service, 'max_wal_senders', '').source === 'default' ? { replicasAsConfig: replicas } : {};
        const asHba = volume.target === hbaFile && replicas ? { replicaUsersAsHba: replicaServices.map((r) => r.replicationUser ?? 'postgres') } : {};
        mounts.push({ source: path.resolve(composeDir, volume.source), service: service.name, image: service.image.text, major: service.major, ...asConfig, ...asHba });
      }
    }
  } catch {
    // A compose file being edited may be anything; it then tells nothing about the major.
  }
  return mounts;
}
