import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { ConfNode, SettingNode } from '../ast';
import type { PgconfFeatureInput } from './input';

const UNKNOWN = 'Unknown parameters';
const CUSTOM = 'Customized Options';
const INCLUDES = 'Includes';

/** The group a setting belongs to: its catalog category, custom (dotted) names, or unknown. */
export function categoryOf(input: PgconfFeatureInput, setting: Pick<SettingNode, 'key'>): string {
  const info = input.catalog.get(setting.key, input.major);
  if (info) return info.category;
  if (setting.key.includes('.')) return CUSTOM;
  const record = input.catalog.record(setting.key);
  const other = record && record.variants[record.majors[record.majors.length - 1]];
  return other ? other.category : UNKNOWN;
}

/** Settings grouped by catalog category, groups in order of first appearance; includes in their own group. */
export function pgconfSymbols(input: PgconfFeatureInput): DocumentSymbol[] {
  const groups = new Map<string, DocumentSymbol[]>();
  const add = (group: string, symbol: DocumentSymbol) => {
    const list = groups.get(group);
    if (list) list.push(symbol);
    else groups.set(group, [symbol]);
  };
  for (const node of input.parsed.nodes) {
    if (node.kind === 'setting') add(categoryOf(input, node), settingSymbol(node));
    else if (node.kind === 'include') add(INCLUDES, includeSymbol(node));
  }
  return [...groups].map(([name, children]) => {
    const range = span(children.map((c) => c.range));
    return { name, kind: name === INCLUDES ? SymbolKind.Module : SymbolKind.Namespace, range, selectionRange: children[0].selectionRange, children };
  });
}

function settingSymbol(node: SettingNode): DocumentSymbol {
  return { name: node.name, detail: node.rawValue, kind: SymbolKind.Property, range: node.range, selectionRange: node.nameRange };
}

function includeSymbol(node: Extract<ConfNode, { kind: 'include' }>): DocumentSymbol {
  return { name: `${node.directive} ${node.path}`, kind: SymbolKind.File, range: node.range, selectionRange: node.pathRange };
}

function span(ranges: Range[]): Range {
  let start = ranges[0].start;
  let end = ranges[0].end;
  for (const r of ranges) {
    if (r.start.line < start.line || (r.start.line === start.line && r.start.character < start.character)) start = r.start;
    if (r.end.line > end.line || (r.end.line === end.line && r.end.character > end.character)) end = r.end;
  }
  return { start, end };
}
