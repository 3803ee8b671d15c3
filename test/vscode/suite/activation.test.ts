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

  it('registers every command package.json contributes', async () => {
    await activatePgha();
    const registered = new Set(await vscode.commands.getCommands(true));
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { commands?: { command: string }[] } };
    const contributed = (manifest.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.includes('pgha.restartServer') && contributed.includes('pgha.selectPostgresVersion'));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], 'commands in package.json without a handler (add them to client/src/commands/index.ts)');
  });
});
