import type { ImageFlavor } from '../../../core/model/topology';
import type { ImageRef } from './images';

/**
 * Which start-up logic a service runs, which decides the conventions that apply to it:
 * - official: the docker-library entrypoint (postgres, and images built on it: PostGIS, TimescaleDB, Citus, or a
 *   Dockerfile whose service uses POSTGRES_* variables or mounts /docker-entrypoint-initdb.d): initdb with a
 *   temporary socket-only server, POSTGRES_PASSWORD required, commands starting with `-` go to postgres;
 * - bitnami: Bitnami's scripts (a replica clones and waits for its master by itself);
 * - patroni / autofailover: Patroni or Spilo, pg_auto_failover: the tool bootstraps and manages the server;
 * - pooler: PgBouncer or pgpool-II;
 * - none: not PostgreSQL as far as the file tells.
 */
export type ServerFamily = 'official' | 'bitnami' | 'patroni' | 'autofailover' | 'pooler' | 'none';

export interface FamilyInput {
  serviceName: string;
  image?: ImageRef;
  built: boolean;
  /** Names of the environment variables the service sets (environment and env_file). */
  envNames: ReadonlySet<string>;
  volumeTargets: string[];
  /** command and entrypoint as written. */
  commandText: string;
}

/** Variables only the server reads (a client app may set POSTGRES_PASSWORD to connect, never these). */
const SERVER_VARS = /^(POSTGRES_(HOST_AUTH_METHOD|INITDB_ARGS|INITDB_WALDIR)(_FILE)?|PGDATA)$/;
const OFFICIAL_VARS = /^POSTGRES_(PASSWORD|USER|DB)(_FILE)?$/;
const DATABASE_NAME = /^pg|(^|[-_])(postgres(ql)?|db|database|primary|master|replica|slave|standby|timescale|postgis)\d*($|[-_])/i;
const POOLER_NAME = /pgbouncer|pgpool/i;

const anyName = (names: ReadonlySet<string>, pattern: RegExp) => [...names].some((n) => pattern.test(n));

export function serverFamily(input: FamilyInput): ServerFamily {
  const { image, envNames } = input;
  const imageName = image?.name ?? '';
  if (image?.flavor === 'pgbouncer' || image?.flavor === 'pgpool') return 'pooler';
  if (/spilo|patroni/.test(imageName) || anyName(envNames, /^(PATRONI|SPILO)_/)) return 'patroni';
  if (/pg_auto_failover/.test(imageName) || /\bpg_autoctl\b/.test(input.commandText) || anyName(envNames, /^PG_AUTOCTL_/)) return 'autofailover';
  if (image?.flavor === 'bitnami' || image?.flavor === 'bitnami-repmgr') return 'bitnami';
  if (image?.flavor === 'official' || image?.flavor === 'custom') return 'official';
  if (!input.built && image) return 'none';
  // A Dockerfile (or an image we do not know) tells nothing; what the service sets and mounts does.
  if (POOLER_NAME.test(input.serviceName) || anyName(envNames, /^(PGBOUNCER|PGPOOL)_/)) return 'pooler';
  const officialMounts = input.volumeTargets.some((t) => /^\/var\/lib\/postgresql(\/|$)|^\/docker-entrypoint-initdb\.d(\/|$)/.test(t));
  const namedLikeDatabase = DATABASE_NAME.test(input.serviceName) && anyName(envNames, OFFICIAL_VARS);
  if (input.built && (officialMounts || anyName(envNames, SERVER_VARS) || namedLikeDatabase)) return 'official';
  return 'none';
}

/** The flavor a service built from a Dockerfile gets from what it is (PgBouncer, pgpool-II, or a PostgreSQL image of its own). */
export function builtFlavor(family: ServerFamily, serviceName: string): ImageFlavor {
  if (family === 'pooler') return /pgpool/i.test(serviceName) ? 'pgpool' : 'pgbouncer';
  return family === 'none' ? 'unknown' : 'custom';
}
