/** The regular-expression check of /regex names; every expected message is what PostgreSQL 16–18 reported. */
import * as assert from 'node:assert/strict';
import { regexError } from '../../../../language/formats/pghba/regex';

const CASES: Array<[string, string | undefined]> = [
  ['^a$', undefined], ['a\\', 'invalid escape \\ sequence'], ['[a', 'brackets [] not balanced'], ['a{1', 'braces {} not balanced'],
  ['*a', 'quantifier operand invalid'], ['a(?i)', 'quantifier operand invalid'], ['(?i)a', undefined], ['\\1', 'invalid backreference number'],
  ['(a)\\1', undefined], ['[[:foo:]]', 'invalid character class'], ['[z-a]', 'invalid character range'], ['a{256}', 'invalid repetition count(s)'],
  ['a{255}', undefined], ['\\x', 'invalid escape \\ sequence'], ['[[.foo.]]', 'invalid collating element'], ['[[.space.]]', undefined],
  [')', 'parentheses () not balanced'], ['a{', undefined], ['a{1}{2}', 'quantifier operand invalid'], ['(?z)a', 'invalid embedded option'],
  ['***=a(', undefined], ['(?b)a(', undefined], ['\\u12', 'invalid escape \\ sequence'], ['[a-\\d]', 'invalid character range'],
  ['[^]', 'brackets [] not balanced'], ['[]a]', undefined], ['(?', 'quantifier operand invalid'], ['a+?', undefined], ['\\k', 'invalid escape \\ sequence'],
  // The lexer reads one token ahead: an unclosed bracket wins over a bad range found before it.
  ['[|(?:{-9', 'brackets [] not balanced'], ['2[^--', 'brackets [] not balanced'], ['[[:foo:]', 'brackets [] not balanced'],
];

describe('pg_hba.conf regular expressions', () => {
  for (const [pattern, expected] of CASES) {
    it(`/${pattern} → ${expected ?? 'compiles'}`, () => assert.equal(regexError(pattern), expected));
  }
});

describe('pg_hba.conf regular expressions on hostile input', () => {
  it('stops deep nesting instead of overflowing the stack', () => {
    assert.equal(regexError('('.repeat(50_000)), 'regular expression is too complex');
    assert.equal(regexError(`${'('.repeat(500)}a${')'.repeat(500)}`), undefined);
  });
});
