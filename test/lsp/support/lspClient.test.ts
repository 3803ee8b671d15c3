import * as assert from 'assert';
import { cursor, LspTestClient } from '.';

describe('lsp test support: LspTestClient', function () {
  this.timeout(60_000);

  for (const transport of ['stdio', 'ipc'] as const) {
    it(`starts the real server over ${transport}, reads capabilities and shuts it down`, async () => {
      const client = await LspTestClient.start({ transport });
      try {
        const caps = client.initializeResult.capabilities;
        assert.ok(caps.completionProvider, 'completion capability');
        assert.ok(caps.hoverProvider, 'hover capability');
        assert.strictEqual(client.initializeResult.serverInfo?.name, 'pgha-language-server');
        const uri = `file:///support-${transport}/postgresql.conf`;
        await client.open(uri, '# nothing here\n');
        const diagnostics = await client.waitForDiagnostics(uri);
        assert.deepStrictEqual(diagnostics, []);
      } finally {
        await client.stop();
      }
      assert.strictEqual(client.process.exitCode !== null || client.process.signalCode !== null, true, 'the process exited');
    });
  }

  it('cursor() turns a | marker into a position', () => {
    assert.deepStrictEqual(cursor('a = 1\nwal_|level'), { text: 'a = 1\nwal_level', position: { line: 1, character: 4 } });
  });
});
