/** Our rows for an hba file next to PostgreSQL's, and where they differ (file, line, verdict, message). */
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseHba, type ParsedHba } from '../../../language/formats/pghba/parser';
import { hbaRows, type HbaRow } from '../../../language/formats/pghba/rules';
import { EMBEDDED_BUILD, type HbaMajor } from '../../../language/formats/pghba/types';
import { validateHba } from '../../../language/formats/pghba/validator';
import { boundedFileSystem } from './fileSystem';
import type { PostgresRule } from './oracle';

export interface OurRule {
  file: string;
  line: number;
  error: string | null;
  parsed: boolean;
  /** Our message for a line PostgreSQL drops without filling the error column. */
  logged?: string;
  /** For lines of the checked file: PostgreSQL's words carried by validateHba's diagnostics on the line (view text and log text). */
  diagnosed?: string[];
}

/** The PostgreSQL texts (data.view, data.postgres) of the diagnostics on each document line. */
function diagnosedByLine(diagnostics: Diagnostic[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const d of diagnostics) {
    const data = d.data as { postgres?: string; view?: string } | undefined;
    const texts = [data?.view, data?.postgres].filter((t): t is string => t !== undefined);
    map.set(d.range.start.line, [...(map.get(d.range.start.line) ?? []), ...texts]);
  }
  return map;
}

function diagnosedOn(parsed: ParsedHba, byLine: Map<number, string[]>, row: HbaRow): string[] {
  const range = parsed.rangeOf(row.line.span);
  const texts: string[] = [];
  for (let line = range.start.line; line <= range.end.line; line++) texts.push(...(byLine.get(line) ?? []));
  return texts;
}

/** Our pg_hba_file_rules for the file on disk, for a server like the oracle's (embedded build, no validator libraries). */
export function ourRules(major: HbaMajor, text: string, hbaFile: string, ssl: boolean): OurRule[] {
  const parsed = parseHba(text, major);
  const server = { build: EMBEDDED_BUILD, ssl, oauthValidatorLibraries: [] };
  const { rows } = hbaRows({ major, file: hbaFile, tokenized: parsed.tokenized, fs: boundedFileSystem, server });
  const byLine = diagnosedByLine(validateHba({ parsed, file: hbaFile, fs: boundedFileSystem, server }));
  return rows.map((row: HbaRow) => ({
    file: row.line.file,
    line: row.line.lineNumber,
    error: row.error ?? null,
    parsed: !row.rejected,
    logged: row.reports.filter((r) => r.fatal).pop()?.message,
    diagnosed: row.line.file === hbaFile ? diagnosedOn(parsed, byLine, row) : undefined,
  }));
}

export interface Difference {
  key: string;
  ours?: OurRule;
  theirs?: PostgresRule;
  what: string;
}

function describe(theirs: PostgresRule | undefined, ours: OurRule | undefined): string | undefined {
  if (!theirs) return 'row only in ours';
  if (!ours) return 'row only in PostgreSQL';
  if (theirs.parsed !== ours.parsed) return theirs.parsed ? 'PostgreSQL keeps the line, we drop it' : 'PostgreSQL drops the line, we keep it';
  if (theirs.error !== ours.error) return 'different error column';
  if (!theirs.parsed && theirs.error === null && !theirs.logged.includes(ours.logged ?? '')) return 'different logged message';
  if (ours.diagnosed && theirs.error !== null && !ours.diagnosed.includes(theirs.error)) return 'no diagnostic with the error text on the line';
  if (ours.diagnosed && !theirs.parsed && theirs.error === null && !theirs.logged.some((m) => ours.diagnosed!.includes(m))) return 'no diagnostic with the logged text on the line';
  return undefined;
}

/** Row by row, in order; rows are keyed by file and line (an included file can appear more than once). */
export function compareRules(ours: OurRule[], theirs: PostgresRule[]): Difference[] {
  const differences: Difference[] = [];
  const length = Math.max(ours.length, theirs.length);
  for (let i = 0; i < length; i++) {
    const a = ours[i];
    const b = theirs[i];
    if (a && b && (a.file !== b.file || a.line !== b.line)) {
      differences.push({ key: `${b.file}:${b.line}`, ours: a, theirs: b, what: `row ${i + 1}: ours is ${a.file}:${a.line}` });
      break;
    }
    const what = describe(b, a);
    if (what) differences.push({ key: `${(b ?? a)!.file}:${(b ?? a)!.line}`, ours: a, theirs: b, what });
  }
  return differences;
}
