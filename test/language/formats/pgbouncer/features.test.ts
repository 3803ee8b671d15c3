import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { expandItemDefaults } from '../../../../language/service/completionList';
import { getLanguageService } from '../../../../language/service/languageService';
import { tinyCatalog } from '../pgconf/fixtures';
import { memoryFs } from '../pgconf/memoryFs';

const service = () => getLanguageService({ catalog: tinyCatalog(), fs: memoryFs({}) });
const TEXT = '[databases]\nappdb = host=primary pool_mode=\n[users]\nbob = pool_mode=session\n[pgbouncer]\nlisten_port = 6432\npool_mode = \n';
const doc = () => TextDocument.create('file:///stack/pgbouncer.ini', 'pgbouncer', 1, TEXT);
const labels = (items: CompletionItem[]) => items.map((item) => item.label);

describe('pgbouncer.ini editor features', function () {
  it('completes sections, settings, enum values and entry keys', function () {
    const ls = service();
    const at = (line: number, character: number) => labels(expandItemDefaults(ls.getCompletions(doc(), { line, character })).items);
    assert.ok(at(6, 12).includes('transaction'));
    assert.ok(at(1, 40).includes('statement'));
    assert.ok(at(1, 21).includes('dbname'));
    const settings = expandItemDefaults(ls.getCompletions(TextDocument.create('file:///stack/pgbouncer.ini', 'pgbouncer', 1, '[pgbouncer]\nmax_'), { line: 1, character: 4 })).items;
    assert.ok(labels(settings).includes('max_client_conn'));
    const resolved = ls.resolveCompletion(settings.find((item) => item.label === 'max_client_conn')!);
    assert.match((resolved.documentation as MarkupContent).value, /client connections/);
    assert.ok(labels(expandItemDefaults(ls.getCompletions(TextDocument.create('file:///stack/pgbouncer.ini', 'pgbouncer', 1, '[p'), { line: 0, character: 2 })).items).includes('pgbouncer'));
  });

  it('hovers settings, sections and connection keys in own words', function () {
    const ls = service();
    assert.match((ls.getHover(doc(), { line: 5, character: 3 })!.contents as MarkupContent).value, /listen_port[\s\S]*default: `6432`/);
    assert.match((ls.getHover(doc(), { line: 0, character: 3 })!.contents as MarkupContent).value, /\[databases\]/);
    assert.match((ls.getHover(doc(), { line: 1, character: 9 })!.contents as MarkupContent).value, /\*\*host\*\*/);
  });

  it('lists sections with their entries as symbols and folds per section', function () {
    const ls = service();
    const symbols = ls.getDocumentSymbols(doc());
    assert.deepStrictEqual(symbols.map((s) => [s.name, s.children?.map((c) => c.name)]), [
      ['[databases]', ['appdb']],
      ['[users]', ['bob']],
      ['[pgbouncer]', ['listen_port', 'pool_mode']],
    ]);
    assert.deepStrictEqual(ls.getFoldingRanges(doc()).map((r) => [r.startLine, r.endLine]), [[0, 1], [2, 3], [4, 6]]);
  });

  it('offers the did-you-mean fix as a quick fix', function () {
    const ls = service();
    const typo = TextDocument.create('file:///stack/pgbouncer.ini', 'pgbouncer', 1, '[pgbouncer]\nlisten_prot = 6432\n');
    const diagnostics = ls.getDiagnostics(typo);
    const actions = ls.getCodeActions(typo, diagnostics[0].range, { diagnostics });
    assert.strictEqual(actions[0].title, "Change to 'listen_port'");
  });
});
