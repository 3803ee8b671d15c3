/**
 * Enum values that exist only in PostgreSQL builds with optional libraries or platform features.
 * The embedded binaries we generate the catalog from are built without lz4, zstd and liburing, so
 * their pg_settings.enumvals lack values the official Docker images (and Debian's packages) accept.
 * Hand-maintained from the `#ifdef`-guarded config_enum_entry tables in PostgreSQL's source
 * (src/backend/utils/misc/guc_tables.c, src/backend/storage/aio/aio.c, src/backend/access/transam/xlog.c).
 *
 * Values are recorded as `buildEnumvals` for each major in [since, until] where the parameter is an
 * enum and the embedded build does not already list them, so they are never flagged as errors.
 *
 * Deliberately left out: values that exist only on Windows or macOS (`windows` for
 * shared_memory_type / dynamic_shared_memory_type, `fsync_writethrough` for wal_sync_method) — the
 * stacks we check run PostgreSQL on Linux, where PostgreSQL itself rejects them. SSL-related enums
 * (ssl_min_protocol_version, ssl_max_protocol_version) have fixed value lists in every build.
 */
import type { Major } from '../../language/catalog/types';

export interface BuildEnumSupplement {
  parameter: string;
  values: string[];
  since: Major;
  until?: Major;
  /** The build switch in PostgreSQL's source that adds the values. */
  guard: string;
}

export const BUILD_ENUM_VALUES: readonly BuildEnumSupplement[] = [
  // TOAST compression methods: lz4 needs --with-lz4 (parameter added in 14).
  { parameter: 'default_toast_compression', values: ['lz4'], since: 14, guard: 'USE_LZ4' },
  // wal_compression became an enum in 15; lz4 and zstd need --with-lz4 / --with-zstd.
  { parameter: 'wal_compression', values: ['lz4', 'zstd'], since: 15, guard: 'USE_LZ4, USE_ZSTD' },
  // Asynchronous I/O through io_uring needs --with-liburing (parameter added in 18).
  { parameter: 'io_method', values: ['io_uring'], since: 18, guard: 'IOMETHOD_IO_URING_ENABLED' },
  // syncfs() is a Linux system call; listed in case a build's libc lacks it (parameter added in 14).
  { parameter: 'recovery_init_sync_method', values: ['syncfs'], since: 14, guard: 'HAVE_SYNCFS' },
  // Cloning files needs copy_file_range() on Linux (parameter added in 18).
  { parameter: 'file_copy_method', values: ['clone'], since: 18, guard: 'HAVE_COPY_FILE_RANGE' },
];

/** The supplement values for one parameter in one major (before removing what the build already lists). */
export function buildEnumValuesFor(parameter: string, major: Major): string[] {
  const values: string[] = [];
  for (const entry of BUILD_ENUM_VALUES) {
    if (entry.parameter !== parameter.toLowerCase()) continue;
    if (major < entry.since || (entry.until !== undefined && major > entry.until)) continue;
    values.push(...entry.values);
  }
  return values;
}
