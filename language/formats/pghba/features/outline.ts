/** Document symbols (one per rule or include record) and document links (include targets, @file lists). */
import { SymbolKind, type DocumentLink, type DocumentSymbol } from 'vscode-languageserver-types';
import { pathToFileURL } from 'url';
import { absoluteLocation } from '../files';
import type { ParsedHba } from '../parser';
import type { HbaFileSystem } from '../types';

/** Longest symbol name: a line with long lists is cut. */
const MAX_NAME = 80;

const shortened = (text: string) => (text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text);

export function hbaSymbols(parsed: ParsedHba): DocumentSymbol[] {
  return parsed.lines.map((line) => {
    const words = line.fields.map((field) => field.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(','));
    const first = line.fields[0][0];
    const detail = line.include ? line.include.directive : (line.rule?.method ?? '');
    return {
      name: shortened(words.join(' ')),
      detail,
      kind: line.include ? SymbolKind.File : SymbolKind.Key,
      range: line.range,
      selectionRange: parsed.rangeOf(first.span),
    };
  });
}

/** Links to the files an include record or an @file token names, when they exist (folders are not linked). */
export function hbaLinks(parsed: ParsedHba, file: string | undefined, fs: HbaFileSystem): DocumentLink[] {
  if (!file) return [];
  const links: DocumentLink[] = [];
  const add = (name: string, span: { start: number; end: number }) => {
    const target = absoluteLocation(name, file);
    if (fs.exists(target) && !fs.isDirectory(target)) links.push({ range: parsed.rangeOf(span), target: pathToFileURL(target).toString(), tooltip: target });
  };
  for (const line of parsed.lines) {
    if (line.include) {
      if (line.include.directive !== 'include_dir') add(line.include.target.text, line.include.target.span);
      continue;
    }
    for (const token of line.fields.flat()) if (!token.quoted && token.text.length > 1 && token.text.startsWith('@')) add(token.text.slice(1), token.span);
  }
  return links;
}
