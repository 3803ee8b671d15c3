/** SQL quoting: the one home for identifiers and literals pgha writes into statements it runs. */

/** An identifier as PostgreSQL reads it: always double-quoted, `""` for a double quote inside (so case is kept). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string literal: `'…'` with `''` for a quote; an E'' literal when it holds a backslash (whatever standard_conforming_strings says). */
export function quoteLiteral(value: string): string {
  const body = value.replace(/'/g, "''");
  return value.includes('\\') ? `E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}
