/** The tokenizer against what PostgreSQL's pg_hba_file_rules showed for the same text (see the differential test). */
import * as assert from 'node:assert/strict';
import { logicalLines, tokenizeLine } from '../../../../language/formats/pghba/tokenizer';
import type { HbaMajor } from '../../../../language/formats/pghba/types';

function fields(text: string, major: HbaMajor = 17): string[][] {
  return logicalLines(text, major).flatMap((line) => {
    const tokenized = tokenizeLine(line, major);
    return tokenized.fields.length ? [tokenized.fields.map((f) => f.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join('|'))] : [];
  });
}

describe('pg_hba.conf tokenizer', () => {
  it('splits on blanks, groups comma lists (a blank after a comma continues the list)', () => {
    assert.deepEqual(fields('host all, all all trust'), [['host', 'all|all', 'all', 'trust']]);
    assert.deepEqual(fields('host all ,all all trust'), [['host', 'all', 'all', 'all', 'trust']]);
    assert.deepEqual(fields(',host a,,b c,'), [['host', 'a|b', 'c']]);
  });

  it('keeps quoted text whole, doubles quotes, and marks only a leading quote as quoting', () => {
    assert.deepEqual(fields('local "a b" "x""y" al"l" ""all'), [['local', '"a b"', '"x"y"', 'all', '"all"']]);
    assert.deepEqual(fields('local all all "unterminated # not a comment'), [['local', 'all', 'all', '"unterminated # not a comment"']]);
  });

  it('ends the line at an unquoted #, even inside a token', () => {
    assert.deepEqual(fields('local all all trust#comment'), [['local', 'all', 'all', 'trust']]);
    assert.deepEqual(fields('# only a comment\n   \t\n'), []);
  });

  it('treats only space, tab and carriage return as blanks', () => {
    assert.deepEqual(fields('local all\tall\vtrust\r'), [['local', 'all', 'all\vtrust']]);
  });

  it('joins backslash continuations from 14 on, numbering the line by its first physical line', () => {
    const text = 'local all all \\\ntrust\nlocal all all md5';
    assert.deepEqual(logicalLines(text, 14).map((l) => [l.lineNumber, l.text]), [[1, 'local all all trust'], [3, 'local all all md5']]);
    assert.deepEqual(logicalLines(text, 13).map((l) => [l.lineNumber, l.text]), [[1, 'local all all \\'], [2, 'trust'], [3, 'local all all md5']]);
    assert.deepEqual(fields('# comment \\\nlocal all all bogus', 16), []);
    assert.deepEqual(fields('local all all trust \\\n\nlocal all all md5', 16), [['local', 'all', 'all', 'trust'], ['local', 'all', 'all', 'md5']]);
  });

  it('stops 13–15 at a token of 10,239 bytes, counting UTF-8 bytes', () => {
    const at = (token: string, major: HbaMajor) => tokenizeLine(logicalLines(`local all ${token} trust`, major)[0], major).tooLong !== undefined;
    assert.equal(at('a'.repeat(10239), 15), false);
    assert.equal(at('a'.repeat(10240), 15), true);
    assert.equal(at(`${'a'.repeat(10239)},b`, 13), true);
    assert.equal(at('é'.repeat(5119), 14), false);
    assert.equal(at('é'.repeat(5120), 14), true);
    assert.equal(at('a'.repeat(20000), 16), false);
  });

  it('cuts 13 lines at 20,479 bytes and reads the rest as the next line', () => {
    const long = `local all all trust ${' '.repeat(20457)}#x\nlocal all all md5`;
    const lines = logicalLines(long, 13);
    assert.deepEqual(lines.map((l) => [l.lineNumber, l.tooLong]), [[1, true], [2, false], [3, false]]);
  });

  it('gives every token the span of its characters in the file', () => {
    const [line] = logicalLines('local  "my db" \\\n all trust', 16);
    const tokens = tokenizeLine(line, 16).fields.flat();
    assert.deepEqual(tokens.map((t) => [t.text, t.span.start, t.span.end]), [['local', 0, 5], ['my db', 7, 14], ['all', 18, 21], ['trust', 22, 27]]);
  });
});
