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
  const majorMatch = tag ? /^(\d+)(?:[.\-_]|$)/.exec(tag) : null;
  const majorNumber = majorMatch ? Number(majorMatch[1]) : undefined;
  const postgresLike = flavor === 'official' || flavor === 'bitnami' || flavor === 'bitnami-repmgr' || /postgres|postgis|timescale/.test(name);
  const major = postgresLike && isMajor(majorNumber) ? majorNumber : undefined;
  return { text, registry, repository, name, tag, digest, flavor, major, unpinned: !digest && (!tag || tag === 'latest' || /^(alpine|bookworm|bullseye|trixie)$/.test(tag)) };
}

function flavorOf(repository: string, name: string): ImageFlavor {
  if (repository === 'postgres') return 'official';
  if (name === 'postgresql-repmgr') return 'bitnami-repmgr';
  if (name === 'postgresql' && repository.includes('bitnami')) return 'bitnami';
  if (name.includes('pgbouncer')) return 'pgbouncer';
  if (name.includes('pgpool')) return 'pgpool';
  if (/postgres|postgis|timescale|spilo|patroni/.test(name)) return 'custom';
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
