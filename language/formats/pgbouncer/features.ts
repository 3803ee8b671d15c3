/**
 * pgbouncer.ini editor features over one parse: completion (sections, settings, enum values, entry keys),
 * hover (own-words descriptions with the catalog's facts), symbols (sections with their databases, users,
 * settings) and folding per section.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, SymbolKind, type CompletionItem, type CompletionList, type DocumentSymbol, type FoldingRange, type Hover, type Position } from 'vscode-languageserver-types';
import { sharedRangeList } from '../../service/completionList';
import { PGBOUNCER } from './codes';
import { parseConnString } from './connString';
import { ENTRY_KEY_DESCRIPTIONS, SECTION_DESCRIPTIONS, SETTING_DESCRIPTIONS } from './descriptions';
import type { PgbouncerKnowledge, VersionKnowledge } from './knowledge';
import type { IniItem, ParsedIni } from './parser';

export interface FeatureInput {
  doc: TextDocument;
  parsed: ParsedIni;
  knowledge: PgbouncerKnowledge;
  version: string;
}

interface CompletionData {
  format: typeof PGBOUNCER;
  kind: 'section' | 'setting' | 'entry-key' | 'value';
  version: string;
}

/** The section a line belongs to (the last header above it). */
function sectionAt(parsed: ParsedIni, line: number): string | undefined {
  let section: string | undefined;
  for (const item of parsed.items) {
    if (item.line > line) break;
    if (item.kind === 'section') section = item.name.text;
  }
  return section;
}

function itemAt(parsed: ParsedIni, line: number): IniItem | undefined {
  return parsed.items.find((item) => item.line === line && item.kind !== 'section') ?? parsed.items.find((item) => item.line === line);
}

function settingDocs(version: VersionKnowledge, knowledge: PgbouncerKnowledge, name: string): string | undefined {
  const facts = version.settings.get(name);
  const versions = knowledge.versionsOf(name);
  if (!facts && !versions.length) return undefined;
  const lines = [`**${name}** (PgBouncer ${versions.join(', ')})`];
  if (SETTING_DESCRIPTIONS[name]) lines.push(SETTING_DESCRIPTIONS[name]);
  if (facts) {
    const type = facts.type === 'real' ? 'seconds (a number, no unit)' : facts.type === 'int' ? 'whole number' : facts.type;
    lines.push(`Type: ${type}${facts.values ? ` — ${facts.values.join(', ')}` : ''}; default: \`${facts.default ?? ''}\`${facts.changeable === false ? '; needs a restart (not changed by RELOAD)' : ''}.`);
  } else lines.push(`Not known to PgBouncer ${version.version}.`);
  return lines.join('\n\n');
}

function items(labels: readonly string[], kind: CompletionItemKind, detail?: (label: string) => string | undefined): CompletionItem[] {
  return labels.map((label) => ({ label, kind, detail: detail?.(label) }));
}

