import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic, type DiagnosticData, type DiagnosticParts, type FormatCode } from '../../diagnostics';

export const PGCONF = 'pgconf';

/** Every postgresql.conf diagnostic code, in one place. Codes are stable: tests, docs and quick fixes key on them. */
export const CODES = {
  /** The line does not lex/parse; PostgreSQL refuses the whole file. */
  syntax: 'pgconf/syntax',
  /** A name without a dot that no PostgreSQL major knows. */
  unknownParameter: 'pgconf/unknown-parameter',
  /** Exists in other majors but was removed before (or in) the target major, or before 13 (wal_keep_segments). */
  removedParameter: 'pgconf/removed-parameter',
  /** Exists only in majors newer than the target. */
  addedLaterParameter: 'pgconf/added-later-parameter',
  /** Read-only (internal) parameter: PostgreSQL says it "cannot be changed". */
  internalParameter: 'pgconf/internal-parameter',
  /** Value PostgreSQL cannot parse for the parameter's type (bool, enum, number, checked strings). */
  invalidValue: 'pgconf/invalid-value',
  /** A number with a unit the parameter does not accept (including wrong case: `mb`). */
  invalidUnit: 'pgconf/invalid-unit',
  /** A number outside the parameter's range after unit conversion. */
  outOfRange: 'pgconf/out-of-range',
  /** An earlier setting of a name set again later (the later one wins). */
  overridden: 'pgconf/overridden',
  /** `include` of a missing file or `include_dir` of a missing directory. */
  includeMissing: 'pgconf/include-missing',
  /** `include_if_exists` of a missing file: PostgreSQL only logs that it skips it. */
  includeSkipped: 'pgconf/include-skipped',
  /** An include that leads back to a file already being read. */
  includeCycle: 'pgconf/include-cycle',
  /** Includes nested deeper than PostgreSQL's limit of 10. */
  includeDepth: 'pgconf/include-depth',
  /** An included file that is not read: not a regular file (FIFO, device, socket) or larger than the read limit. */
  includeRefused: 'pgconf/include-refused',
  /** More included files than one check reads (fan-out or diamonds multiplying the files). */
  includeBudget: 'pgconf/include-budget',
  /** max_wal_senders > 0 with wal_level = minimal: the server refuses to start. */
  walSendersNeedReplica: 'pgconf/wal-senders-need-replica',
  /** archive_mode on/always with wal_level = minimal: the server refuses to start. */
  archiveNeedsReplica: 'pgconf/archive-needs-replica',
  /** summarize_wal = on with wal_level = minimal: the server refuses to start (17+). */
  summarizeNeedsReplica: 'pgconf/summarize-wal-needs-replica',
  /** archive_mode on/always with neither archive_command nor archive_library: WAL piles up. */
  archiveWithoutCommand: 'pgconf/archive-without-command',
  /** max_replication_slots = 0 while the configuration uses slots. */
  noReplicationSlots: 'pgconf/no-replication-slots',
  /** superuser_reserved_connections (+ reserved_connections on 16+) >= max_connections: the server refuses to start. */
  reservedConnections: 'pgconf/reserved-connections',
  /** hot_standby = off in a standby configuration: the standby refuses read-only queries. */
  hotStandbyOff: 'pgconf/hot-standby-off',
  /** max_wal_senders below the replicas of the compose service that mounts this file as its config file. */
  sendersForReplicas: 'pgconf/max-wal-senders-replicas',
  /** synchronous_standby_names that PostgreSQL's parser rejects. */
  standbyNamesSyntax: 'pgconf/synchronous-standby-names',
} as const satisfies Record<string, FormatCode<typeof PGCONF>>;

export type PgconfCode = (typeof CODES)[keyof typeof CODES];

/**
 * `Diagnostic.data` of every pgconf diagnostic. Code actions need only `fixes`: each one becomes a
 * CodeAction of kind quickfix with the diagnostic attached. The other fields are context for hovers/tests.
 */
export interface PgconfDiagnosticData extends DiagnosticData {
  /** Parameter name (lower case) the diagnostic is about, when there is one. */
  parameter?: string;
  /** Candidate names or values, best first (did-you-mean). */
  suggestions?: string[];
  /** Majors the parameter exists in (removed / added-later diagnostics). */
  majors?: number[];
}

/** A pgconf diagnostic through the shared builder, its code and data typed for this format. */
export const pgconfDiagnostic = (parts: DiagnosticParts<PgconfCode, PgconfDiagnosticData>): Diagnostic => makeDiagnostic(parts);

/** Quotes a value for postgresql.conf: single quotes, '' for a quote, \\ for a backslash (core/guc.ts). */
export { quoteGucValue as quoteConfValue } from '../../../core/guc';
