import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic, type DiagnosticData, type DiagnosticParts, type FormatCode } from '../../diagnostics';

export const PGPOOL = 'pgpool';

/**
 * Every pgpool.conf diagnostic code. Stable: tests, docs and quick fixes key on them. The first group is what
 * pgpool-II itself refuses (it stops with exit status 3); the rest is what it takes without a word.
 */
export const CODES = {
  /** A token pgpool's configuration parser does not accept where it stands: "syntax error in configuration file". */
  syntax: 'pgpool/syntax',
  /** Not a number, a number with a unit the setting does not take, or not one of an enum's values. */
  invalidValue: 'pgpool/invalid-value',
  /** A number outside the setting's range. */
  outOfRange: 'pgpool/out-of-range',
  /** backend_flagN with an unknown flag or two flags that exclude each other. */
  backendFlag: 'pgpool/backend-flag',
  /** The index of a numbered setting (backend_hostnameN…) has characters other than digits. */
  invalidIndex: 'pgpool/invalid-index',
  /** A numbered setting past pgpool's bound (refused) or at it (one past its table: a text crashes pgpool, a number is written past the end). */
  indexOutOfRange: 'pgpool/index-out-of-range',
  /** recovery_1st/2nd_stage_command set while a backend has no backend_data_directory: pgpool refuses the file. */
  recoveryDataDirectory: 'pgpool/recovery-data-directory',
  /** A name pgpool does not know: it skips the line without a word. */
  unknownSetting: 'pgpool/unknown-setting',
  /** A name renamed in the target version (master_slave_mode → backend_clustering_mode): the old name is ignored. */
  renamedSetting: 'pgpool/renamed-setting',
  /** A name that the target version no longer (or not yet) has. */
  versionSetting: 'pgpool/version-setting',
  /** Not a boolean: pgpool reads it as on. */
  invalidBoolean: 'pgpool/invalid-boolean',
  /** A real setting (backend_weightN) with text that is not a number: pgpool reads it as 0. */
  invalidReal: 'pgpool/invalid-real',
  /** A name with no value: pgpool takes the end of the line as the value. */
  missingValue: 'pgpool/missing-value',
  /** A second word on the line after the value: pgpool reads it as the name of another setting. */
  secondSetting: 'pgpool/second-setting',
  /** An unquoted value starting with `/`: pgpool keeps only the `/`. */
  unquotedPath: 'pgpool/unquoted-path',
  /** A setting set again later: the later line wins. */
  overridden: 'pgpool/overridden',
  /** Streaming replication without sr_check_user/period: pgpool cannot tell which node is primary. */
  primaryDetection: 'pgpool/primary-detection',
  /** SCRAM or md5 to the backends with a pool_passwd that cannot hold the passwords pgpool needs. */
  scramPoolPasswd: 'pgpool/scram-pool-passwd',
  /** follow_primary_command set where pgpool never runs it (no failover_command, not streaming replication). */
  followPrimary: 'pgpool/follow-primary',
  /** num_init_children above what PostgreSQL's default max_connections allows (each child connects to every backend). */
  connections: 'pgpool/connections',
  /** load_balance_mode on while every replica has weight 0: nothing is balanced. */
  loadBalanceWeights: 'pgpool/load-balance-weights',
} as const satisfies Record<string, FormatCode<typeof PGPOOL>>;

export type PgpoolCode = (typeof CODES)[keyof typeof CODES];

export interface PgpoolDiagnosticData extends DiagnosticData {
  /** Setting name as written. */
  setting?: string;
  /** What pgpool-II prints when it refuses the file (FATAL line, then DETAIL/HINT lines), for the differential test. */
  pgpool?: string;
}

/** A pgpool diagnostic through the shared builder, its code and data typed for this format. */
export const pgpoolDiagnostic = (parts: DiagnosticParts<PgpoolCode, PgpoolDiagnosticData>): Diagnostic => makeDiagnostic(parts);
