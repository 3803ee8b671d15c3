import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic, type DiagnosticData, type DiagnosticParts, type FormatCode } from '../../diagnostics';

export const PGBOUNCER = 'pgbouncer';

/** Every pgbouncer.ini diagnostic code. Codes are stable: tests, docs and quick fixes key on them. */
export const PGBOUNCER_CODES = {
  /** A line PgBouncer cannot read (no `=`, unterminated `[section`, a `%` line that is not `%include file`). */
  syntax: 'pgbouncer/syntax',
  /** A section other than databases, users, pgbouncer (and peers from 1.21). */
  unknownSection: 'pgbouncer/unknown-section',
  /** A setting before any section header. */
  noSection: 'pgbouncer/value-without-section',
  /** No [pgbouncer] section at all (the program refuses the file). */
  mainSectionMissing: 'pgbouncer/main-section-missing',
  /** A [pgbouncer] key the version does not know. */
  unknownParameter: 'pgbouncer/unknown-parameter',
  /** A [pgbouncer] key that only newer versions know. */
  addedLaterParameter: 'pgbouncer/added-later-parameter',
  /** A value the program refuses for the setting's type (integer, duration, enum). */
  invalidValue: 'pgbouncer/invalid-value',
  /** A [databases] / [users] / [peers] entry the program refuses (syntax, unknown key, bad port or pool mode). */
  invalidEntry: 'pgbouncer/invalid-entry',
  /** A connection-string key the version does not know. */
  unknownConnectionKey: 'pgbouncer/unknown-connection-parameter',
  /** `%include` of a file that cannot be read. */
  includeMissing: 'pgbouncer/include-missing',
  /** `%include` that leads back to a file being read. */
  includeCycle: 'pgbouncer/include-cycle',
  /** A key set again later in the same section (the later one wins). */
  overridden: 'pgbouncer/overridden',
  /** listen_port outside 1–65535: the program takes it and uses the port number modulo 65536. */
  portRange: 'pgbouncer/port-out-of-range',
  /** A negative count or size: the program takes it. */
  negativeCount: 'pgbouncer/negative-count',
  /** client_tls_sslmode other than disable without client_tls_key_file and client_tls_cert_file: no start. */
  tlsWithoutKey: 'pgbouncer/tls-without-key',
  /** auth_type = cert without client_tls_sslmode = verify-full: the program refuses the file. */
  certWithoutVerify: 'pgbouncer/cert-needs-verify-full',
  /** auth_type = hba without auth_hba_file. */
  hbaWithoutFile: 'pgbouncer/hba-without-file',
  /** auth_query set without auth_user (the query is never run). */
  authQueryWithoutUser: 'pgbouncer/auth-query-without-user',
  /** auth_file that does not exist: the program logs an error and refuses every password login. */
  authFileMissing: 'pgbouncer/auth-file-missing',
  /** The pools sending to one server may open more connections than it allows (max_connections minus reserved). */
  poolsOverServer: 'pgbouncer/pools-exceed-server',
  onlyOnReplica: 'pgbouncer/only-on-replica',
  /** An auth_file PgBouncer stops reading ("broken auth file"). */
  authFileBroken: 'pgbouncer/auth-file-broken',
  /** auth_type = scram-sha-256 with md5 secrets in the auth_file: PgBouncer refuses those users ("SASL authentication failed"). */
  md5ForScram: 'pgbouncer/md5-secret-for-scram',
  /** pool_mode = transaction or statement: named prepared statements break without max_prepared_statements. */
  preparedStatements: 'pgbouncer/prepared-statements',
} as const satisfies Record<string, FormatCode<typeof PGBOUNCER>>;

export type PgbouncerCode = (typeof PGBOUNCER_CODES)[keyof typeof PGBOUNCER_CODES];

export interface PgbouncerDiagnosticData extends DiagnosticData {
  /** The key or section name the diagnostic is about. */
  name?: string;
}

export const pgbouncerDiagnostic = (parts: DiagnosticParts<PgbouncerCode, PgbouncerDiagnosticData>): Diagnostic => makeDiagnostic(parts);
