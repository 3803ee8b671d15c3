import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { Catalog, Major, ParameterInfo } from '../../../catalog/types';
import { ItemListCache, sharedRangeList } from '../../../service/completionList';
import { PGCONF } from '../codes';
import { completionSpot, needsQuoting, quote } from './completionContext';
import { defaultText, parameterDetail, parameterMarkdown, parameterShortDetail } from './describe';
import { haSnippets } from './haSnippets';
import type { PgconfFeatureInput } from './input';
import { readRecommendation } from './recommendations';
import { suffixesFor } from './units';

/** What resolve needs to find the parameter again (the item's label is its name unless `name` says otherwise). */
export interface PgconfCompletionData {
  /** The format id the language service routes resolve by. */
  format: typeof PGCONF;
  name?: string;
  major: Major;
}

const NO_ITEMS: CompletionList = { isIncomplete: false, items: [] };

export function pgconfCompletions(input: PgconfFeatureInput, position: Position): CompletionList {
  const { doc, catalog, major } = input;
  const lineText = doc.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const spot = completionSpot(lineText, position);
  switch (spot.kind) {
    case 'name': {
      // Range-free items, the same for every answer of this major and line shape: built once per service.
      const make = () => [...nameItems(catalog, major, spot.restOfLineEmpty), ...(spot.restOfLineEmpty ? lineStartItems(catalog, major) : [])];
      const items = (input.completionCache ?? new ItemListCache()).get(`names:${major}:${spot.restOfLineEmpty}`, make);
      const data: PgconfCompletionData = { format: PGCONF, major };
      return sharedRangeList(items, spot.range, data);
    }
    case 'value': {
      const info = catalog.get(spot.name, major);
      return info ? { isIncomplete: false, items: valueItems(info, spot.range, spot.quoted) } : NO_ITEMS;
    }
    case 'unit': {
      const info = catalog.get(spot.name, major);
      return info ? { isIncomplete: false, items: unitItems(info, spot.number, spot.range, spot.quoted) } : NO_ITEMS;
    }
    default:
      return NO_ITEMS;
  }
}

export function resolvePgconfCompletion(item: CompletionItem, catalog: Catalog): CompletionItem {
  const data = item.data as Partial<PgconfCompletionData> | undefined;
  if (data?.format !== PGCONF || !data.major) return item;
  const info = catalog.get(data.name ?? item.label, data.major);
  if (!info) {
    // A directive or an HA block of the same list: its detail and documentation as the list built them.
    const own = lineStartItems(catalog, data.major).find((i) => i.label === item.label);
    return own ? { ...item, detail: own.detail, ...(own.documentation ? { documentation: own.documentation } : {}) } : item;
  }
  return { ...item, detail: parameterDetail(info), documentation: { kind: 'markdown', value: parameterMarkdown(info, readRecommendation(info.name)) } };
}

/** Parameter names: label, kind and a one-line detail; the documentation comes through resolve. */
function nameItems(catalog: Catalog, major: Major, restOfLineEmpty: boolean): CompletionItem[] {
  const items: CompletionItem[] = [];
  const suggestValues = restOfLineEmpty ? { title: 'Suggest values', command: 'editor.action.triggerSuggest' } : undefined;
  for (const name of catalog.names(major)) {
    // The record's variant, not catalog.get(): no per-item copy (hundreds of names).
    const record = catalog.record(name);
    const info = record?.variants[major];
    if (!record || !info || info.context === 'internal') continue; // read-only: setting it in a file is an error
    items.push({
      label: record.name,
      kind: CompletionItemKind.Property,
      detail: parameterShortDetail(info),
      // Developer options sort after the ones postgresql.conf.sample lists; within a group the editor sorts
      // equal sort texts by label (one letter instead of the name again: ~12 KiB less per answer).
      sortText: info.notInSample ? 'z' : 'a',
      ...(restOfLineEmpty ? { textEditText: `${record.name} = `, command: suggestValues } : {}),
    });
  }
  return items;
}

