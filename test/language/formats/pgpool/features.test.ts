import * as assert from 'assert';
import { CodeActionKind } from 'vscode-languageserver-types';
import { expandItemDefaults } from '../../../../language/service/completionList';
import { pgpoolDoc, pgpoolService } from './support';

const text = "# pgpool-II 4.6\nbackend_hostname0 = 'db0'\nbackend_port0 = 5432\nbackend_hostname1 = 'db1'\nload_balance_mode = on\nlog_min_messages = \nmaster_slave_mode = on\n";

describe('pgpool.conf editor features', () => {
  const service = pgpoolService();
  const doc = pgpoolDoc(text);

  it('completes names of the target version at a line start and values after =', () => {
    const names = expandItemDefaults(service.getCompletions(doc, { line: 7, character: 0 })).items.map((i) => i.label);
    assert.ok(names.includes('backend_clustering_mode') && names.includes('backend_hostname0') && !names.includes('master_slave_mode'));
    const values = service.getCompletions(doc, { line: 5, character: 19 }).items.map((i) => i.label);
    assert.deepStrictEqual(values.slice(0, 2), ['debug5', 'debug4']);
    const resolved = service.resolveCompletion(expandItemDefaults(service.getCompletions(doc, { line: 7, character: 0 })).items.find((i) => i.label === 'sr_check_user')!);
    assert.match((resolved.documentation as { value: string }).value, /find out which node is the primary/);
  });

  it('describes a setting on hover, numbered ones with their node', () => {
    const hover = service.getHover(doc, { line: 3, character: 3 });
    assert.match((hover!.contents as { value: string }).value, /^_Node 1\._[\s\S]*backend_hostname<n>/);
    const old = service.getHover(doc, { line: 6, character: 3 });
    assert.match((old!.contents as { value: string }).value, /Not a setting of pgpool-II 4\.6/);
  });

  it('groups symbols by backend', () => {
    const symbols = service.getDocumentSymbols(doc);
    assert.deepStrictEqual(symbols.map((s) => [s.name, s.children?.length]).slice(0, 2), [['Backend 0', 2], ['Backend 1', 1]]);
  });

  it('turns the rename into a quick fix', () => {
    const diagnostics = service.getDiagnostics(doc);
    const range = { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } };
    const actions = service.getCodeActions(doc, range, { diagnostics });
    assert.deepStrictEqual(actions.map((a) => [a.title, a.kind]), [['Rename to backend_clustering_mode', CodeActionKind.QuickFix]]);
  });
});
