/** Quick fixes of pg_ident.conf: a comma list PostgreSQL refuses becomes one mapping line per value. */
import type { Range } from 'vscode-languageserver-types';
import { replaceFix, type Fix } from '../../diagnostics';
import type { HbaToken } from '../pghba/types';
import type { IdentLine, ParsedIdent } from './parser';

/** More lines than this from one line is not what anybody meant. */
const MAX_LINES = 8;

/** A token as it must be written to read back as itself (quoted when it was, or when it holds a blank, comma, quote or #). */
export function written(token: HbaToken): string {
  return token.quoted || /[\s,"#]/.test(token.text) ? `"${token.text.replace(/"/g, '""')}"` : token.text;
}

/** Every combination of the first three fields' values, one mapping line each (the rest of the line is dropped). */
function splitLines(fields: HbaToken[][]): string[] {
  let lines: string[][] = [[]];
  for (const field of fields.slice(0, 3)) lines = lines.flatMap((line) => field.map((token) => [...line, written(token)]));
  return lines.map((line) => line.join(' '));
}

/** The fix of an ident/multiple-values diagnostic on `line`, or none when the split would be too big. */
export function splitFix(parsed: ParsedIdent, line: IdentLine): Fix[] {
  if (line.fields.length < 3 || line.fields.some((field) => field.length > MAX_LINES)) return [];
  const lines = splitLines(line.fields);
  if (lines.length > MAX_LINES) return [];
  const range: Range = parsed.rangeOf(line.span);
  return [replaceFix(`Write ${lines.length} lines, one value each`, range, lines.join('\n'), true)];
}
