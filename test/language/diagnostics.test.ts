import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { joinMessage, makeDiagnostic } from '../../language/diagnostics';
import { getLanguageService } from '../../language/service/languageService';
import { tinyCatalog } from './formats/pgconf/fixtures';
import { memoryFs } from './formats/pgconf/memoryFs';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

describe('the shared diagnostic builder', () => {
  it('keeps the real program’s words: a range reads (16 .. 1073741823), not (16 . 1073741823)', () => {
    const message = '1 8kB is outside the valid range for parameter "shared_buffers" (16 8kB .. 1073741823 8kB)';
    assert.strictEqual(makeDiagnostic({ range, code: 'pgconf/out-of-range', severity: 'error', message }).message, `${message}.`);
    const service = getLanguageService({ catalog: tinyCatalog(), fs: memoryFs({}), settings: () => ({ defaultMajor: 17 }) });
    const [diagnostic] = service.getDiagnostics(TextDocument.create('file:///db/postgresql.conf', 'pgconf', 1, 'shared_buffers = 1\n'));
    assert.strictEqual(diagnostic.code, 'pgconf/out-of-range');
    assert.match(diagnostic.message, /^1 8kB is outside the valid range for parameter "shared_buffers" \(16 8kB \.\. 1073741823 8kB\)\./);
  });

  it('closes the message with one period, then adds the hint', () => {
    assert.strictEqual(joinMessage('syntax error', 'Quote it.'), 'syntax error. Quote it.');
    assert.strictEqual(joinMessage('Did you mean "x"?', 'More.'), 'Did you mean "x"? More.');
    assert.strictEqual(joinMessage('done.'), 'done.');
    assert.strictEqual(joinMessage('a .. b'), 'a .. b.');
  });

  it('carries severity, code, data and the unnecessary tag', () => {
    const d = makeDiagnostic({ range, code: 'compose/x', severity: 'hint', message: 'm', unnecessary: true, data: { fixes: [] } });
    assert.deepStrictEqual(
      { severity: d.severity, code: d.code, source: d.source, tags: d.tags, data: d.data },
      { severity: 4, code: 'compose/x', source: 'pgha', tags: [1], data: { fixes: [] } },
    );
  });
});
