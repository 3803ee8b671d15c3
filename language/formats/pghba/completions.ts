/** hbaCompletions: what can be typed at a position: connection types, keywords, address forms, methods, options (per major). */
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { methodsOf } from './check';
import { optionNames } from './options';
import type { ParsedHba } from './parser';
import type { HbaMajor } from './types';
import { CONNECTION_TYPES } from './verdict';

const item = (label: string, kind: CompletionItemKind, detail: string): CompletionItem => ({ label, kind, detail });

/** Which field the position is in: the number of fields that end before it on its line. */
function fieldIndex(parsed: ParsedHba, position: Position): { index: number; fields: string[] } {
  const lineStart = parsed.text.split('\n').slice(0, position.line).reduce((sum, l) => sum + l.length + 1, 0);
  const offset = lineStart + position.character;
  const line = parsed.tokenized.find(({ line: l }) => l.span.start <= offset && offset <= l.span.end);
  const fields = line?.fields ?? [];
  const before = fields.filter((f) => f[f.length - 1].span.end < offset);
  return { index: before.length, fields: fields.map((f) => f[0].text) };
}

function optionsFor(major: HbaMajor, method: string, type: string): CompletionItem[] {
  const names = optionNames(major);
  return Object.entries(names)
    .filter(([, methods]) => methods.includes(method) || (methods[0] === 'any method on hostssl' && type === 'hostssl'))
    .map(([name]) => ({ ...item(`${name}=`, CompletionItemKind.Property, `option of ${method}`), insertText: `${name}=` }));
}

export function hbaCompletions(parsed: ParsedHba, position: Position, major: HbaMajor = parsed.major): CompletionItem[] {
  const { index, fields } = fieldIndex(parsed, position);
  const type = fields[0];
  if (index === 0) {
    const types = CONNECTION_TYPES.map((t) => item(t, CompletionItemKind.Keyword, 'connection type'));
    const includes = major >= 16 ? ['include', 'include_if_exists', 'include_dir'].map((d) => item(d, CompletionItemKind.Keyword, 'include record (16+)')) : [];
    return [...types, ...includes];
  }
  if (index === 1) return ['all', 'sameuser', 'samerole', 'replication'].map((k) => item(k, CompletionItemKind.Constant, 'database keyword'));
  if (index === 2) return ['all'].map((k) => item(k, CompletionItemKind.Constant, 'any role (+name: members of a role, @file: a list)'));
  const methodIndex = type === 'local' ? 3 : 4;
  if (index === 3 && type !== 'local') {
    return ['all', 'samehost', 'samenet', '127.0.0.1/32', '::1/128', '10.0.0.0/8', '192.168.0.0/16'].map((k) => item(k, CompletionItemKind.Value, 'address'));
  }
  if (index === methodIndex) return methodsOf(major).map((m) => item(m, CompletionItemKind.EnumMember, 'authentication method'));
  if (index > methodIndex && fields[methodIndex]) return optionsFor(major, type === 'local' && fields[methodIndex] === 'ident' ? 'peer' : fields[methodIndex], type);
  return [];
}
