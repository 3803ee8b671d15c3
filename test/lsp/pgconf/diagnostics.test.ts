import * as assert from 'assert';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, codeActionsOnly, LspTestClient } from '../support';
import { requireCatalog } from './requireCatalog';

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

describe('lsp pgconf: diagnostics and quick fixes over the protocol', function () {
  this.timeout(60_000);
  let client: LspTestClient;

  before(async function () {
    requireCatalog(this);
    client = await LspTestClient.start({ transport: 'ipc', initializationOptions: { pgha: { postgresVersion: 16 } } });
  });
  after(async () => client?.stop());

  it('publishes diagnostics on open and again after an edit', async () => {
    const uri = 'file:///diagnostics/edit/postgresql.conf';
    await client.open(uri, 'shared_buffers = 128MB\n');
    assert.deepStrictEqual(await client.waitForDiagnostics(uri), []);
    await client.change(uri, 'shared_buffers = 128MB\nmax_connections = lots\n');
    const after = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepStrictEqual(codes(after), ['pgconf/invalid-value']);
    assert.deepStrictEqual(after[0].range, { start: { line: 1, character: 18 }, end: { line: 1, character: 22 } });
  });

  const fixes: [title: string, before: string, code: string, after: string][] = [
    ['did-you-mean', 'shared_bufers = 128MB\n', 'pgconf/unknown-parameter', 'shared_buffers = 128MB\n'],
    ['unit case', 'work_mem = 64mb\n', 'pgconf/invalid-unit', 'work_mem = 64MB\n'],
    ['rename', 'wal_keep_segments = 64\n', 'pgconf/removed-parameter', 'wal_keep_size = 1024MB\n'], // 64 × 16MB segments
    ['quoting', 'checkpoint_timeout = 30.5min\n', 'pgconf/syntax', "checkpoint_timeout = '30.5min'\n"],
    ['unit spacing', 'shared_buffers = 128 MB\n', 'pgconf/syntax', 'shared_buffers = 128MB\n'],
  ];
  for (const [title, before, code, expected] of fixes) {
    it(`offers a preferred quick fix for ${code} (${title}) that clears the diagnostic`, async () => {
      const uri = `file:///diagnostics/${title.replace(/\W+/g, '-')}/postgresql.conf`;
      await client.open(uri, before);
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === code));
      const target = diagnostics.find((d) => d.code === code)!;
      const actions = codeActionsOnly(await client.codeActions(uri, target.range, [target]));
      const preferred = actions.find((a) => a.isPreferred);
      assert.ok(preferred, `a preferred fix among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.strictEqual(preferred.kind, 'quickfix');
      assert.deepStrictEqual(preferred.diagnostics?.map((d) => d.code), [code]);
      const fixed = applyWorkspaceEdit(before, uri, preferred.edit);
      assert.strictEqual(fixed, expected);
      await client.change(uri, fixed);
      const remaining = await client.waitForDiagnostics(uri);
      assert.ok(!codes(remaining).includes(code), `still ${code} after the fix: ${JSON.stringify(remaining)}`);
    });
  }
});
