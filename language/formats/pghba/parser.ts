/**
 * parseHba: the lines of a pg_hba.conf as PostgreSQL `major` tokenizes them, each read as a rule or an include
 * record, with the span of every token (no file is read: @file lists stay single tokens here).
 */
import type { Range } from 'vscode-languageserver-types';
import { checkFields } from './check';
import { logicalLines, logicalLinesFrom, tokenizeLine, type TokenizedLine } from './tokenizer';
import { NOTHING_REUSED, reusable, reusedPrefix, reusedSuffix } from './reuse';
import type { AuthFileLine, HbaMajor, HbaServer, Span } from './types';
import type { HbaRule, LineVerdict } from './verdict';

export interface HbaLine extends AuthFileLine {
  /** The line read as a rule, as far as PostgreSQL would get (without reading @files). */
  rule?: HbaRule;
  /** checkFields' verdict on the line for the parse's server (validateHba reuses it). */
  verdict?: LineVerdict;
}

export interface ParsedHba {
  major: HbaMajor;
  /** The server the lines' verdicts were made for. */
  server: HbaServer;
  text: string;
  lines: HbaLine[];
  /** The tokenizer's output, for validateHba (which reads @files and includes). */
  tokenized: TokenizedLine[];
  /** Offset ↔ position conversion for this text. */
  rangeOf(span: Span): Range;
  /** Offset of the first character of each line. */
  lineStarts: number[];
  /** A later version's parse took over this parse's lines (moved to that version's offsets): not to be read any more. */
  moved?: boolean;
}

/** The offset where a (0-based) line starts; the text's end past the last line. */
export function lineStartOffset(parsed: Pick<ParsedHba, 'lineStarts' | 'text'>, line: number): number {
  return line < parsed.lineStarts.length ? parsed.lineStarts[Math.max(0, line)] : parsed.text.length;
}

/** Line start offsets, for spans → ranges. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - starts[low] };
}

const DIRECTIVES = ['include', 'include_if_exists', 'include_dir'] as const;

/** Parses `text`; with the parse of the document's previous version, only from the first changed line on. */
/** `server`: what is known of the server the verdicts are for (the service passes the postgresql.conf facts beside the file). */
export function parseHba(text: string, major: HbaMajor, previous?: ParsedHba, server: HbaServer = {}): ParsedHba {
  const starts = lineStarts(text);
  const rangeOf = (span: Span): Range => ({ start: positionAt(starts, span.start), end: positionAt(starts, span.end) });
  const lineOf = (offset: number) => positionAt(starts, offset).line;
  const reused = reusable(previous, major, server) ? reusedPrefix(previous, text, lineOf) : NOTHING_REUSED;
  const suffix = reusable(previous, major, server) ? reusedSuffix(previous, text, reused.same, lineOf, rangeOf) : undefined;
  const logical = reused.tokenized.length || suffix ? logicalLinesFrom(text, reused.from, reused.lineNumber, suffix?.until) : logicalLines(text, major);
  const fresh = logical.map((line) => tokenizeLine(line, major));
  const tokenized = [...reused.tokenized, ...fresh, ...(suffix?.tokenized ?? [])];
  const lines: HbaLine[] = [...reused.lines];
  for (const { line, fields } of fresh) {
    if (!fields.length) continue;
    const entry: HbaLine = { lineNumber: line.lineNumber, span: line.span, range: rangeOf(line.span), fields };
    const directive = DIRECTIVES.find((d) => d === fields[0][0].text);
    if (major >= 16 && directive && fields.length === 2) entry.include = { directive, target: fields[1][0] };
    else {
      entry.verdict = checkFields(fields, major, server);
      entry.rule = entry.verdict.rule;
    }
    lines.push(entry);
  }
  if (suffix) lines.push(...suffix.lines);
  return { major, server, text, lines, tokenized, rangeOf, lineStarts: starts };
}
