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

  it('stops restarting after repeated crashes, and "Restart Language Server" brings it back', async function () {
    this.timeout(300_000); // five crash/restart cycles; each restart is slow on a loaded machine
    const api = await activatePgha();
    await vscode.commands.executeCommand('pgha.restartServer'); // fresh crash count
    // DEFAULT_CRASH_POLICY gives up at the 5th crash within 3 minutes.
    for (let crash = 1; crash <= 5; crash++) {
      const pid = await waitFor(() => serverPid(api.languageClient), `a running server before crash ${crash}`, 60_000);
      process.kill(pid, 'SIGKILL');
      if (crash < 5) await waitFor(() => (serverPid(api.languageClient) ?? pid) !== pid, `a restart after crash ${crash}`, 60_000);
    }
    await waitFor(() => api.languageClient === undefined, 'the client to give up', 20_000);
    await vscode.commands.executeCommand('pgha.restartServer');
    await waitFor(() => api.languageClient, 'a running language client after the manual restart', 20_000);
  });
});
