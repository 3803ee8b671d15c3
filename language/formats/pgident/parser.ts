/**
 * parseIdent: the lines of a pg_ident.conf as PostgreSQL `major` tokenizes them (the tokenizer pg_hba.conf uses:
 * quoting, commas, comments, continuation 14+, includes 16+), each read as a mapping or an include record.
 */
import type { Range } from 'vscode-languageserver-types';
import { lineStarts, positionAt } from '../pghba/parser';
import { logicalLines, tokenizeLine, type TokenizedLine } from '../pghba/tokenizer';
import type { AuthFileLine, HbaMajor, Span } from '../pghba/types';
import { checkIdentFields, type IdentVerdict } from './check';

export interface IdentLine extends AuthFileLine {
  /** The line's verdict without reading @files (absent for include records). */
  verdict?: IdentVerdict;
}

export interface ParsedIdent {
  major: HbaMajor;
  text: string;
  lines: IdentLine[];
  tokenized: TokenizedLine[];
  rangeOf(span: Span): Range;
  lineStarts: number[];
}

const DIRECTIVES = ['include', 'include_if_exists', 'include_dir'] as const;

/** `file`: the document's path (13/14 put it in some messages). */
export function parseIdent(text: string, major: HbaMajor, file = 'pg_ident.conf'): ParsedIdent {
  const starts = lineStarts(text);
  const rangeOf = (span: Span): Range => ({ start: positionAt(starts, span.start), end: positionAt(starts, span.end) });
  const tokenized = logicalLines(text, major).map((line) => tokenizeLine(line, major));
  const lines: IdentLine[] = [];
  for (const { line, fields } of tokenized) {
    if (!fields.length) continue;
    const entry: IdentLine = { lineNumber: line.lineNumber, span: line.span, range: rangeOf(line.span), fields };
    const directive = DIRECTIVES.find((d) => d === fields[0][0].text);
    if (major >= 16 && directive && fields.length === 2) entry.include = { directive, target: fields[1][0] };
    else entry.verdict = checkIdentFields(fields, major, { file, lineNumber: line.lineNumber });
    lines.push(entry);
  }
  return { major, text, lines, tokenized, rangeOf, lineStarts: starts };
}
