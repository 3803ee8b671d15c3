import * as assert from 'assert';
import * as vscode from 'vscode';
import { TargetMajorRequest, type TargetMajorResult } from '../../../server/src/protocol';
import { isMajor } from '../../../core/majors';
import { waitFor } from '../../support/waitFor';
import { activatePgha, openInEditor } from './helpers';

describe('target PostgreSQL major', () => {
  afterEach(async () => {
    await vscode.workspace.getConfiguration('pgha').update('postgresVersion', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('answers pgha/targetMajor and shows it in the status bar', async () => {
    const api = await activatePgha();
    const editor = await openInEditor('postgresql.conf');
    const client = await waitFor(() => api.languageClient, 'a running language client', 20_000);
    const answer = await client.sendRequest<TargetMajorResult>(TargetMajorRequest.method, { uri: editor.document.uri.toString() });
    assert.ok(answer, 'the server has no target major for an open postgresql.conf');
    assert.ok(isMajor(answer.major), `unexpected major ${answer.major}`);
    await waitFor(() => api.targetMajorStatusText === `PG ${answer.major}`, `status bar "PG ${answer.major}"`, 10_000);
  });

  it('follows pgha.postgresVersion (what the status bar quick pick writes)', async () => {
    const api = await activatePgha();
    const editor = await openInEditor('postgresql.conf');
    await vscode.workspace.getConfiguration('pgha').update('postgresVersion', 14, vscode.ConfigurationTarget.Workspace);
    const client = await waitFor(() => api.languageClient, 'a running language client', 20_000);
    await waitFor(
      async () => (await client.sendRequest<TargetMajorResult>(TargetMajorRequest.method, { uri: editor.document.uri.toString() }))?.major === 14,
      'the server to use major 14',
      10_000,
    );
    await waitFor(() => api.targetMajorStatusText === 'PG 14', 'status bar "PG 14"', 10_000);
  });

  it('hides the status bar item for other files', async () => {
    const api = await activatePgha();
    await openInEditor('other.yaml');
    await waitFor(() => api.targetMajorStatusText === undefined, 'the status bar item to hide', 10_000);
  });
});
