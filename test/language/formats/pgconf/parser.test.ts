import * as assert from 'assert';
import { parseConf } from '../../../../language/formats/pgconf/parser';

describe('pgconf parser', () => {
  it('fills settings with names, values, kinds and precise ranges', () => {
    const parsed = parseConf("# head\nShared_Buffers = 128MB  # tuned\nwork_mem '4MB'\n");
    assert.strictEqual(parsed.settings.length, 2);
    const [shared, work] = parsed.settings;
    assert.strictEqual(shared.key, 'shared_buffers');
    assert.strictEqual(shared.name, 'Shared_Buffers');
    assert.strictEqual(shared.valueKind, 'integer');
    assert.deepStrictEqual(shared.nameRange, { start: { line: 1, character: 0 }, end: { line: 1, character: 14 } });
    assert.deepStrictEqual(shared.valueRange, { start: { line: 1, character: 17 }, end: { line: 1, character: 22 } });
    assert.deepStrictEqual(shared.equalsRange?.start, { line: 1, character: 15 });
    assert.strictEqual(shared.comment, '# tuned');
    assert.strictEqual(work.equalsRange, undefined);
    assert.strictEqual(work.value, '4MB');
    assert.strictEqual(work.rawValue, "'4MB'");
    assert.strictEqual(parsed.nodes[0].kind, 'comment');
    assert.strictEqual(parsed.lineCount, 4);
  });

  it('reports syntax errors the way PostgreSQL words them', () => {
    const parsed = parseConf('work_mem = 128 MB\nt = 30.5min\nk =\n', '/etc/pg.conf');
    assert.deepStrictEqual(
      parsed.errors.map((e) => e.message),
      [
        'syntax error in file "/etc/pg.conf" line 1, near token "MB"',
        'syntax error in file "/etc/pg.conf" line 2, near token "min"',
        'syntax error in file "/etc/pg.conf" line 3, near end of line',
      ],
    );
    assert.deepStrictEqual(parsed.errors[0].range, { start: { line: 0, character: 15 }, end: { line: 0, character: 17 } });
    assert.strictEqual(parsed.settings.length, 0);
  });

  it('rejects names that are not identifiers', () => {
    const parsed = parseConf('a.b.c = 1\nmy-param = 1\n5 = 5\n');
    assert.deepStrictEqual(parsed.errors.map((e) => e.nearToken), ['a.b.c', 'my-param', '5']);
  });

  it('recognises include directives case-insensitively', () => {
    const parsed = parseConf("INCLUDE 'a.conf'\ninclude_if_exists = b.conf\ninclude_dir 'conf.d'\n");
    assert.deepStrictEqual(parsed.includes.map((i) => [i.directive, i.path]), [
      ['include', 'a.conf'],
      ['include_if_exists', 'b.conf'],
      ['include_dir', 'conf.d'],
    ]);
    assert.deepStrictEqual(parsed.includes[0].pathRange, { start: { line: 0, character: 8 }, end: { line: 0, character: 16 } });
  });

  it('handles CRLF line ends and a last line without newline', () => {
    const parsed = parseConf('a.x = 1\r\nb.y = 2');
    assert.deepStrictEqual(parsed.settings.map((s) => s.value), ['1', '2']);
    assert.strictEqual(parsed.errors.length, 0);
  });
});
