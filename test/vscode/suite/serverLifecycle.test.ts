import * as assert from 'assert';
import * as vscode from 'vscode';
import { TargetMajorRequest, type TargetMajorResult } from '../../../server/src/protocol';
import { waitFor } from '../../support/waitFor';
import { activatePgha, openInEditor } from './helpers';

/** The node LanguageClient keeps its server process privately; tests read its pid to crash it on purpose. */
const serverPid = (client: unknown) => (client as { _serverProcess?: { pid?: number } })._serverProcess?.pid;

describe('language server lifecycle', () => {
  it('"Restart Language Server" gives a new running server', async () => {
    const api = await activatePgha();
    const before = await waitFor(() => api.languageClient, 'a running language client', 20_000);
    await vscode.commands.executeCommand('pgha.restartServer');
    const after = await waitFor(() => api.languageClient, 'a running language client after restart', 20_000);
    assert.notStrictEqual(after, before);
  });

  it('restarts the server after a crash, with the open documents synced again', async () => {
    const api = await activatePgha();
    const editor = await openInEditor('errors', 'postgresql.conf');
    const client = await waitFor(() => api.languageClient, 'a running language client', 20_000);
    const pid = await waitFor(() => serverPid(client), 'the server process id', 10_000);
    process.kill(pid, 'SIGKILL');
    await waitFor(() => {
      const next = serverPid(api.languageClient);
      return next !== undefined && next !== pid;
    }, 'a new server process', 20_000);
    const params = { uri: editor.document.uri.toString() };
    await waitFor(
      async () => (await api.languageClient?.sendRequest<TargetMajorResult>(TargetMajorRequest.method, params)) ?? undefined,
      'the restarted server to know the open postgresql.conf',
      20_000,
    );
  });
});
