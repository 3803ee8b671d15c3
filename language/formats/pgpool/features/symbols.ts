import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { PgpoolSetting } from '../parser';
import { categoryOf } from './describe';
import type { PgpoolFeatureInput } from './input';

/** The group of a setting: "Backend 1" for backend_*1, "Watchdog node 0" for the numbered watchdog settings, else its category. */
function groupOf(input: PgpoolFeatureInput, setting: PgpoolSetting): string {
  const lookup = input.catalog.lookup(setting.name, input.version) ?? input.catalog.anyVersion(setting.name)?.lookup;
  if (!lookup) return 'Unknown settings';
  const category = categoryOf(lookup.catalogName);
  if (lookup.index === undefined || !/^\d+$/.test(lookup.index)) return category;
  const node = Number(lookup.index);
  if (category === 'Backend nodes') return `Backend ${node}`;
  if (category === 'Watchdog') return `Watchdog node ${node}`;
  return `${category} — backend ${node}`;
}

/** Settings grouped by backend, watchdog node and category, groups in order of first appearance. */
export function pgpoolSymbols(input: PgpoolFeatureInput): DocumentSymbol[] {
  const groups = new Map<string, DocumentSymbol[]>();
  for (const setting of input.parsed.settings) {
    const group = groupOf(input, setting);
    const symbol: DocumentSymbol = { name: setting.name, detail: setting.rawValue, kind: SymbolKind.Property, range: setting.range, selectionRange: setting.nameRange };
    const list = groups.get(group);
    if (list) list.push(symbol);
    else groups.set(group, [symbol]);
  }
  return [...groups].map(([name, children]) => ({ name, kind: name.startsWith('Backend ') ? SymbolKind.Object : SymbolKind.Namespace, range: span(children.map((c) => c.range)), selectionRange: children[0].selectionRange, children }));
}

function span(ranges: Range[]): Range {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
  let { start, end } = ranges[0];
  for (const r of ranges) {
    if (before(r.start, start)) start = r.start;
    if (before(end, r.end)) end = r.end;
  }
  return { start, end };
}
