/**
 * Completion and hover in a patroni.yml: the keys Patroni reads at the cursor's place (from the generated
 * catalog), PostgreSQL parameters under the two `parameters` maps (the PostgreSQL catalog of the cluster's major),
 * the values of enumerations and booleans; hover says what a key does, its type, default and PATRONI_* variable.
 */
import { CompletionItemKind, type CompletionItem, type CompletionList, type Hover, type Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog, Major } from '../../catalog/types';
import { parameterMarkdown } from '../pgconf/features/describe';
import { PATRONI } from './codes';
import { describePath } from './descriptions';
import type { PyNode, Span } from './document';
import { factsAt, type KeyFacts } from './knowledge';

export interface PatroniFeatureInput {
  doc: TextDocument;
  root: PyNode | undefined;
  knowledge: KeyFacts;
  pgCatalog: Catalog;
  major: Major;
}

const KEY_LINE = /^(\s*)(?:-\s+)?([^\s#:'"][^:#]*?):(?:\s|$)/;

/** The keys enclosing a line, by indentation (block-style YAML, which is how patroni.yml files are written). */
export function parentKeys(lines: readonly string[], line: number, indent: number): string[] {
  const path: string[] = [];
  let limit = indent;
  for (let i = line - 1; i >= 0 && limit > 0; i--) {
    const match = KEY_LINE.exec(lines[i]);
    if (!match || match[1].length >= limit) continue;
    path.unshift(match[2].trim());
    limit = match[1].length;
  }
  return path;
}

const isParameters = (path: readonly string[]) => path.join('.') === 'postgresql.parameters' || path.join('.') === 'bootstrap.dcs.postgresql.parameters';

/** Markdown for a key: our description, type, default, whether the validator requires it, its variable. */
export function keyMarkdown(facts: KeyFacts): string {
  const lines = [`**${facts.path}**`];
  const description = describePath(facts.path);
  if (description) lines.push(description);
  const meta = [
    facts.type ? `Type: ${facts.type}` : undefined,
    facts.default !== undefined && facts.default !== '' ? `Default: \`${JSON.stringify(facts.default)}\`` : undefined,
    facts.required ? 'Required by `patroni --validate-config`' : undefined,
    facts.values ? `Values: ${facts.values.map((v) => `\`${v}\``).join(', ')}` : undefined,
    facts.variable ? `Environment: \`${facts.variable}\`` : undefined,
  ].filter(Boolean);
  if (meta.length) lines.push(meta.join(' · '));
  return lines.join('\n\n');
}

function keyItems(input: PatroniFeatureInput, path: string[]): CompletionItem[] {
  if (isParameters(path)) {
    return input.pgCatalog.names(input.major).map((name) => ({ label: name, kind: CompletionItemKind.Property, insertText: `${name}: `, data: { format: PATRONI, parameter: name, major: input.major } }));
  }
  const facts = factsAt(input.knowledge, path);
  return [...(facts?.children.values() ?? [])].map((child) => {
    const name = child.path.split('.').pop() ?? child.path;
    const nested = child.children.size > 0 || child.type === 'mapping';
    return { label: name, kind: nested ? CompletionItemKind.Module : CompletionItemKind.Property, detail: child.type, insertText: `${name}:${nested ? '\n  ' : ' '}`, documentation: { kind: 'markdown', value: keyMarkdown(child) } };
  });
}

function valueItems(facts: KeyFacts | undefined): CompletionItem[] {
  const values = facts?.values ?? (facts?.type === 'boolean' ? ['true', 'false'] : []);
  return values.map((value) => ({ label: value, kind: CompletionItemKind.EnumMember }));
}

export function patroniCompletions(input: PatroniFeatureInput, position: Position): CompletionList {
  const lines = input.doc.getText().split('\n');
  const before = (lines[position.line] ?? '').slice(0, position.character);
  if (before.includes('#')) return { isIncomplete: false, items: [] };
  const value = /^(\s*)(?:-\s+)?([\w.-]+):\s+(\w*)$/.exec(before);
  if (value) {
    const path = [...parentKeys(lines, position.line, value[1].length), value[2]];
    return { isIncomplete: false, items: valueItems(factsAt(input.knowledge, path)) };
  }
  const key = /^(\s*)(?:-\s+)?([\w.-]*)$/.exec(before);
  if (!key) return { isIncomplete: false, items: [] };
  return { isIncomplete: false, items: keyItems(input, parentKeys(lines, position.line, key[1].length)) };
}

export function resolvePatroniCompletion(item: CompletionItem, pgCatalog: Catalog): CompletionItem {
  const data = item.data as { format?: string; parameter?: string; major?: Major } | undefined;
  if (data?.format !== PATRONI || !data.parameter || !data.major) return item;
  const info = pgCatalog.get(data.parameter, data.major);
  return info ? { ...item, documentation: { kind: 'markdown', value: parameterMarkdown(info) } } : item;
}

const inside = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

/** The path of the key under the offset (or of the value it belongs to). */
export function pathAt(node: PyNode | undefined, offset: number, path: string[] = []): { path: string[]; span: Span } | undefined {
  if (node?.kind === 'list') {
    const item = node.items.find((i) => inside(i, offset));
    return item ? pathAt(item, offset, path) : undefined;
  }
  if (node?.kind !== 'dict') return undefined;
  for (const [name, value] of node.entries) {
    if (value.key && inside(value.key, offset)) return { path: [...path, name], span: value.key };
    if (inside(value, offset)) return pathAt(value, offset, [...path, name]) ?? { path: [...path, name], span: value };
  }
  return undefined;
}

export function patroniHover(input: PatroniFeatureInput, position: Position): Hover | null {
  const found = pathAt(input.root, input.doc.offsetAt(position));
  if (!found) return null;
  const range = { start: input.doc.positionAt(found.span.start), end: input.doc.positionAt(found.span.end) };
  const parent = found.path.slice(0, -1);
  if (isParameters(parent)) {
    const info = input.pgCatalog.get(found.path[found.path.length - 1], input.major);
    return info ? { contents: { kind: 'markdown', value: parameterMarkdown(info) }, range } : null;
  }
  const facts = factsAt(input.knowledge, found.path);
  return facts ? { contents: { kind: 'markdown', value: keyMarkdown(facts) }, range } : null;
}

