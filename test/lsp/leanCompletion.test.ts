import * as assert from 'assert';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { requireCatalog } from './pgconf/requireCatalog';
import { cursor, LspTestClient, VSCODE_COMPLETION } from './support';


const CASES: { name: string; uri: string; languageId: string; text: string }[] = [
  { name: 'postgresql.conf, an empty line', uri: 'file:///lean/empty/postgresql.conf', languageId: 'pgconf', text: 'wal_level = replica\n|\n' },
  { name: 'compose, a setting after postgres -c', uri: 'file:///lean/setting/compose.yaml', languageId: 'dockercompose', text: 'services:\n  db:\n    image: postgres:17\n    command: postgres -c |\n' },
  { name: 'compose, an environment variable', uri: 'file:///lean/env/compose.yaml', languageId: 'dockercompose', text: 'services:\n  db:\n    image: postgres:17\n    environment:\n      |\n' },
  { name: 'compose, a pg_basebackup flag', uri: 'file:///lean/flag/compose.yaml', languageId: 'dockercompose', text: 'services:\n  r:\n    image: postgres:17\n    command: bash -c "pg_basebackup --|"\n' },
];

/** The item as VS Code sends it to resolve: the list's shared data written into it. */
const withDefaults = (item: CompletionItem, list: CompletionList): CompletionItem => ({ ...item, data: item.data ?? list.itemDefaults?.data });

describe('lsp: lean completion lists for a client that resolves detail (as VS Code does)', function () {
  this.timeout(60_000);
  let lean: LspTestClient;
  let full: LspTestClient;

  before(async function () {
    requireCatalog(this);
    [lean, full] = await Promise.all([LspTestClient.start({ completion: VSCODE_COMPLETION }), LspTestClient.start()]);
  });
  after(async () => Promise.all([lean?.stop(), full?.stop()]));

  for (const c of CASES) {
    it(`${c.name}: labels, kinds and sort texts only; resolve gives back every detail and documentation`, async () => {
      const { text, position } = cursor(c.text);
      await Promise.all([lean.open(c.uri, text, c.languageId), full.open(c.uri, text, c.languageId)]);
      const list = (await lean.completion(c.uri, position)) as CompletionList;
      const reference = await full.completionItems(c.uri, position);
      assert.ok(list.items.length > 5 && list.items.length === reference.length, `${list.items.length} items, ${reference.length} in the full list`);
      assert.ok(list.itemDefaults?.data, 'resolve data shared once');
      assert.deepStrictEqual(list.items.filter((i) => i.detail !== undefined || i.documentation !== undefined), [], 'nothing a resolve gives');
      const resolved = await Promise.all(list.items.map((item) => lean.resolveCompletion(withDefaults(item, list))));
      resolved.forEach((item, i) => {
        const before = reference[i];
        assert.strictEqual(item.label, before.label);
        if (before.detail !== undefined) assert.ok(item.detail?.startsWith(before.detail.split(' · ')[0]), `${item.label}: "${item.detail}" for "${before.detail}"`);
        if (before.documentation !== undefined) assert.deepStrictEqual(item.documentation, before.documentation, item.label);
      });
    });
  }
});
