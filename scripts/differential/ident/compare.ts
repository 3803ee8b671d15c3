/** Our reading of a pg_ident.conf next to PostgreSQL's: rows of the view (15+), or the messages of a reload (13/14). */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { HbaMajor } from '../../../language/formats/pghba/types';
import { parseIdent } from '../../../language/formats/pgident/parser';
import { identRows, type IdentRow } from '../../../language/formats/pgident/rows';
import { validateIdent } from '../../../language/formats/pgident/validator';
import { boundedFileSystem } from '../hba/fileSystem';
import type { LoggedError, PostgresMapping } from './oracle';

export interface Difference {
  key: string;
  what: string;
  ours?: string;
  theirs?: string;
}

interface Ours {
  rows: IdentRow[];
  /** PostgreSQL's words carried by the diagnostics, by document line (0-based). */
  diagnosed: Map<number, string[]>;
}

function diagnosedByLine(diagnostics: Diagnostic[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const d of diagnostics) {
    const postgres = (d.data as { postgres?: string } | undefined)?.postgres;
    if (postgres !== undefined) map.set(d.range.start.line, [...(map.get(d.range.start.line) ?? []), postgres]);
  }
  return map;
}

export function ourReading(major: HbaMajor, text: string, identFile: string): Ours {
  const parsed = parseIdent(text, major, identFile);
  const { rows } = identRows({ major, file: identFile, tokenized: parsed.tokenized, fs: boundedFileSystem });
  return { rows, diagnosed: diagnosedByLine(validateIdent({ parsed, file: identFile, fs: boundedFileSystem })) };
}

const show = (value: unknown) => JSON.stringify(value);

/** Whether a diagnostic on the row's first document line carries `message` (rows of the main file only). */
function diagnosed(ours: Ours, row: IdentRow, identFile: string, message: string, text: string): boolean {
  if (row.line.file !== identFile) return true;
  const line = text.slice(0, row.line.span.start).split('\n').length - 1;
  const endLine = text.slice(0, row.line.span.end).split('\n').length - 1;
  for (let l = line; l <= endLine; l++) if (ours.diagnosed.get(l)?.includes(message)) return true;
  return false;
}

/** 15+: row by row — same file and line, same error, same map / system user / database user. */
export function compareMappings(ours: Ours, theirs: PostgresMapping[], identFile: string, text: string): Difference[] {
  const differences: Difference[] = [];
  for (let i = 0; i < Math.max(ours.rows.length, theirs.length); i++) {
    const a = ours.rows[i];
    const b = theirs[i];
    const key = `${(b ?? a.line).file}:${b?.line ?? a.line.lineNumber}`;
    if (!a || !b) {
      differences.push({ key, what: a ? 'row only in ours' : 'row only in PostgreSQL' });
      continue;
    }
    if (a.line.file !== b.file || a.line.lineNumber !== b.line) {
      differences.push({ key, what: `row ${i + 1}: ours is ${a.line.file}:${a.line.lineNumber}` });
      break;
    }
    const error = a.verdict.error?.message ?? null;
    const entry = a.verdict.entry;
    const names = [entry?.map.text ?? null, entry?.systemUser.text ?? null, entry?.databaseUser.text ?? null];
    if (error !== b.error) differences.push({ key, what: 'different error', ours: show(error), theirs: show(b.error) });
    else if (error && !diagnosed(ours, a, identFile, error, text)) differences.push({ key, what: 'no diagnostic with the error text on the line', theirs: show(error) });
    else if (b.error === null && show(names) !== show([b.map, b.systemUser, b.databaseUser])) differences.push({ key, what: 'different names', ours: show(names), theirs: show([b.map, b.systemUser, b.databaseUser]) });
  }
  return differences;
}

/** 13/14: PostgreSQL logs the tokenizer's errors first, then each rejected mapping; the lines where it names them. */
export function compareLogged(ours: Ours, theirs: LoggedError[]): Difference[] {
  const errors = [...ours.rows.filter((r) => r.line.error), ...ours.rows.filter((r) => !r.line.error && r.verdict.error)];
  const differences: Difference[] = [];
  for (let i = 0; i < Math.max(errors.length, theirs.length); i++) {
    const a = errors[i];
    const b = theirs[i];
    const key = `message ${i + 1} (line ${b?.line ?? a?.line.lineNumber})`;
    if (!a || !b) {
      differences.push({ key, what: a ? 'error only in ours' : 'error only in PostgreSQL', ours: show(a?.verdict.error?.message), theirs: show(b?.message) });
      break;
    }
    if (a.verdict.error!.message !== b.message || (b.line !== undefined && b.line !== a.line.lineNumber)) {
      differences.push({ key, what: 'different message or line', ours: show([a.line.lineNumber, a.verdict.error!.message]), theirs: show([b.line, b.message]) });
      break;
    }
  }
  return differences;
}
