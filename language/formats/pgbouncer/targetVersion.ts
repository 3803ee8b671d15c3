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
import { buildModel, type ServiceInfo } from '../compose/model';
import { effectiveSetting, intValue } from '../compose/rules/effective';
import { ChunkParser } from '../compose/yaml/chunks';
import { COMPOSE_SEARCH_PARENTS } from '../pgconf/composeMajor';
import { versionLine, type PgbouncerKnowledge } from './knowledge';

/** Server connections a PostgreSQL service of the stack allows non-superusers (max_connections minus reserved). */
export interface ServerLimit {
  host: string;
  /** The service's role in the stack: a replica takes no writes. */
  role: 'primary' | 'replica';
  limit: number;
  /** How it was computed, for messages. */
  detail: string;
}

export interface TargetVersion {
  version: string;
  /** Where it comes from (for messages); undefined when assumed. */
  source?: string;
  /** Limits of the stack's servers the file's databases go to (when a compose service mounts it). */
  limits?: ServerLimit[];
}

interface Mounted {
  ini: string;
  service: string;
  image: string;
  tag?: string;
  limits: ServerLimit[];
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
        if (!mount) continue;
        const version = mount.tag ? versionLine(this.knowledge, mount.tag.replace(/^v/, '')) : undefined;
        return version ? { version, source: `image ${mount.image} of service ${mount.service}`, limits: mount.limits } : { version: this.knowledge.newest, limits: mount.limits };
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

function serverLimits(services: ServiceInfo[]): ServerLimit[] {
  return services
    .filter((s) => s.role === 'primary' || s.role === 'replica')
    .map((s) => {
      const read = (name: string, fallback: string) => intValue(effectiveSetting(s, name, fallback).value) ?? Number(fallback);
      const [max, superuser, reserved] = [read('max_connections', '100'), read('superuser_reserved_connections', '3'), read('reserved_connections', '0')];
      return { host: s.name, role: s.role as 'primary' | 'replica', limit: max - superuser - reserved, detail: `max_connections ${max} − superuser_reserved_connections ${superuser}${reserved ? ` − reserved_connections ${reserved}` : ''}` };
    });
}

function readMounts(composeFile: string, text: string, fs: FileSystemHost): Mounted[] {
  try {
    const model = buildModel(text, pathToFileURL(composeFile).toString(), new ChunkParser(), fs);
    return model.services.flatMap((s) => (s.poolerConfig ? [{ ini: s.poolerConfig.path, service: s.name, image: s.image?.text ?? '', tag: s.image?.tag, limits: serverLimits(model.services) }] : []));
  } catch {
    // A compose file being edited may be anything; it then tells nothing.
    return [];
  }
}
