import * as assert from 'assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PgconfDiagnosticData } from '../../../../../language/formats/pgconf/codes';
import { pgconfCodeActions } from '../../../../../language/formats/pgconf/features/codeActions';
import { featureInput } from './fixtures';

const at = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
const diagnostic = (code: string, range: ReturnType<typeof at>, data?: PgconfDiagnosticData): Diagnostic => ({ range, code, message: code, data });

describe('pgconf features: code actions', () => {
  const { input } = featureInput('shared_bufers = 128mb\nwal_keep_segments = 64\n');

  it('turns every diagnostic fix into a quick fix tied to its diagnostic', () => {
    const typo = diagnostic('pgconf/unknown-parameter', at(0, 0, 13), {
      suggestions: ['shared_buffers'],
      fixes: [{ title: "Change to 'shared_buffers'", edits: [{ range: at(0, 0, 13), newText: 'shared_buffers' }], isPreferred: true }],
    });
    const unit = diagnostic('pgconf/invalid-unit', at(0, 16, 21), { fixes: [{ title: "Change unit to 'MB'", edits: [{ range: at(0, 19, 21), newText: 'MB' }] }] });
    const actions = pgconfCodeActions(input, at(0, 0, 21), { diagnostics: [typo, unit] });
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred, a.diagnostics?.[0].code]),
      [
        ["Change to 'shared_buffers'", 'quickfix', true, 'pgconf/unknown-parameter'],
        ["Change unit to 'MB'", 'quickfix', true, 'pgconf/invalid-unit'], // the only fix: preferred
      ],
    );
    assert.deepStrictEqual(actions[0].edit?.changes?.['file:///test/postgresql.conf'], [{ range: at(0, 0, 13), newText: 'shared_buffers' }]);
  });

  it('keeps several candidates without guessing a preferred one', () => {
    const ambiguous = diagnostic('pgconf/unknown-parameter', at(0, 0, 13), {
      fixes: [
        { title: 'Change to a', edits: [{ range: at(0, 0, 13), newText: 'a' }] },
        { title: 'Change to b', edits: [{ range: at(0, 0, 13), newText: 'b' }] },
      ],
    });
    const actions = pgconfCodeActions(input, at(0, 3, 3), { diagnostics: [ambiguous] });
    assert.deepStrictEqual(actions.map((a) => [a.title, a.isPreferred]), [['Change to a', undefined], ['Change to b', undefined]]);
  });

  it('renames with several edits, and ignores foreign, fix-less and out-of-range diagnostics', () => {
    const rename = diagnostic('pgconf/removed-parameter', at(1, 0, 17), {
      fixes: [{ title: 'Replace with wal_keep_size = 1GB', edits: [{ range: at(1, 0, 17), newText: 'wal_keep_size' }, { range: at(1, 20, 22), newText: '1GB' }], isPreferred: true }],
    });
    const foreign: Diagnostic = { range: at(1, 0, 17), code: 'compose/x', message: 'x', data: rename.data };
    const bare = diagnostic('pgconf/overridden', at(1, 0, 17));
    const actions = pgconfCodeActions(input, at(1, 0, 22), { diagnostics: [rename, foreign, bare] });
    assert.strictEqual(actions.length, 1);
    assert.strictEqual(actions[0].edit?.changes?.['file:///test/postgresql.conf']?.length, 2);
    assert.deepStrictEqual(pgconfCodeActions(input, at(0, 0, 5), { diagnostics: [rename] }), []);
    assert.deepStrictEqual(pgconfCodeActions(input, at(1, 0, 5), { diagnostics: [rename], only: ['refactor'] }), []);
  });
});
