/** Hover on a pg_hba.conf line: what the line lets in, in words, and what the word under the cursor means. */
import type { Hover, Position } from 'vscode-languageserver-types';
import { describeLine } from '../describe';
import { lineStartOffset, type HbaLine, type ParsedHba } from '../parser';
import type { HbaToken, Span } from '../types';
import { ADDRESS_WORDS, CONNECTION_WORDS, DATABASE_WORDS, METHOD_WORDS, OPTION_WORDS, ROLE_WORDS } from './words';

/** The line holding an offset (lines are in text order: a binary search; pg_ident.conf's lines too). */
export function lineAt<Line extends { span: Span }>(parsed: { lines: Line[] }, offset: number): Line | undefined {
  let low = 0;
  let high = parsed.lines.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const { span } = parsed.lines[mid];
    if (offset < span.start) high = mid - 1;
    else if (offset > span.end) low = mid + 1;
    else return parsed.lines[mid];
  }
  return undefined;
}

/** What the token means where it stands: a connection type, a keyword, a method, an option. */
function wordOf(line: HbaLine, fieldIndex: number, token: HbaToken): string | undefined {
  if (fieldIndex === 0) return CONNECTION_WORDS[token.text];
  if (token.quoted) return undefined;
  if (line.include) return undefined;
  const local = line.fields[0][0].text === 'local';
  const methodIndex = local ? 3 : 4;
  if (fieldIndex === 1) return DATABASE_WORDS[token.text];
  if (fieldIndex === 2) return ROLE_WORDS[token.text] ?? (token.text.startsWith('+') ? `Every member of role ${token.text.slice(1)}, directly or through other roles.` : undefined);
  if (fieldIndex === 3 && !local) return ADDRESS_WORDS[token.text];
  if (fieldIndex === methodIndex) return METHOD_WORDS[token.text];
  if (fieldIndex > methodIndex) return OPTION_WORDS[token.text.split('=')[0]];
  return undefined;
}

export function hbaHover(parsed: ParsedHba, position: Position): Hover | null {
  const offset = lineStartOffset(parsed, position.line) + position.character;
  const line = lineAt(parsed, offset);
  if (!line) return null;
  let word: string | undefined;
  let range = line.range;
  line.fields.forEach((field, index) => {
    const token = field.find((t) => t.span.start <= offset && offset < t.span.end);
    if (!token) return;
    word = wordOf(line, index, token);
    range = parsed.rangeOf(token.span);
  });
  const value = word ? `${describeLine(line)}\n\n---\n\n${word}` : describeLine(line);
  return { contents: { kind: 'markdown', value }, range };
}
