/**
 * validateIdent: PostgreSQL's verdict on every line of a pg_ident.conf (its messages, stable `ident/…` codes,
 * precise ranges), what its includes and @files hold, what it accepts but gets wrong at login, and the maps
 * against the pg_hba.conf beside it.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic, type DiagnosticData } from '../../diagnostics';
import type { AuthLine } from '../pghba/files';
import type { HbaFileSystem, HbaToken, Span } from '../pghba/types';
import type { IdentReport } from './check';
import { IDENT_CODES } from './codes';
import { identMapDiagnostics } from './crossFile';
import { splitFix } from './fixes';
import type { ParsedIdent } from './parser';
import { identRows, type IdentRow, type IdentRows } from './rows';

export interface ValidateIdentInput {
  parsed: ParsedIdent;
  /** Absolute path of the document: includes, @files and the pg_hba.conf beside it are read from its folder. */
  file?: string;
  fs?: HbaFileSystem;
}

/** Where a report goes in the document: its token (or the @file token that brought it), else the line. */
function spanOf(report: IdentReport, row: IdentRow): Span {
  const token: HbaToken | undefined = report.token?.via ?? report.token;
  return token && !token.file ? token.span : row.line.span;
}

function reportDiagnostic(parsed: ParsedIdent, span: Span, report: IdentReport, row: IdentRow): Diagnostic {
  const own = report.code === IDENT_CODES.multipleValues && !row.line.via ? parsed.lines.find((line) => line.lineNumber === row.line.lineNumber) : undefined;
  const fixes = own && own.fields === row.line.fields ? splitFix(parsed, own) : [];
  // PostgreSQL's own words, for the differential test (the message adds our hint).
  const data: (DiagnosticData & { postgres?: string }) | undefined = report.severity === 'error' ? { postgres: report.message, ...(fixes.length ? { fixes } : {}) } : undefined;
  return makeDiagnostic({ range: parsed.rangeOf(span), severity: report.severity, code: report.code, message: report.message, hint: report.hint, data });
}

/** Rows from the lines alone, when no file can be read (@files stay names, includes are not followed). */
function rowsWithoutFiles(parsed: ParsedIdent): IdentRows {
  const rows = parsed.lines
    .filter((line) => !line.include && line.verdict)
    .map((line) => ({ line: { file: '', lineNumber: line.lineNumber, span: line.span, fields: line.fields }, verdict: line.verdict! }));
  return { rows, notes: [] };
}

/** The parse's verdict on a line of the document whose tokens are the very ones read (no @file expanded). */
function knownVerdicts(parsed: ParsedIdent, root: string) {
  const byNumber = new Map(parsed.lines.map((line) => [line.lineNumber, line]));
  return (line: AuthLine) => {
    const own = byNumber.get(line.lineNumber);
    if (!own?.verdict || line.file !== root || own.fields.length !== line.fields.length) return undefined;
    return own.fields.every((field, i) => field.length === line.fields[i].length && field.every((t, k) => t === line.fields[i][k])) ? own.verdict : undefined;
  };
}

/** One error on each include line whose files hold lines PostgreSQL rejects. */
function includedErrors(parsed: ParsedIdent, rows: IdentRow[]): Diagnostic[] {
  const byInclude = new Map<number, { span: Span; bad: IdentRow[] }>();
  for (const row of rows) {
    if (!row.line.via || !row.verdict.error) continue;
    const entry = byInclude.get(row.line.via.lineNumber) ?? { span: row.line.via.span, bad: [] };
    entry.bad.push(row);
    byInclude.set(row.line.via.lineNumber, entry);
  }
  return [...byInclude.values()].map(({ span, bad }) => {
    const first = bad[0];
    const message = `PostgreSQL rejects ${bad.length} line${bad.length > 1 ? 's' : ''} of the included files, e.g. line ${first.line.lineNumber} of "${first.line.file}": ${first.verdict.error!.message}`;
    return makeDiagnostic({ range: parsed.rangeOf(span), severity: 'error', code: IDENT_CODES.includedFileErrors, message, hint: 'The server then keeps its previous maps (on a reload) or starts without any.' });
  });
}

export function validateIdent(input: ValidateIdentInput): Diagnostic[] {
  const { parsed, file: root, fs } = input;
  const read = root && fs ? identRows({ major: parsed.major, file: root, tokenized: parsed.tokenized, fs, known: knownVerdicts(parsed, root) }) : rowsWithoutFiles(parsed);
  const diagnostics: Diagnostic[] = [];
  for (const note of read.notes.filter((n) => n.file === root)) {
    diagnostics.push(makeDiagnostic({ range: parsed.rangeOf(note.span), severity: 'information', code: IDENT_CODES.includeSkipped, message: note.message }));
  }
  diagnostics.push(...includedErrors(parsed, read.rows));
  for (const row of read.rows.filter((r) => !root || !fs || r.line.file === root)) {
    const { error, notes } = row.verdict;
    for (const report of error ? [error] : notes) diagnostics.push(reportDiagnostic(parsed, spanOf(report, row), report, row));
  }
  if (root && fs) diagnostics.push(...identMapDiagnostics(read, root, fs, parsed.major, (token) => parsed.rangeOf(token.span)));
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
