import * as assert from 'assert';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import { expandItemDefaults, ItemListCache, sharedRangeList, usedItemDefaults } from '../../../language/service/completionList';

describe('language service: completion lists cheap to send', () => {
  const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } };
  const items: CompletionItem[] = [
    { label: 'wal_level', kind: CompletionItemKind.Property, textEditText: 'wal_level = ' },
    { label: 'work_mem', kind: CompletionItemKind.Property },
    { label: 'ha-primary', kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, textEditText: 'wal_level = ${1:replica}', data: { own: true } },
  ];

  it('puts the shared range and data once in itemDefaults, filtered by the editor (isIncomplete false)', () => {
    const list = sharedRangeList(items, range, { kind: 'pgconf', major: 17 });
    assert.strictEqual(list.isIncomplete, false);
    assert.deepStrictEqual(list.itemDefaults, { editRange: range, data: { kind: 'pgconf', major: 17 } });
    assert.deepStrictEqual(usedItemDefaults(list), ['editRange', 'data']);
    assert.deepStrictEqual(usedItemDefaults(sharedRangeList(items, range)), ['editRange']);
  });

  it('writes the defaults into every item for clients that do not read itemDefaults', () => {
    const expanded = expandItemDefaults(sharedRangeList(items, range, { kind: 'pgconf', major: 17 }));
    assert.strictEqual(expanded.itemDefaults, undefined);
    assert.deepStrictEqual(expanded.items, [
      { label: 'wal_level', kind: CompletionItemKind.Property, textEdit: { range, newText: 'wal_level = ' }, data: { kind: 'pgconf', major: 17 } },
      { label: 'work_mem', kind: CompletionItemKind.Property, textEdit: { range, newText: 'work_mem' }, data: { kind: 'pgconf', major: 17 } },
      { label: 'ha-primary', kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: 'wal_level = ${1:replica}' }, data: { own: true } },
    ]);
    assert.strictEqual(items[0].textEdit, undefined, 'the shared items are left as they were');
  });

  it('builds a list once per key and hands out the same one', () => {
    const cache = new ItemListCache();
    let built = 0;
    const make = () => (built++, [{ label: 'x' }]);
    const first = cache.get('names:17', make);
    assert.strictEqual(cache.get('names:17', make), first);
    cache.get('names:16', make);
    assert.strictEqual(built, 2);
  });
});
