/** The rows pg_ident_file_mappings would show for a file (15+), and what 13/14 log for it on a reload. */
import { HBA_CODES, type HbaCode } from '../pghba/codes';
import { readAuthLines, type AuthLine, type ReadContext, type ReadNote } from '../pghba/files';
import type { TokenizedLine } from '../pghba/tokenizer';
import type { HbaFileSystem, HbaMajor } from '../pghba/types';
import { checkIdentFields, type IdentVerdict } from './check';
import { IDENT_CODES, type IdentCode } from './codes';

/** The shared reader of includes and @files reports in pg_hba.conf codes: the same findings in ours. */
const READ_CODES: Partial<Record<HbaCode, IdentCode>> = {
  [HBA_CODES.syntax]: IDENT_CODES.syntax,
  [HBA_CODES.missingInclude]: IDENT_CODES.missingInclude,
  [HBA_CODES.includeDepth]: IDENT_CODES.includeDepth,
};

export interface IdentRow {
  line: AuthLine;
  verdict: IdentVerdict;
}

export interface IdentRows {
  rows: IdentRow[];
  notes: ReadNote[];
}

function rowOf(line: AuthLine, major: HbaMajor, known?: (line: AuthLine) => IdentVerdict | undefined): IdentRow {
  if (line.error) {
    const code = READ_CODES[line.error.code] ?? IDENT_CODES.syntax;
    return { line, verdict: { error: { code, message: line.error.message, severity: 'error', token: line.error.token }, notes: [] } };
  }
  return { line, verdict: known?.(line) ?? checkIdentFields(line.fields, major, line) };
}

/** What PostgreSQL `major` reads from the file and its includes, line by line (fill_ident_view / load_ident). */
export function identRows(input: { major: HbaMajor; file: string; tokenized: TokenizedLine[]; fs: HbaFileSystem; known?: (line: AuthLine) => IdentVerdict | undefined }): IdentRows {
  const ctx: ReadContext = { major: input.major, fs: input.fs, notes: [] };
  const lines = readAuthLines(ctx, input.file, input.tokenized, 0);
  return { rows: lines.map((line) => rowOf(line, input.major, input.known)), notes: ctx.notes };
}
