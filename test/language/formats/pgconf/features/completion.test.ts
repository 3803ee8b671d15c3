import * as assert from 'assert';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { pgconfCompletions, resolvePgconfCompletion } from '../../../../../language/formats/pgconf/features/completion';
import { expandItemDefaults } from '../../../../../language/service/completionList';
import { needsQuoting } from '../../../../../language/formats/pgconf/features/completionContext';
import { featureInput, fixtureCatalog } from './fixtures';

const complete = (text: string, major: 13 | 14 | 15 | 16 | 17 | 18 = 17) => {
  const { input, position } = featureInput(text, major);
  return expandItemDefaults(pgconfCompletions(input, position)).items;
};
const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const edit = (item: CompletionItem | undefined) => item?.textEdit as TextEdit | undefined;

describe('pgconf features: completion', () => {
  it('offers parameter names of the target major with type and context, the default on resolve', () => {
    const items = complete('shared_b|');
    const shared = items.find((i) => i.label === 'shared_buffers');
    assert.ok(shared, 'shared_buffers offered');
    assert.strictEqual(shared.detail, 'integer (8kB) · restart', 'short detail first');
    assert.strictEqual(resolvePgconfCompletion(shared, fixtureCatalog()).detail, 'integer (8kB) · default 16384 × 8kB = 128MB · restart', 'the default with resolve');
    assert.strictEqual(edit(shared)?.newText, 'shared_buffers = ');
    assert.deepStrictEqual(edit(shared)?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
    assert.ok(!labels(items).includes('vacuum_defer_cleanup_age'), 'removed in 16');
    assert.ok(!labels(items).includes('block_size'), 'internal parameters cannot be set');
    assert.ok(labels(complete('|', 15)).includes('vacuum_defer_cleanup_age'));
    assert.ok(!labels(complete('|', 13)).includes('default_toast_compression'), 'added in 14');
  });

  it('replaces only the name when the line already has a value', () => {
    const item = complete('shared_bu| = 128MB').find((i) => i.label === 'shared_buffers');
    assert.strictEqual(edit(item)?.newText, 'shared_buffers');
    assert.deepStrictEqual(edit(item)?.range.end, { line: 0, character: 9 });
  });

  it('resolves documentation from our descriptions', () => {
    const item = complete('|').find((i) => i.label === 'shared_buffers');
    assert.ok(item);
    const resolved = resolvePgconfCompletion(item, fixtureCatalog());
    const doc = resolved.documentation as { value: string };
    assert.match(doc.value, /Memory the server uses for its shared page cache\./);
    assert.match(doc.value, /needs a server restart/);
  });

  it('offers the HA snippets and include directives on an empty line only', () => {
    const items = complete('\n|\n');
    const primary = items.find((i) => i.label === 'ha-primary');
    assert.ok(primary);
    assert.match(edit(primary)?.newText ?? '', /^wal_level = \$\{1\|replica,logical\|\}\nmax_wal_senders = \$\{2:10\}/);
    assert.ok(labels(items).includes('ha-standby') && labels(items).includes('ha-archive') && labels(items).includes('include_dir'));
    assert.ok(!labels(complete('wal| = replica')).includes('ha-primary'));
  });

  it('offers enum members, build-dependent ones marked, and quotes values that need it', () => {
    const items = complete('default_toast_compression = |');
    assert.deepStrictEqual(labels(items), ['pglz', 'lz4']);
    assert.match(items[1].detail ?? '', /build-dependent/);
    const ssl = complete('ssl_max_protocol_version = |');
    assert.strictEqual(edit(ssl.find((i) => i.label === "''"))?.newText, "''");
    assert.strictEqual(edit(ssl.find((i) => i.label === 'TLSv1.3'))?.newText, 'TLSv1.3');
    assert.deepStrictEqual(labels(complete('wal_level = rep|')), ['replica', 'minimal', 'logical']);
  });

  it('completes inside quotes without adding quotes', () => {
    const items = complete("wal_level = 'lo|'");
    const logical = items.find((i) => i.label === 'logical');
    assert.strictEqual(edit(logical)?.newText, 'logical');
    assert.deepStrictEqual(edit(logical)?.range, { start: { line: 0, character: 13 }, end: { line: 0, character: 15 } });
    assert.deepStrictEqual(complete("wal_level = 'logical' |"), []);
  });

  it('offers on/off for booleans', () => {
    assert.deepStrictEqual(labels(complete('hot_standby = |')), ['on', 'off']);
  });

  it('offers only the unit family of the parameter after a number, case-sensitive', () => {
    const items = complete('shared_buffers = 128|');
    assert.deepStrictEqual(labels(items), ['128B', '128kB', '128MB', '128GB', '128TB']);
    assert.deepStrictEqual(edit(items[2])?.range, { start: { line: 0, character: 17 }, end: { line: 0, character: 20 } });
    assert.deepStrictEqual(labels(complete('checkpoint_timeout = 5m|')), ['5us', '5ms', '5s', '5min', '5h', '5d']);
    assert.deepStrictEqual(labels(complete('max_wal_senders = 10|')), [], 'unitless');
    assert.deepStrictEqual(labels(complete('vacuum_cost_delay = 2.5|')), [], 'an unquoted real takes no unit');
    assert.deepStrictEqual(labels(complete("vacuum_cost_delay = '2.5|'")).slice(0, 2), ['2.5us', '2.5ms']);
  });

  it('stays quiet in comments, after a value and for unknown names', () => {
    assert.deepStrictEqual(complete('shared_buffers = 128MB # sh|'), []);
    assert.deepStrictEqual(complete('# shared|'), []);
    assert.deepStrictEqual(complete('shared_buffers = 128MB |'), []);
    assert.deepStrictEqual(complete('no_such_thing = |'), []);
    assert.deepStrictEqual(complete("include '|'"), []);
  });

  it('knows which values need quoting', () => {
    for (const bare of ['replica', 'TLSv1.2', 'scram-sha-256', '128MB', '0x1F', '1.5', 'a.b']) assert.strictEqual(needsQuoting(bare), false, bare);
    for (const quoted of ['', 'cp %p /x', '1.5min', '/var/log', 'with space']) assert.strictEqual(needsQuoting(quoted), true, quoted);
  });
});
