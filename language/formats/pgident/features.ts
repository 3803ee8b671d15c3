/** Completion, hover and symbols of pg_ident.conf over one parse. */
import { CompletionItemKind, SymbolKind, type CompletionItem, type DocumentSymbol, type Hover, type Position } from 'vscode-languageserver-types';
import { lineAt } from '../pghba/features/hover';
import { lineStartOffset } from '../pghba/parser';
import { describeEntry, FIELD_WORDS, IDENT_KEYWORDS, INCLUDE_WORDS } from './describe';
import type { ParsedIdent } from './parser';

const offsetOf = (parsed: ParsedIdent, position: Position) => lineStartOffset(parsed, position.line) + position.character;

/** Which field an offset is in: the number of fields that end before it on its logical line. */
function fieldIndexAt(parsed: ParsedIdent, offset: number): { index: number; first?: string; systemUser?: string } {
  const line = parsed.tokenized.find(({ line: l }) => l.span.start <= offset && offset <= l.span.end);
  const fields = line?.fields ?? [];
  return { index: fields.filter((f) => f[f.length - 1].span.end < offset).length, first: fields[0]?.[0].text, systemUser: fields[1]?.[0].text };
}

/** `known` are map names worth offering (defined here, or named by the pg_hba.conf beside). */
export function identCompletions(parsed: ParsedIdent, position: Position, known: string[]): CompletionItem[] {
  const { index, first, systemUser } = fieldIndexAt(parsed, offsetOf(parsed, position));
  if (index === 0) {
    const maps = known.map((name) => ({ label: name, kind: CompletionItemKind.Variable, detail: 'map name' }));
    const includes = parsed.major >= 16 ? Object.keys(INCLUDE_WORDS).map((label) => ({ label, kind: CompletionItemKind.Keyword, detail: 'include record (16+)' })) : [];
    return [...maps, ...includes];
  }
  if (first?.startsWith('include') && parsed.major >= 16) return [];
  if (index === 1) return [{ label: '/^(.*)$', kind: CompletionItemKind.Snippet, detail: 'system user: regular expression' }];
  if (index !== 2) return [];
  return Object.entries(IDENT_KEYWORDS)
    .filter(([label, { since }]) => parsed.major >= since && (label !== '\\1' || systemUser?.startsWith('/')))
    .map(([label]) => ({ label, kind: CompletionItemKind.Constant, detail: 'database user' }));
}

/** completionItem/resolve: the documentation of an item identCompletions made. */
export function identDocumentation(item: CompletionItem): string | undefined {
  if (item.detail === 'include record (16+)') return INCLUDE_WORDS[item.label];
  if (item.detail === 'database user') return IDENT_KEYWORDS[item.label]?.words;
  if (item.detail === 'map name') return FIELD_WORDS[0];
  if (item.detail?.startsWith('system user')) return FIELD_WORDS[1];
  return undefined;
}

export function identHover(parsed: ParsedIdent, position: Position): Hover | null {
  const offset = offsetOf(parsed, position);
  const line = lineAt(parsed, offset);
  if (!line) return null;
  let range = line.range;
  let word: string | undefined;
  line.fields.forEach((field, index) => {
    const token = field.find((t) => t.span.start <= offset && offset < t.span.end);
    if (!token) return;
    range = parsed.rangeOf(token.span);
    word = line.include ? (index === 0 ? INCLUDE_WORDS[token.text] : undefined) : FIELD_WORDS[index];
  });
  const entry = line.verdict?.entry;
  const head = entry ? describeEntry(entry, parsed.major) : line.include ? INCLUDE_WORDS[line.include.directive] : (line.verdict?.error?.message ?? '');
  return { contents: { kind: 'markdown', value: word && word !== head ? `${head}\n\n---\n\n${word}` : head }, range };
}

export function identSymbols(parsed: ParsedIdent): DocumentSymbol[] {
  return parsed.lines.map((line) => {
    const entry = line.verdict?.entry;
    const first = line.fields[0][0];
    return {
      name: entry ? entry.map.text : first.text,
      detail: entry ? `${entry.systemUser.text} → ${entry.databaseUser.text}` : line.include ? line.include.target.text : line.fields.map((f) => f.map((t) => t.text).join(',')).join(' '),
      kind: line.include ? SymbolKind.File : SymbolKind.Key,
      range: line.range,
      selectionRange: parsed.rangeOf(first.span),
    };
  });
}
