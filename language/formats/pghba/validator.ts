/**
 * validateHba: PostgreSQL's verdict on every line of a pg_hba.conf (its messages, with stable codes and precise
 * ranges), what its includes and @files hold, and audit warnings PostgreSQL never gives.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { makeDiagnostic, type Severity as Level } from '../../diagnostics';
import { auditRows } from './audit';
import { checkFields } from './check';
import { HBA_CODES, type HbaCode } from './codes';
import type { ParsedHba } from './parser';
import { hbaRows, type HbaRow } from './rules';
import type { HbaFileSystem, HbaMajor, HbaServer, HbaToken, Span } from './types';
import { isFileToken, type AuthLine } from './files';
import { sameServer } from './reuse';
import type { HbaReport, LineVerdict, Severity } from './verdict';

export interface ValidateHbaInput {
  parsed: ParsedHba;
  /** Defaults to the major the text was parsed for. */
  major?: HbaMajor;
  /** Absolute path of the document: includes and @files are read from its folder. Without it (or `fs`) no other file is read. */
  file?: string;
  fs?: HbaFileSystem;
  /** What is known of the server (build, ssl, oauth_validator_libraries); unknown things are not checked. */
  server?: HbaServer;
}

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'information' };

/** Through the builder every format shares (language/diagnostics.ts): PostgreSQL's words, then the hint. */
function diagnostic(range: Range, severity: Level, code: HbaCode, message: string, hint?: string, data?: object): Diagnostic {
  return makeDiagnostic({ range, severity, code, message, hint, data });
}

/** Where a report goes in the document: its token (or the @file token that brought it), else the line. */
function spanOf(report: HbaReport, row: HbaRow): Span {
  const token: HbaToken | undefined = report.token?.via ?? report.token;
  return token && !token.file ? token.span : row.line.span;
}

/**
 * The parse's verdict on a line, when it holds for this check: same major, nothing known of the server, and the
 * very tokens the parse saw (no @file expanded into the line).
 */
function knownVerdicts(parsed: ParsedHba, major: HbaMajor, server: HbaServer, root?: string): (line: AuthLine) => LineVerdict | undefined {
  if (major !== parsed.major || !sameServer(server, parsed.server)) return () => undefined;
  const byNumber = new Map(parsed.lines.map((line) => [line.lineNumber, line]));
  return (line) => {
    const own = byNumber.get(line.lineNumber);
    if (!own?.verdict || (root !== undefined && line.file !== root) || own.fields.length !== line.fields.length) return undefined;
    const same = own.fields.every((field, i) => field.length === line.fields[i].length && field.every((token, k) => token === line.fields[i][k]));
    return same ? own.verdict : undefined;
  };
}

/** Rows from the lines alone, when no file can be read (@files stay names, includes are not followed). */
function rowsWithoutFiles(parsed: ParsedHba, major: HbaMajor, server: HbaServer): HbaRow[] {
  const known = knownVerdicts(parsed, major, server);
  return parsed.lines
    .filter((line) => !line.include)
    .map((line) => {
      const authLine = { file: '', lineNumber: line.lineNumber, span: line.span, fields: line.fields };
      const verdict = known(authLine) ?? checkFields(line.fields, major, server);
      return { line: authLine, error: verdict.view, rejected: verdict.rejected, reports: verdict.reports, rule: verdict.rule };
    });
}

/** No include record, @file or line cut by a buffer: what PostgreSQL reads is the document's lines alone. */
function readsOnlyItself(parsed: ParsedHba): boolean {
  return parsed.tokenized.every((t) => !t.tooLong && !t.line.tooLong) && parsed.lines.every((line) => !line.include && line.fields.every((field) => field.every((token) => !isFileToken(token))));
}

/** The rows of such a document: its parse's verdicts, when they were made for this major and server. */
function ownRows(parsed: ParsedHba, file: string): HbaRow[] {
  return parsed.lines.map((line) => {
    const verdict = line.verdict!;
    return { line: { file, lineNumber: line.lineNumber, span: line.span, fields: line.fields }, error: verdict.view, rejected: verdict.rejected, reports: verdict.reports, rule: verdict.rule };
  });
}

function includedErrors(rows: HbaRow[], parsed: ParsedHba): Diagnostic[] {
  const byInclude = new Map<number, { span: Span; rows: HbaRow[] }>();
  for (const row of rows) {
    if (!row.line.via || !row.rejected) continue;
    const entry = byInclude.get(row.line.via.lineNumber) ?? { span: row.line.via.span, rows: [] };
    entry.rows.push(row);
    byInclude.set(row.line.via.lineNumber, entry);
  }
  return [...byInclude.values()].map(({ span, rows: bad }) => {
    const first = bad[0];
    const message = `PostgreSQL rejects ${bad.length} line${bad.length > 1 ? 's' : ''} of the included files, e.g. line ${first.line.lineNumber} of "${first.line.file}": ${first.error ?? first.reports.filter((r) => r.fatal).pop()?.message}. A rejected line makes the server refuse the whole configuration`;
    return diagnostic(parsed.rangeOf(span), 'error', HBA_CODES.includedFileErrors, message);
  });
}

export function validateHba(input: ValidateHbaInput): Diagnostic[] {
  const { parsed } = input;
  const major = input.major ?? parsed.major;
  const server = input.server ?? {};
  const diagnostics: Diagnostic[] = [];
  let rows: HbaRow[];
  const root = input.file;
  if (root && major === parsed.major && sameServer(server, parsed.server) && readsOnlyItself(parsed)) rows = ownRows(parsed, root);
  else if (root && input.fs) {
    const read = hbaRows({ major, file: root, tokenized: parsed.tokenized, fs: input.fs, server, known: knownVerdicts(parsed, major, server, root) });
    rows = read.rows;
    for (const note of read.notes.filter((n) => n.file === root)) {
      diagnostics.push(diagnostic(parsed.rangeOf(note.span), 'information', HBA_CODES.includeSkipped, note.message));
    }
    diagnostics.push(...includedErrors(rows, parsed));
  } else rows = rowsWithoutFiles(parsed, major, server);
  const inRoot = (row: HbaRow) => (root && input.fs ? row.line.file === root : true);
  for (const row of rows.filter(inRoot)) {
    for (const report of row.reports) {
      const data = report.view !== undefined && report.view !== report.message ? { postgres: report.message, view: report.view } : { postgres: report.message };
      diagnostics.push(diagnostic(parsed.rangeOf(spanOf(report, row)), LEVEL[report.severity], report.code, report.message, report.hint, data));
    }
  }
  for (const finding of auditRows(rows, { major, server }).filter((f) => inRoot(f.row))) {
    const span = finding.token && !finding.token.file && !finding.token.via ? finding.token.span : finding.row.line.span;
    diagnostics.push(diagnostic(parsed.rangeOf(span), finding.severity, finding.code, finding.message));
  }
  if (rows.length === 0) {
    const range = parsed.lines[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const name = root ?? 'pg_hba.conf';
    diagnostics.push(diagnostic(range, 'error', HBA_CODES.noEntries, `configuration file "${name}" contains no entries. The server refuses to start with it: add at least one rule, e.g. "local all all peer"`));
  }
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
