/**
 * Where the official postgres image keeps a cluster's data, by major: up to 17 PGDATA is
 * /var/lib/postgresql/data and the volume goes there; from 18 PGDATA is /var/lib/postgresql/<major>/docker
 * and the volume goes on /var/lib/postgresql (so an upgrade can keep both majors side by side).
 */

/** First major whose image uses the /var/lib/postgresql/<major>/docker layout. */
export const VERSIONED_DATA_LAYOUT_FROM = 18;
const LEGACY_PGDATA = '/var/lib/postgresql/data';

/** PGDATA inside the official image of `major` (the pre-18 path when the major is unknown). */
export function officialDataDirectory(major: number | undefined): string {
  return major !== undefined && major >= VERSIONED_DATA_LAYOUT_FROM ? `/var/lib/postgresql/${major}/docker` : LEGACY_PGDATA;
}

/** Where a data volume is mounted for the official image of `major`. */
export function officialDataVolumeTarget(major: number | undefined): string {
  return major !== undefined && major >= VERSIONED_DATA_LAYOUT_FROM ? '/var/lib/postgresql' : LEGACY_PGDATA;
}
