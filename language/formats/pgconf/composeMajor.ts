import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Major } from '../../catalog/types';
import type { TargetMajor } from '../../service/capabilities';
import { isComposeFile } from '../compose/format';
import { buildModel } from '../compose/model';
import { ChunkParser } from '../compose/yaml/chunks';
import type { FileSystemHost } from '../../service/types';

/** How far up from the config's folder compose files are looked for (the folder itself plus this many parents). */
export const COMPOSE_SEARCH_PARENTS = 4;

/** A bind mount of a single file into a service whose image tells a PostgreSQL major. */
interface MountedFile {
  /** Absolute path of the mounted file on the host. */
  source: string;
  service: string;
  image: string;
  major: Major;
}

interface ComposeFacts {
  /** mtime when the host knows it, else the text: unchanged means the mounts are still right. */
  stamp: number | string;
  mounts: MountedFile[];
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

  constructor(private readonly fs: FileSystemHost) {}

  find(configFile: string): TargetMajor | undefined {
    const configDir = path.dirname(configFile);
    let dir = configDir;
    for (let level = 0; level <= COMPOSE_SEARCH_PARENTS; level++) {
      const composeFiles = this.fs
        .readDir(dir)
        .filter((name) => isComposeFile(name))
        .sort()
        .map((name) => path.join(dir, name));
      for (const composeFile of composeFiles) {
        const mount = this.mountsOf(composeFile).find((m) => m.source === configFile);
        if (mount) {
          const where = path.relative(configDir, composeFile);
          return { major: mount.major, source: `image ${mount.image} of service ${mount.service} in ${where}` };
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return undefined;
  }

  private mountsOf(composeFile: string): MountedFile[] {
    const mtime = this.fs.mtime?.(composeFile);
    const cached = this.facts.get(composeFile);
    if (cached && mtime !== undefined && cached.stamp === mtime) return cached.mounts;
    const text = this.fs.readFile(composeFile);
    if (text === undefined || this.fs.isDirectory(composeFile)) return [];
    if (cached && mtime === undefined && cached.stamp === text) return cached.mounts;
    const mounts = readMounts(composeFile, text, this.fs);
    if (this.facts.size >= MAX_CACHED_COMPOSE_FILES) this.facts.delete(this.facts.keys().next().value!);
    this.facts.set(composeFile, { stamp: mtime ?? text, mounts });
    return mounts;
  }
}

/** The file bind mounts of services with a known major; a compose file that cannot be read gives none. */
function readMounts(composeFile: string, text: string, fs: FileSystemHost): MountedFile[] {
  const composeDir = path.dirname(composeFile);
  const mounts: MountedFile[] = [];
  try {
    const model = buildModel(text, pathToFileURL(composeFile).toString(), new ChunkParser(), fs);
    for (const service of model.services) {
      if (!service.major || !service.image) continue;
      for (const volume of service.volumes) {
        if (volume.type !== 'bind' || !volume.source || volume.source.startsWith('~') || volume.source.includes('$')) continue;
        mounts.push({ source: path.resolve(composeDir, volume.source), service: service.name, image: service.image.text, major: service.major });
      }
    }
  } catch {
    // A compose file being edited may be anything; it then tells nothing about the major.
  }
  return mounts;
}
