import * as assert from 'assert';
import type { DocumentSymbol, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { cursor, LspTestClient } from '../support';
import { requireCatalog } from './requireCatalog';

describe('lsp pgconf: completion, hover, symbols and folding over the protocol', function () {
  this.timeout(60_000);
  let client: LspTestClient;

  before(async function () {
    requireCatalog(this);
    client = await LspTestClient.start({ initializationOptions: { pgha: { postgresVersion: 16 } } });
  });
  after(async () => client?.stop());

  const openAt = async (name: string, textWithCursor: string) => {
    const { text, position } = cursor(textWithCursor);
    const uri = `file:///features/${name}/postgresql.conf`;
    await client.open(uri, text);
    return { uri, position };
  };

  it('completes parameter names of the configured major, with short details, the default and documentation on resolve', async () => {
    const { uri, position } = await openAt('names', 'shared_buf|\n');
    const items = await client.completionItems(uri, position);
    const shared = items.find((i) => i.label === 'shared_buffers');
    assert.ok(shared, `shared_buffers among ${items.length} items`);
    assert.strictEqual(shared.detail, 'integer (8kB) · restart', 'a short detail in the list');
    assert.ok(!items.some((i) => i.label === 'vacuum_defer_cleanup_age'), 'removed in PostgreSQL 16');
    const resolved = await client.resolveCompletion(shared);
    assert.match(resolved.detail ?? '', /^integer \(8kB\) · default 16384 × 8kB = 128MB · restart$/);
    const doc = (resolved.documentation as MarkupContent).value;
    assert.match(doc, /needs a server restart/);
    assert.match(doc, /\| Recommended \| `256MB`/);
    assert.match(doc, /https:\/\/www\.postgresql\.org\/docs\/16\/runtime-config-resource\.html#GUC-SHARED-BUFFERS/);
  });

  it('follows a change of pgha.postgresVersion', async () => {
    const { uri, position } = await openAt('major', 'vacuum_defer|\n');
    const has = async () => (await client.completionItems(uri, position)).some((i) => i.label === 'vacuum_defer_cleanup_age');
    assert.strictEqual(await has(), false, 'removed in 16');
    await client.changeSettings({ pgha: { postgresVersion: 15 } });
    try {
      assert.strictEqual(await has(), true, 'present in 15');
    } finally {
      await client.changeSettings({ pgha: { postgresVersion: 16 } });
    }
  });

  it('completes enum values, booleans and unit suffixes', async () => {
    const wal = await openAt('enum', 'wal_level = |\n');
    const walItems = await client.completionItems(wal.uri, wal.position);
    assert.deepStrictEqual(walItems.map((i) => i.label).sort(), ['logical', 'minimal', 'replica']);
    assert.strictEqual(walItems.find((i) => i.label === 'replica')?.detail?.startsWith('recommended'), true);
    const bool = await openAt('bool', "hot_standby = '|'\n");
    assert.deepStrictEqual((await client.completionItems(bool.uri, bool.position)).map((i) => (i.textEdit as TextEdit).newText), ['on', 'off']);
    const unit = await openAt('unit', 'checkpoint_timeout = 15|\n');
    assert.deepStrictEqual((await client.completionItems(unit.uri, unit.position)).map((i) => i.label), ['15us', '15ms', '15s', '15min', '15h', '15d']);
  });

  it('offers the HA snippets on an empty line', async () => {
    const { uri, position } = await openAt('snippets', '|\n');
    const items = await client.completionItems(uri, position);
    const primary = items.find((i) => i.label === 'ha-primary');
    assert.ok(primary, 'ha-primary snippet');
    assert.match((primary.textEdit as TextEdit).newText, /wal_level = .*\nmax_wal_senders = .*\nmax_replication_slots = /);
  });

  it('hovers a name and a value', async () => {
    const { uri, position } = await openAt('hover', 'shared_buffers = 2|56MB\nwal_level = replica\n');
    const onValue = await client.hover(uri, position);
    const text = (onValue?.contents as MarkupContent).value;
    assert.match(text, /^Value `256MB` = `32768 × 8kB = 256MB`/);
    assert.match(text, /\| Exists in \| PostgreSQL 13–18 \|/);
    const onName = await client.hover(uri, { line: 1, character: 3 });
    assert.match((onName?.contents as MarkupContent).value, /\| Allowed values \| `minimal`, `replica`, `logical` \|/);
    assert.deepStrictEqual(onName?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } });
  });

  it('lists settings grouped by category and folds them', async () => {
    const { uri } = await openAt('symbols', '|# memory\n# tuned for 8GB\nshared_buffers = 2GB\nwork_mem = 16MB\nmax_wal_senders = 10\n');
    const symbols = (await client.documentSymbols(uri)) as DocumentSymbol[];
    assert.deepStrictEqual(
      symbols.map((s) => [s.name, s.children?.map((c) => c.name)]),
      [
        ['Resource Usage / Memory', ['shared_buffers', 'work_mem']],
        ['Replication / Sending Servers', ['max_wal_senders']],
      ],
    );
    const folds = await client.foldingRanges(uri);
    assert.deepStrictEqual(folds?.map((f) => [f.startLine, f.endLine]), [[0, 1], [2, 3]]);
  });
});
