/** The rows pg_hba_file_rules would show for a file: every kept line, with PostgreSQL's verdict on it. */
import { checkFields } from './check';
import { readAuthLines, type AuthLine, type ReadContext, type ReadNote } from './files';
import type { TokenizedLine } from './tokenizer';
import type { HbaFileSystem, HbaMajor, HbaServer } from './types';
import type { HbaReport, HbaRule, LineVerdict } from './verdict';

export interface HbaRow {
  line: AuthLine;
  /** The error column. */
  error?: string;
  /** PostgreSQL drops the line. */
  rejected: boolean;
  /** Everything found on the line, in PostgreSQL's order (the last fatal one ends the checks). */
  reports: HbaReport[];
  rule?: HbaRule;
}

export interface HbaRows {
  rows: HbaRow[];
  notes: ReadNote[];
}

export interface RowsInput {
  major: HbaMajor;
  /** Absolute path of the file (includes are resolved from its folder). */
  file: string;
  tokenized: TokenizedLine[];
  fs: HbaFileSystem;
  server?: HbaServer;
  /** A verdict already made on the same tokens (the document's own parse), so a line is not checked twice. */
  known?: (line: AuthLine) => LineVerdict | undefined;
}

function row(line: AuthLine, major: HbaMajor, server: HbaServer, known?: RowsInput['known']): HbaRow {
  if (line.error) {
    const report: HbaReport = { code: line.error.code, message: line.error.message, view: line.error.message, fatal: true, severity: 'error', token: line.error.token };
    return { line, error: line.error.message, rejected: true, reports: [report] };
  }
  const verdict = known?.(line) ?? checkFields(line.fields, major, server);
  return { line, error: verdict.view, rejected: verdict.rejected, reports: verdict.reports, rule: verdict.rule };
}

/** What PostgreSQL `major` reads from the file and its includes, line by line (fill_hba_view). */
export function hbaRows(input: RowsInput): HbaRows {
  const ctx: ReadContext = { major: input.major, fs: input.fs, notes: [] };
  const lines = readAuthLines(ctx, input.file, input.tokenized, 0);
  return { rows: lines.map((line) => row(line, input.major, input.server ?? {}, input.known)), notes: ctx.notes };
}
