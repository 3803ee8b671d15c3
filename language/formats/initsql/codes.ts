import type { FormatCode } from '../../diagnostics';

/** The format id: the prefix of every code. */
export const SQL = 'sql';

/** Every diagnostic code of SQL init scripts. Codes are stable: tests, docs and quick fixes key on them. */
export const SQL_CODES = {
  /** PostgreSQL's parser rejects the script: the image's entrypoint (psql with ON_ERROR_STOP) stops there on the first start. */
  syntax: 'sql/syntax',
} as const satisfies Record<string, FormatCode<'sql'>>;

export type SqlCode = (typeof SQL_CODES)[keyof typeof SQL_CODES];
