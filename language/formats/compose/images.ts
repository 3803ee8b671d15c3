import { isMajor, MAJORS, type Major } from '../../catalog/types';
import type { ImageFlavor } from '../../../core/model/topology';

export interface ImageRef {
  /** As written. */
  text: string;
  registry?: string;
  /** Repository path without registry, e.g. `postgres`, `bitnami/postgresql`. */
  repository: string;
  /** Last path segment, e.g. `postgres`, `postgresql-repmgr`, `pgbouncer`. */
  name: string;
  tag?: string;
  digest?: string;
  flavor: ImageFlavor;
  major?: Major;
  /** The PostgreSQL version the tag names even outside 13–18 (`12`, `9.6`, `19`), for PostgreSQL-based images. */
  version?: string;
  /** `latest` or no tag (and no digest). */
  unpinned: boolean;
}

/** Parses an image reference (`[registry/]repo[:tag][@digest]`) and recognises PostgreSQL flavours. */
export function parseImage(text: string): ImageRef {
  const [nameAndTag, digest] = text.split('@', 2);
  const slash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.lastIndexOf(':');
  const tag = colon > slash ? nameAndTag.slice(colon + 1) : undefined;
  let path = colon > slash ? nameAndTag.slice(0, colon) : nameAndTag;
  let registry: string | undefined;
  const firstSlash = path.indexOf('/');
  if (firstSlash > 0 && /[.:]|^localhost$/.test(path.slice(0, firstSlash))) {
    registry = path.slice(0, firstSlash);
    path = path.slice(firstSlash + 1);
  }
  const repository = path.replace(/^library\//, '').toLowerCase();
  const name = repository.slice(repository.lastIndexOf('/') + 1);
  const flavor = flavorOf(repository, name);
  // TimescaleDB tags lead with its own version and name the PostgreSQL major after `pg` (2.14.2-pg16).
  const majorTag = /timescale/.test(name) ? /pg(\d+)/.exec(tag ?? '')?.[1] : tag;
  const majorMatch = majorTag ? /^(\d+)(\.\d+)?(?:[.\-_]|$)/.exec(majorTag) : null;
  const majorNumber = majorMatch ? Number(majorMatch[1]) : undefined;
  const postgresLike = flavor === 'official' || flavor === 'bitnami' || flavor === 'bitnami-repmgr' || /postgres|postgis|timescale/.test(name);
  const major = postgresLike && isMajor(majorNumber) ? majorNumber : undefined;
  // Before 10 a major had two numbers (9.6); PostGIS tags put the PostgreSQL major first (16-3.4).
  const version = postgresLike && majorMatch ? (majorNumber! < 10 && majorMatch[2] ? majorMatch[1] + majorMatch[2] : majorMatch[1]) : undefined;
  return { text, registry, repository, name, tag, digest, flavor, major, version, unpinned: !digest && (!tag || tag === 'latest' || /^(alpine|bookworm|bullseye|trixie)$/.test(tag)) };
}

function flavorOf(repository: string, name: string): ImageFlavor {
  if (repository === 'postgres') return 'official';
  if (name === 'postgresql-repmgr') return 'bitnami-repmgr';
  if (name === 'postgresql' && repository.includes('bitnami')) return 'bitnami';
  if (name.includes('pgbouncer')) return 'pgbouncer';
  if (name.includes('pgpool')) return 'pgpool';
  if (/postgres|postgis|timescale|spilo|patroni|citus/.test(name)) return 'custom';
  return 'unknown';
}

/** Tags offered by completion: every major, plain and with the common variants. */
export function suggestedTags(): string[] {
  const tags: string[] = [];
  for (const major of [...MAJORS].reverse()) tags.push(`${major}`, `${major}-alpine`, `${major}-bookworm`);
  return tags;
}

/** PostgreSQL 18 images moved PGDATA to /var/lib/postgresql/<major>/docker; the volume goes on /var/lib/postgresql. */
export { officialDataDirectory as defaultDataDirectory } from '../../../core/dataDirectory';