export function pgbouncerCompletions(input: FeatureInput, position: Position): CompletionList {
  const version = input.knowledge.of(input.version);
  const lineText = input.doc.getText({ start: { line: position.line, character: 0 }, end: position });
  const section = sectionAt(input.parsed, position.line);
  const word = /[A-Za-z0-9_.*-]*$/.exec(lineText)![0];
  const range = { start: { line: position.line, character: position.character - word.length }, end: position };
  const data = (kind: CompletionData['kind']): CompletionData => ({ format: PGBOUNCER, kind, version: version.version });
  if (/^\s*\[[^\]]*$/.test(lineText)) return sharedRangeList(items(version.sections, CompletionItemKind.Module), range, data('section'));
  const equals = lineText.indexOf('=');
  if (equals < 0) {
    if (section === 'pgbouncer') return sharedRangeList(items([...version.settings.keys()].sort(), CompletionItemKind.Property, (name) => version.settings.get(name)?.type), range, data('setting'));
    return { isIncomplete: false, items: [] };
  }
  const key = lineText.slice(0, equals).trim();
  if (section === 'pgbouncer') return sharedRangeList(items(version.settings.get(key)?.values ?? [], CompletionItemKind.EnumMember), range, data('value'));
  if (section === 'databases' || section === 'users' || section === 'peers') {
    const value = lineText.slice(equals + 1);
    const pairKey = /([A-Za-z_]+)=[^ ']*$/.exec(value)?.[1];
    if (pairKey === 'pool_mode') return sharedRangeList(items(['session', 'transaction', 'statement'], CompletionItemKind.EnumMember), range, data('value'));
    if (pairKey === 'load_balance_hosts') return sharedRangeList(items(['disable', 'round-robin'], CompletionItemKind.EnumMember), range, data('value'));
    if (pairKey) return { isIncomplete: false, items: [] };
    const keys = version.sectionKeys[section].map((name) => ({ label: name, kind: CompletionItemKind.Field, textEditText: `${name}=` }));
    return sharedRangeList(keys, range, data('entry-key'));
  }
  return { isIncomplete: false, items: [] };
}

export function resolvePgbouncerCompletion(item: CompletionItem, knowledge: PgbouncerKnowledge): CompletionItem {
  const data = item.data as CompletionData | undefined;
  if (data?.format !== PGBOUNCER) return item;
  const version = knowledge.of(data.version);
  const docs = data.kind === 'section' ? SECTION_DESCRIPTIONS[item.label] : data.kind === 'setting' ? settingDocs(version, knowledge, item.label) : data.kind === 'entry-key' ? ENTRY_KEY_DESCRIPTIONS[item.label] : undefined;
  return docs ? { ...item, documentation: { kind: 'markdown', value: docs } } : item;
}

const within = (position: Position, range: { start: Position; end: Position }) =>
  position.line === range.start.line && position.character >= range.start.character && position.character <= range.end.character;

export function pgbouncerHover(input: FeatureInput, position: Position): Hover | null {
  const item = itemAt(input.parsed, position.line);
  const version = input.knowledge.of(input.version);
  const markdown = (value: string, range: Hover['range']): Hover => ({ contents: { kind: 'markdown', value }, range });
  if (item?.kind === 'section' && within(position, item.range)) {
    const text = SECTION_DESCRIPTIONS[item.name.text];
    return text ? markdown(`**[${item.name.text}]**\n\n${text}`, item.range) : null;
  }
  if (item?.kind !== 'setting') return null;
  const section = sectionAt(input.parsed, position.line);
  if (section === 'pgbouncer' && within(position, item.key.range)) {
    const docs = settingDocs(version, input.knowledge, item.key.text);
    return docs ? markdown(docs, item.key.range) : null;
  }
  if ((section === 'databases' || section === 'users' || section === 'peers') && within(position, item.value.range)) {
    const offset = position.character - item.value.range.start.character;
    const pair = parseConnString(item.value.text).pairs.find((p) => offset >= p.keyStart && offset <= p.keyEnd);
    const text = pair && ENTRY_KEY_DESCRIPTIONS[pair.key];
    if (!pair || !text) return null;
    const start = item.value.range.start;
    return markdown(`**${pair.key}**\n\n${text}`, { start: { line: start.line, character: start.character + pair.keyStart }, end: { line: start.line, character: start.character + pair.keyEnd } });
  }
  return null;
}

const SYMBOL_KIND: Record<string, SymbolKind> = { databases: SymbolKind.Struct, users: SymbolKind.Object, peers: SymbolKind.Interface };

export function pgbouncerSymbols(input: FeatureInput): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  let current: DocumentSymbol | undefined;
  let section = '';
  for (const item of input.parsed.items) {
    if (item.kind === 'section') {
      section = item.name.text;
      current = { name: `[${section}]`, kind: SymbolKind.Namespace, range: item.range, selectionRange: item.name.range, children: [] };
      symbols.push(current);
    } else if (item.kind === 'setting' && current) {
      current.children!.push({ name: item.key.text, detail: item.value.text, kind: SYMBOL_KIND[section] ?? SymbolKind.Property, range: item.range, selectionRange: item.key.range });
      current.range = { start: current.range.start, end: item.range.end };
    }
  }
  return symbols;
}

export function pgbouncerFolding(input: FeatureInput): FoldingRange[] {
  const headers = input.parsed.items.filter((item) => item.kind === 'section');
  const last = Math.max(0, ...input.parsed.items.map((item) => item.range.end.line));
  return headers
    .map((header, index) => ({ startLine: header.line, endLine: index + 1 < headers.length ? headers[index + 1].line - 1 : last }))
    .filter((range) => range.endLine > range.startLine);
}
