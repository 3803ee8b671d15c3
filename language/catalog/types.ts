import type { Major } from '../../core/majors';

/** The majors' one home is core/majors.ts; re-exported here for the catalog's users. */
export { MAJORS, DEFAULT_MAJOR, isMajor, type Major } from '../../core/majors';

/** pg_settings.vartype */
export type VarType = 'bool' | 'integer' | 'real' | 'string' | 'enum';

/** pg_settings.context */
export type GucContext =
  | 'internal'
  | 'postmaster'
  | 'sighup'
  | 'superuser-backend'
  | 'backend'
  | 'superuser'
  | 'user';

/** What one major says about one parameter (a pg_settings row, made compact). */
export interface ParameterVariant {
  vartype: VarType;
  /** pg_settings.unit, e.g. '8kB', 'ms', 's', 'min', 'kB', 'MB', 'B'. */
  unit?: string;
  min?: number;
  max?: number;
  /** Listed enum values (pg_settings.enumvals). */
  enumvals?: string[];
  /**
   * Enum values accepted only by builds with optional libraries (lz4, zstd, liburing, …).
   * Never flagged as errors; completion marks them as build-dependent.
   */
  buildEnumvals?: string[];
  /** Hidden enum aliases PostgreSQL accepts but does not list (wal_level = hot_standby, …). */
  hiddenEnumvals?: string[];
  /** pg_settings.boot_val as text. */
  bootVal: string;
  context: GucContext;
  category: string;
  /** Not in postgresql.conf.sample (developer or internal settings). */
  notInSample: boolean;
}

/** One parameter across majors. */
export interface ParameterRecord {
  name: string;
  /** Majors it exists in, ascending. */
  majors: Major[];
  /** Facts per major (only majors in `majors`). */
  variants: Partial<Record<Major, ParameterVariant>>;
}

/** A parameter as seen by one major, with our own description attached. */
export interface ParameterInfo extends ParameterVariant {
  name: string;
  major: Major;
  majors: Major[];
  description: string;
}

export interface Catalog {
  /** Case-insensitive lookup for one major. */
  get(name: string, major: Major): ParameterInfo | undefined;
  /** Case-insensitive lookup across majors. */
  record(name: string): ParameterRecord | undefined;
  /** Names that exist in `major`, in PostgreSQL's spelling (DateStyle, TimeZone, shared_buffers). */
  names(major: Major): string[];
  /** Lower-case names across all majors. */
  allNames(): string[];
  description(name: string): string | undefined;
}
