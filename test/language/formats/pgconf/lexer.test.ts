import * as assert from 'assert';
import { tokenizeLine, unquoteConfString } from '../../../../language/formats/pgconf/lexer';

const kinds = (line: string) => tokenizeLine(line).map((t) => `${t.type}:${t.text}`);

describe('pgconf lexer (guc-file.l rules)', () => {
  it('reads integers with attached units, hex and octal', () => {
    assert.deepStrictEqual(kinds('shared_buffers = 128MB'), ['id:shared_buffers', 'equals:=', 'integer:128MB']);
    assert.deepStrictEqual(kinds('x 0x1Fg'), ['id:x', 'integer:0x1Fg']);
    assert.deepStrictEqual(kinds('x -010'), ['id:x', 'integer:-010']);
  });

  it('splits a unit written after a space and a unit after a real', () => {
    assert.deepStrictEqual(kinds('work_mem = 128 MB'), ['id:work_mem', 'equals:=', 'integer:128', 'id:MB']);
    assert.deepStrictEqual(kinds('t = 30.5min'), ['id:t', 'equals:=', 'real:30.5', 'id:min']);
    assert.deepStrictEqual(kinds('t = 1e5'), ['id:t', 'equals:=', 'integer:1e', 'integer:5']);
  });

  it('reads reals, including a lone dot and exponents', () => {
    assert.deepStrictEqual(kinds('x = -1.5e3'), ['id:x', 'equals:=', 'real:-1.5e3']);
    assert.deepStrictEqual(kinds('x = .'), ['id:x', 'equals:=', 'real:.']);
    assert.deepStrictEqual(kinds('x = 1.5e'), ['id:x', 'equals:=', 'real:1.5', 'id:e']);
  });

  it('prefers identifier over unquoted string and qualified identifier on a tie', () => {
    assert.deepStrictEqual(kinds('a.b = on'), ['qualified-id:a.b', 'equals:=', 'id:on']);
    assert.deepStrictEqual(kinds('a.b.c = x-y:z/w'), ['unquoted-string:a.b.c', 'equals:=', 'unquoted-string:x-y:z/w']);
  });

  it('reads quoted strings with doubled quotes and backslash escapes, and comments', () => {
    assert.deepStrictEqual(kinds(`x = 'it''s' # note`), ['id:x', 'equals:=', "string:'it''s'", 'comment:# note']);
    assert.deepStrictEqual(kinds(`x = 'a\\'b'`), ['id:x', 'equals:=', "string:'a\\'b'"]);
    assert.deepStrictEqual(kinds(`x = 'open`), ['id:x', 'equals:=', "error:'", 'id:open']);
    assert.deepStrictEqual(kinds('x = /tmp'), ['id:x', 'equals:=', 'error:/', 'id:tmp']);
  });

  it('unescapes like DeescapeQuotedString', () => {
    assert.strictEqual(unquoteConfString(`'it''s'`), "it's");
    assert.strictEqual(unquoteConfString(`'a\\tb\\n\\101\\q'`), 'a\tb\nAq');
    assert.strictEqual(unquoteConfString(`'cut\\0here'`), 'cut');
  });

  it('keeps UTF-16 offsets of every token', () => {
    const [name, equals, value] = tokenizeLine('  é.x = 5');
    assert.deepStrictEqual([name.start, name.end, equals.start, value.start, value.end], [2, 5, 6, 8, 9]);
  });
});
