import type { CompletionItem, CompletionList, Range } from 'vscode-languageserver-types';

/**
 * Completion lists that are cheap to send: what every item shares (the edit range, the data resolve needs)
 * goes once into `itemDefaults` (LSP 3.17), each item keeps its label, kind, short detail and, where the
 * inserted text is not the label, `textEditText`. Documentation comes through completionItem/resolve.
 * `isIncomplete: false`: the editor filters the list itself as the prefix grows.
 */
export function sharedRangeList(items: CompletionItem[], editRange: Range, data?: unknown): CompletionList {
  return { isIncomplete: false, itemDefaults: data === undefined ? { editRange } : { editRange, data }, items };
}

/** The item defaults a list uses (`editRange`, `data`, …), to compare with what a client supports. */
export function usedItemDefaults(list: CompletionList): string[] {
  return Object.keys(list.itemDefaults ?? {});
}

/**
 * The same list with every default written into its items (textEdit, data, insertTextFormat, insertTextMode,
 * commitCharacters): for clients without itemDefaults support, and for tests that read item.textEdit.
 */
export function expandItemDefaults(list: CompletionList): CompletionList {
  const defaults = list.itemDefaults;
  if (!defaults) return list;
  const items = list.items.map((item) => {
    const { textEditText, ...rest } = item;
    const expanded: CompletionItem = { ...rest };
    if (!item.textEdit && defaults.editRange) {
      const newText = textEditText ?? item.insertText ?? item.label;
      expanded.textEdit = 'insert' in defaults.editRange ? { newText, insert: defaults.editRange.insert, replace: defaults.editRange.replace } : { range: defaults.editRange, newText };
    }
    if (item.data === undefined && defaults.data !== undefined) expanded.data = defaults.data;
    if (item.insertTextFormat === undefined && defaults.insertTextFormat !== undefined) expanded.insertTextFormat = defaults.insertTextFormat;
    if (item.insertTextMode === undefined && defaults.insertTextMode !== undefined) expanded.insertTextMode = defaults.insertTextMode;
    if (item.commitCharacters === undefined && defaults.commitCharacters !== undefined) expanded.commitCharacters = defaults.commitCharacters;
    return expanded;
  });
  return { isIncomplete: list.isIncomplete, items };
}

/**
 * Item lists that depend only on the catalog and a few keys (major, where the cursor is), built once per
 * service instance and shared by every answer: callers must not modify them. The keys are few (majors ×
 * positions × image flavours), so the cache stays small.
 */
export class ItemListCache {
  private readonly lists = new Map<string, CompletionItem[]>();

  get(key: string, make: () => CompletionItem[]): CompletionItem[] {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = make()));
    return list;
  }
}
