import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lazyCatalog } from '../../../../language/catalog/catalog';
import { nodeFileSystem } from '../../../../core/nodeFileSystem';
import { getLanguageService } from '../../../../language/service/languageService';
import { runSteps } from '../../../../language/service/steps';
import { generateComposeFile } from '../../../../scripts/bench/composeFixture';

const newService = () => getLanguageService({ catalog: lazyCatalog(), fs: nodeFileSystem });
const uri = 'file:///stepped/compose.yaml';

describe('compose: a model built in steps while requests build the same version at once', function () {
  this.timeout(60_000);

  it('gives what a fresh parse gives when a hover builds the version while the parse yields (big edit)', () => {
    const service = newService();
    const v1 = generateComposeFile(60);
    service.getDiagnostics(TextDocument.create(uri, 'dockercompose', 1, v1));
    // 20 KB of new YAML before every service: the parse yields, and every service moves.
    const v2 = `x-note: |\n${'  a note line that pushes every service further down\n'.repeat(400)}${v1}`;
    const doc = TextDocument.create(uri, 'dockercompose', 2, v2);
    const steps = service.getDiagnosticSteps(doc);
    assert.strictEqual(steps.next().done, false, 'the parse yielded');
    const serviceLine = v2.split('\n').findIndex((l) => /^ {2}pg_primary:/.test(l));
    assert.ok(service.getHover(doc, { line: serviceLine, character: 4 }), 'hover on a service while the check waits');
    const stepped = runSteps(steps);
    const fresh = newService().getDiagnostics(doc);
    assert.ok(fresh.length > 10);
    assert.deepStrictEqual(stepped, fresh);
    assert.deepStrictEqual(service.getDocumentSymbols(doc), newService().getDocumentSymbols(doc));
  });
});
