import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import { sharedRangeList } from '../../../service/completionList';
import { PGPOOL } from '../codes';
import { describeSetting } from './describe';
import type { PgpoolFeatureInput } from './input';

/** What resolve needs: the catalog name and version (the label is a name as written, families with index 0). */
export interface PgpoolCompletionData {
  format: typeof PGPOOL;
  version: string;
}

const BOOLEANS = ['on', 'off'];
const FLAGS = ['ALLOW_TO_FAILOVER', 'DISALLOW_TO_FAILOVER', 'ALWAYS_PRIMARY'];

function nameItems(input: PgpoolFeatureInput): CompletionItem[] {
  return input.completionCache.get(`names:${input.version}`, () =>
    [...input.catalog.settings(input.version)].map(([name, facts]) => ({
      label: name.replace('<n>', '0'),
      kind: CompletionItemKind.Property,
      detail: facts.type + (facts.default !== undefined ? ` = ${facts.default || "''"}` : ''),
    })),
  );
}

/** Value items for the setting on this line: an enum's values, on/off, backend flags. */
function valueItems(input: PgpoolFeatureInput, name: string, quoted: boolean): CompletionItem[] {
  const lookup = input.catalog.lookup(name, input.version);
  if (!lookup) return [];
  const values = lookup.catalogName === 'backend_flag<n>' ? FLAGS : lookup.facts.type === 'bool' ? BOOLEANS : (lookup.facts.values ?? []);
  const wrap = (v: string) => (quoted || lookup.facts.type === 'bool' ? v : `'${v}'`);
  return values.map((value) => ({ label: value, kind: CompletionItemKind.EnumMember, insertText: wrap(value) }));
}

/** Names at the start of a line, values after `name =`. */
export function pgpoolCompletions(input: PgpoolFeatureInput, position: Position): CompletionList {
  const lineText = input.doc.getText({ start: { line: position.line, character: 0 }, end: position });
  if (lineText.includes('#')) return { isIncomplete: false, items: [] };
  const name = /^\s*([A-Za-z_][A-Za-z0-9_]*)$/.exec(lineText);
  if (name || /^\s*$/.test(lineText)) {
    const start = lineText.length - (name?.[1].length ?? 0);
    const range = { start: { line: position.line, character: start }, end: position };
    const data: PgpoolCompletionData = { format: PGPOOL, version: input.version };
    return sharedRangeList(nameItems(input), range, data);
  }
  const value = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=?\s*('?)([A-Za-z_|]*)$/.exec(lineText);
  if (!value) return { isIncomplete: false, items: [] };
  const range = { start: { line: position.line, character: lineText.length - value[3].length }, end: position };
  return { isIncomplete: false, items: valueItems(input, value[1], value[2] === "'").map((item) => ({ ...item, textEdit: { range, newText: item.insertText ?? item.label }, insertText: undefined })) };
}

export function resolvePgpoolCompletion(item: CompletionItem, input: Pick<PgpoolFeatureInput, 'catalog'>): CompletionItem {
  const data = item.data as Partial<PgpoolCompletionData> | undefined;
  if (data?.format !== PGPOOL || !data.version) return item;
  const lookup = input.catalog.lookup(item.label, data.version);
  if (!lookup) return item;
  return { ...item, documentation: { kind: 'markdown', value: describeSetting(lookup.catalogName, lookup.facts, input.catalog.versionsOfName(lookup.catalogName)) } };
}