/** Directives and the HA blocks: only on an otherwise empty line. */
function lineStartItems(catalog: Catalog, major: Major): CompletionItem[] {
  const directives: CompletionItem[] = ['include', 'include_if_exists', 'include_dir'].map((directive) => ({
    label: directive,
    kind: CompletionItemKind.Keyword,
    detail: directive === 'include_dir' ? 'read every *.conf file in a directory' : directive === 'include' ? 'read another file (must exist)' : 'read another file if it exists',
    sortText: 'b',
    insertTextFormat: InsertTextFormat.Snippet,
    textEditText: `${directive} '\${1:${directive === 'include_dir' ? 'conf.d' : 'extra.conf'}}'`,
  }));
  const snippets: CompletionItem[] = haSnippets(catalog, major).map((snippet) => ({
    label: snippet.label,
    kind: CompletionItemKind.Snippet,
    detail: snippet.detail,
    documentation: { kind: 'markdown', value: '```\n' + snippet.preview + '\n```' },
    sortText: '0',
    filterText: snippet.label,
    insertTextFormat: InsertTextFormat.Snippet,
    textEditText: snippet.body,
  }));
  return [...snippets, ...directives];
}

interface ValueChoice {
  value: string;
  detail: string;
  sort: string;
}

function valueChoices(info: ParameterInfo): ValueChoice[] {
  const choices: ValueChoice[] = [];
  const push = (value: string, detail: string, sort: string) => {
    if (!choices.some((c) => c.value.toLowerCase() === value.toLowerCase())) choices.push({ value, detail, sort });
  };
  const recommendation = readRecommendation(info.name);
  if (recommendation) push(recommendation.value, `recommended${recommendation.note ? `: ${recommendation.note}` : ''}`, '0');
  if (info.vartype === 'bool') {
    push('on', info.bootVal === 'on' ? 'default' : 'boolean', '1');
    push('off', info.bootVal === 'off' ? 'default' : 'boolean', '1');
  } else if (info.vartype === 'enum') {
    for (const value of info.enumvals ?? []) push(value, value === info.bootVal ? 'default' : 'allowed value', '1');
    for (const value of info.buildEnumvals ?? []) push(value, 'build-dependent: only if PostgreSQL was built with support for it', '2');
  } else {
    push(info.vartype === 'string' ? info.bootVal : defaultText(info).split(' = ').pop() ?? info.bootVal, 'default', '1');
  }
  return choices;
}

function valueItems(info: ParameterInfo, range: Range, quoted: boolean): CompletionItem[] {
  return valueChoices(info).map((choice) => {
    // Inside quotes the text goes in as is; outside, values the lexer cannot read bare get quotes.
    const text = quoted ? quote(choice.value).slice(1, -1) : needsQuoting(choice.value) ? quote(choice.value) : choice.value;
    return {
      label: choice.value === '' ? "''" : choice.value,
      kind: info.vartype === 'enum' || info.vartype === 'bool' ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
      detail: choice.detail,
      sortText: `${choice.sort}${choice.value}`,
      filterText: quoted ? choice.value : text,
      textEdit: { range, newText: text },
    };
  });
}

function unitItems(info: ParameterInfo, number: string, range: Range, quoted: boolean): CompletionItem[] {
  if (info.vartype !== 'integer' && info.vartype !== 'real') return [];
  if (!quoted && !/^[-+]?\d+$/.test(number)) return [];
  return suffixesFor(info.unit).map((suffix, index) => ({
    label: `${number}${suffix}`,
    kind: CompletionItemKind.Unit,
    detail: `unit (parameter unit ${info.unit})`,
    sortText: String(index).padStart(2, '0'),
    filterText: `${number}${suffix}`,
    textEdit: { range, newText: `${number}${suffix}` },
  }));
}
