import * as assert from 'assert';
import { parsePgpool } from '../../../../language/formats/pgpool/parser';

const values = (text: string) => parsePgpool(text).settings.map((s) => [s.name, s.value]);

describe('pgpool.conf parser (pgpool 4.3/4.6 grammar)', () => {
  it('reads name = value with or without =, quotes stripped and backslashes kept', () => {
    assert.deepStrictEqual(values("port = 9999\nmax_pool 4\nsr_check_user = 'a\\'b' # c\n"), [['port', '9999'], ['max_pool', '4'], ['sr_check_user', "a\\'b"]]);
  });

  it('takes the end of the line as the value of a name alone', () => {
    const [setting] = parsePgpool('max_pool\n').settings;
    assert.strictEqual(setting.value, '\n');
    assert.strictEqual(setting.valueKind, undefined);
  });

  it('reads a second name after a value as another setting', () => {
    const parsed = parsePgpool('authentication_timeout = 1 min\n');
    assert.deepStrictEqual(parsed.settings.map((s) => [s.name, s.value, s.followsValue ?? false]), [['authentication_timeout', '1', false], ['min', '\n', true]]);
    assert.deepStrictEqual(parsed.errors, []);
  });

  it("has no '' inside quotes: two strings are a syntax error with pgpool's words", () => {
    const [error] = parsePgpool("x = 1\nsr_check_user = 'a''b'\n", '/c/pgpool.conf').errors;
    assert.strictEqual(error.message, 'syntax error in configuration file "/c/pgpool.conf"');
    assert.strictEqual(error.detail, "parse error at line 2 ''b'' token = 4");
  });

  it('takes any token as a value, but not after one (other than a name)', () => {
    assert.deepStrictEqual(values('listen_addresses = *\nmax_pool = = 5\n'), [['listen_addresses', '*'], ['max_pool', '=']]);
    const details = parsePgpool('max_pool = = 5\nlog_min_messages = warning;\n= 5\na.b = 1\n$ = 4\n').errors.map((e) => e.detail);
    assert.deepStrictEqual(details, ["parse error at line 1 '5' token = 2", "parse error at line 2 ';' token = 8", "parse error at line 3 '=' token = 6", "parse error at line 4 'a.b' token = 5", "parse error at line 5 '$' token = 8"]);
  });

  it("reads an unquoted path as '/' then a name; a quote left open as a stray character", () => {
    assert.deepStrictEqual(values("logdir = /tmp\nx = 'abc\n"), [['logdir', '/'], ['tmp', '\n'], ['x', "'"], ['abc', '\n']]);
  });

  it('never blocks on hostile text (a long line of quotes and backslashes)', () => {
    const parsed = parsePgpool(`x = ${"'\\".repeat(200_000)}\n\u0000\u0001 = 1\n`);
    assert.ok(parsed.lineCount === 3);
  });

  it('re-reads only changed lines and gives what a fresh parse gives', () => {
    const before = "port = 9999\nmax_pool = 4\nx = 'a''b'\n";
    const after = "port = 9999\nmax_pool = 5 6\nx = 'a''b'\n";
    const first = parsePgpool(before);
    const edited = parsePgpool(after, 'pgpool.conf', first);
    const strip = (p: ReturnType<typeof parsePgpool>) => ({ items: p.items, commentLines: p.commentLines, lineCount: p.lineCount });
    assert.deepStrictEqual(strip(edited), strip(parsePgpool(after)));
    assert.strictEqual(edited.lineReads[0], first.lineReads[0]);
    assert.notStrictEqual(edited.lineReads[1], first.lineReads[1]);
  });
});
