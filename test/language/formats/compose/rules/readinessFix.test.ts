import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { service, textDoc } from '../helpers';

/** Issue 15: the depends-on fix never asks Compose to wait for the health of a service that has no healthcheck. */
describe('compose/depends-on-not-healthy fix against a server without a healthcheck', () => {
  it('adds the healthcheck with the condition, so Compose accepts the file and the finding is gone', () => {
    const ls = service();
    const doc = textDoc(['services:', '  primary:', '    image: postgres:17', '    environment:', '      POSTGRES_PASSWORD_FILE: /run/secrets/pw', '  replica:', '    image: postgres:17', '    user: postgres', '    command: bash -c "pg_basebackup -h primary -D /d -R && exec postgres"', '    depends_on: [primary]', ''].join('\n'));
    const diagnostic = ls.getDiagnostics(doc).find((d) => d.code === 'compose/depends-on-not-healthy');
    assert.ok(diagnostic);
    assert.match(diagnostic.message, /give "primary" a healthcheck/);
    const action = ls.getCodeActions(doc, diagnostic.range, { diagnostics: [diagnostic] }).find((a) => a.isPreferred)!;
    const edits = (action.edit?.changes?.[doc.uri] ?? []) as TextEdit[];
    const fixed = textDoc(TextDocument.applyEdits(doc, edits));
    const codes = ls.getDiagnostics(fixed).map((d) => d.code);
    assert.ok(!codes.includes('compose/healthcheck-missing') && !codes.includes('compose/depends-on-not-healthy') && !codes.includes('compose/yaml-syntax'), `${codes.join(', ')}\n${fixed.getText()}`);
    assert.match(fixed.getText(), /healthcheck:/);
  });
});
