import type { FormatCode } from '../../diagnostics';

/** The format id: the prefix of every code. */
export const IDENT = 'ident';

/** Every pg_ident.conf diagnostic code, in one place. Codes are stable: tests, docs and quick fixes key on them. */
export const IDENT_CODES = {
  /** A token or line longer than PostgreSQL's buffer (13–15, 13). */
  syntax: 'ident/syntax',
  /** A comma list where PostgreSQL wants one value (map name, system user, database user). */
  multipleValues: 'ident/multiple-values',
  /** The line ends before the system user or the database user. */
  missingField: 'ident/missing-field',
  /** A `/regex` system user (or, 16+, database user) PostgreSQL's regular-expression compiler rejects. */
  invalidRegex: 'ident/invalid-regex',
  /** `\1` in the database user while the system-user expression captures nothing: every login through the line fails. */
  backreferenceWithoutGroup: 'ident/backreference-without-group',
  /** Fields after the database user: PostgreSQL ignores them without a word. */
  extraFields: 'ident/extra-fields',
  /** include / include_dir / @file of a file or folder that cannot be opened. */
  missingInclude: 'ident/missing-include',
  /** include_if_exists of a missing file: PostgreSQL logs that it skips it. */
  includeSkipped: 'ident/include-skipped',
  /** Includes nested deeper than PostgreSQL's limit of 10 (16+). */
  includeDepth: 'ident/include-depth',
  /** An included file has lines PostgreSQL rejects (shown on the include line). */
  includedFileErrors: 'ident/included-file-errors',
  // Cross-file: the pg_hba.conf of the same folder.
  /** A map the pg_hba.conf beside this file names (map=NAME) that no line here defines. */
  mapMissing: 'ident/map-missing',
  /** A map defined here that no line of the pg_hba.conf beside this file uses. */
  mapUnused: 'ident/map-unused',
} as const satisfies Record<string, FormatCode<'ident'>>;

export type IdentCode = (typeof IDENT_CODES)[keyof typeof IDENT_CODES];
