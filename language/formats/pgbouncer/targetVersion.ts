/**
 * The PgBouncer version a pgbouncer.ini is judged as: the image tag of the compose service that mounts it
 * (edoburu/pgbouncer:1.18.0, bitnami/pgbouncer:1.24.1-debian-12-r3, pgha-test/pgbouncer:1.24), else the newest
 * catalogued line. Compose files are looked for in the file's folder and a few parents, modelled with the
 * compose format's own model and remembered per file until their mtime (or text) changes.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { FileSystemHost } from '../../service/types';
import { isComposeFile } from '../compose/format';
import { buildModel } from '../compose/model';
import { ChunkParser } from '../compose/yaml/chunks';
import { COMPOSE_SEARCH_PARENTS } from '../pgconf/composeMajor';
import { versionLine, type PgbouncerKnowledge } from './knowledge';

export interface TargetVersion {
  version: string;
  /** Where it comes from (for messages); undefined when assumed. */
  source?: string;
}

interface Mounted {
  ini: string;
  service: string;
  image: string;
  tag?: string;
}

const MAX_CACHED = 64;

export class PgbouncerVersionFinder {
  private readonly cache = new Map<string, { stamp: number | string; mounts: Mounted[] }>();

  constructor(
    private readonly fs: FileSystemHost,
    private readonly knowledge: PgbouncerKnowledge,
  ) {}

  find(iniFile: string): TargetVersion {
    let dir = path.dirname(iniFile);
    for (let level = 0; level <= COMPOSE_SEARCH_PARENTS && iniFile; level++) {
      for (const name of this.fs.readDir(dir).filter((n) => isComposeFile(n)).sort()) {
        const mount = this.mountsOf(path.join(dir, name)).find((m) => m.ini === iniFile);
        const version = mount?.tag ? versionLine(this.knowledge, mount.tag.replace(/^v/, '')) : undefined;
        if (mount && version) return { version, source: `image ${mount.image} of service ${mount.service}` };
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return { version: this.knowledge.newest };
  }

  private mountsOf(composeFile: string): Mounted[] {
    const mtime = this.fs.mtime?.(composeFile);
    const hit = this.cache.get(composeFile);
    if (hit && mtime !== undefined && hit.stamp === mtime) return hit.mounts;
    const text = this.fs.isDirectory(composeFile) ? undefined : this.fs.readFile(composeFile);
    if (text === undefined) return [];
    if (hit && hit.stamp === (mtime ?? text)) return hit.mounts;
    const mounts = text.includes('pgbouncer') ? readMounts(composeFile, text, this.fs) : [];
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(composeFile, { stamp: mtime ?? text, mounts });
    return mounts;
  }
}

function readMounts(composeFile: string, text: string, fs: FileSystemHost): Mounted[] {
  try {
    const model = buildModel(text, pathToFileURL(composeFile).toString(), new ChunkParser(), fs);
    return model.services.flatMap((s) => (s.poolerConfig && s.image ? [{ ini: s.poolerConfig.path, service: s.name, image: s.image.text, tag: s.image.tag }] : []));
  } catch {
    // A compose file being edited may be anything; it then tells nothing.
    return [];
  }
}
