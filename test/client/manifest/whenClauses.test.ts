/**
 * Every `when` clause of the manifest (menus, views, keybindings …) parsed with VS Code's when-clause grammar:
 * `key`, `!key`, `key == v`, `key != v`, `key =~ /re/flags`, `key in k`, `key not in k`, comparisons, `&&`, `||`,
 * parentheses. A form VS Code does not know (`not =~`, `!=~`) or a regex that does not compile fails here, not
 * silently in the editor (VS Code treats an unparsable clause as false or ignores the term).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));

/** Every `when` string under contributes, with where it is. */
function whenClauses(value: unknown, where: string, out: { where: string; when: string }[] = []): { where: string; when: string }[] {
  if (Array.isArray(value)) value.forEach((item, i) => whenClauses(item, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'when' || key === 'enablement') {
        if (typeof child === 'string') out.push({ where: `${where}.${key}`, when: child });
      } else whenClauses(child, `${where}.${key}`, out);
    }
  }
  return out;
}

const KEY = String.raw`[A-Za-z_][\w.:-]*`;
const VALUE = String.raw`(?:'[^']*'|"[^"]*"|[^\s()&|!=<>]+)`;
const TERM = new RegExp(
  String.raw`^\s*(?:true|false|!?\s*${KEY}|${KEY}\s*(?:==|!=|>=|<=|>|<)\s*${VALUE}|${KEY}\s+(?:not\s+)?in\s+${KEY}|${KEY}\s*=~\s*\/((?:[^/\\]|\\.)*)\/([a-z]*))\s*$`,
);

/** Throws when `when` is not a clause VS Code parses. */
function parse(when: string): void {
  let depth = 0;
  const flat = when.replace(/\/(?:[^/\\]|\\.)*\/[a-z]*/g, (re) => re.replace(/[()&|]/g, 'x')); // regex bodies are opaque
  for (const ch of flat) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth < 0) throw new Error('unbalanced )');
  }
  if (depth !== 0) throw new Error('unbalanced (');
  for (const term of flat.replace(/[()]/g, ' ').split(/&&|\|\|/)) {
    if (!TERM.test(term)) throw new Error(`not a when-clause term: "${term.trim()}"`);
  }
  for (const regex of when.matchAll(/=~\s*\/((?:[^/\\]|\\.)*)\/([a-z]*)/g)) new RegExp(regex[1], regex[2]);
}

describe('manifest when clauses', () => {
  const clauses = whenClauses(manifest.contributes, 'contributes');

  it('finds the menus', () => assert.ok(clauses.length > 20, `${clauses.length} clauses`));

  it('parses every clause with the grammar VS Code supports', () => {
    const broken = clauses.flatMap(({ where, when }) => {
      try {
        parse(when);
        return [];
      } catch (error) {
        return [`${where}: ${when} — ${(error as Error).message}`];
      }
    });
    assert.deepEqual(broken, []);
  });

  it('rejects the forms VS Code does not know', () => {
    for (const bad of ['viewItem not =~ /x/', 'viewItem !=~ /x/', 'view == a &&', '(view == a', 'viewItem =~ /(/']) assert.throws(() => parse(bad), bad);
  });
});
