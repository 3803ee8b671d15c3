import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor } from '../../support/waitFor';
import { activatePgha, EXTENSION_ID } from './helpers';

describe('extension activation', () => {
  it('activates and starts the language server', async () => {
    const api = await activatePgha();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    const client = await waitFor(() => api.languageClient, 'a running language client', 20_000);
    assert.strictEqual(client.initializeResult?.serverInfo?.name, 'pgha-language-server');
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['pgha.restartServer', 'pgha.showOutput', 'pgha.selectPostgresVersion']) {
      assert.ok(commands.includes(id), `command ${id} is missing`);
    }
  });
});
