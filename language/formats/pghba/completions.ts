/** hbaCompletions: what can be typed at a position: connection types, keywords, address forms, methods, options (per major). */
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { methodsOf } from './check';
import { ADDRESS_WORDS, CONNECTION_WORDS, DATABASE_WORDS, METHOD_WORDS, OPTION_WORDS, ROLE_WORDS } from './features/words';
import { optionNames } from './options';
import { lineStartOffset, type ParsedHba } from './parser';
import type { HbaMajor } from './types';
import { CONNECTION_TYPES } from './verdict';

/** `documentation` is filled by completionItem/resolve (hbaDocumentation), the list stays small. */
const item = (label: string, kind: CompletionItemKind, detail: string): CompletionItem => ({ label, kind, detail });

/** Which field an offset is in: the number of fields that end before it on its logical line. */
export function fieldAt(parsed: ParsedHba, offset: number): { index: number; fields: string[] } {
  const line = parsed.tokenized.find(({ line: l }) => l.span.start <= offset && offset <= l.span.end);
  const fields = line?.fields ?? [];
  const before = fields.filter((f) => f[f.length - 1].span.end < offset);
  return { index: before.length, fields: fields.map((f) => f[0].text) };
}

function optionsFor(major: HbaMajor, method: string, type: string): CompletionItem[] {
  return Object.entries(optionNames(major))
    .filter(([, methods]) => methods.includes(method) || (methods[0] === 'any method on hostssl' && type === 'hostssl'))
    .map(([name]) => ({ ...item(`${name}=`, CompletionItemKind.Property, `option of ${method}`), insertText: `${name}=` }));
}

const keywords = (words: Record<string, string>, kind: CompletionItemKind, detail: string) => Object.keys(words).map((k) => item(k, kind, detail));

export function hbaCompletions(parsed: ParsedHba, position: Position, major: HbaMajor = parsed.major): CompletionItem[] {
  const { index, fields } = fieldAt(parsed, lineStartOffset(parsed, position.line) + position.character);
  const type = fields[0];
  if (index === 0) {
    const types = CONNECTION_TYPES.map((t) => item(t, CompletionItemKind.Keyword, 'connection type'));
    const includes = major >= 16 ? ['include', 'include_if_exists', 'include_dir'].map((d) => item(d, CompletionItemKind.Keyword, 'include record (16+)')) : [];
    return [...types, ...includes];
  }
  if (fields[0]?.startsWith('include') && major >= 16) return [];
  if (index === 1) return keywords(DATABASE_WORDS, CompletionItemKind.Constant, 'database keyword');
  if (index === 2) return keywords(ROLE_WORDS, CompletionItemKind.Constant, 'any role (+name: members of a role, @file: a list)');
  const methodIndex = type === 'local' ? 3 : 4;
  if (index === 3 && type !== 'local') return keywords(ADDRESS_WORDS, CompletionItemKind.Value, 'address');
  if (index === methodIndex) return methodsOf(major).map((m) => item(m, CompletionItemKind.EnumMember, 'authentication method'));
  if (index > methodIndex && fields[methodIndex]) return optionsFor(major, type === 'local' && fields[methodIndex] === 'ident' ? 'peer' : fields[methodIndex], type);
  return [];
}

const DOCUMENTATION: Record<string, Record<string, string>> = {
  'connection type': CONNECTION_WORDS,
  'include record (16+)': CONNECTION_WORDS,
  'database keyword': DATABASE_WORDS,
  address: ADDRESS_WORDS,
  'authentication method': METHOD_WORDS,
};

/** The documentation of an item hbaCompletions made (completionItem/resolve). */
export function hbaDocumentation(item: CompletionItem): string | undefined {
  if (item.detail?.startsWith('option of ')) return OPTION_WORDS[item.label.replace(/=$/, '')];
  if (item.detail?.startsWith('any role')) return ROLE_WORDS[item.label];
  return DOCUMENTATION[item.detail ?? '']?.[item.label];
}
