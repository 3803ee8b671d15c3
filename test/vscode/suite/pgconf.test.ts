import * as assert from 'assert';
import * as vscode from 'vscode';
import { DidOpenTextDocumentNotification, type DidOpenTextDocumentFeatureShape } from 'vscode-languageclient/node';
import { waitFor } from '../../support/waitFor';
import { activatePgha, currentDocument, openInEditor, workspaceUri } from './helpers';

const diagnosticsOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri);

describe('postgresql.conf in the editor', () => {
  before(async () => {
    await activatePgha();
  });

  it('opens postgresql.conf with language pgconf', async () => {
    const editor = await openInEditor('postgresql.conf');
    assert.strictEqual(editor.document.languageId, 'pgconf');
  });

  it('reports a syntax error from the language server', async () => {
    // "128 MB" has a space: PostgreSQL rejects the line (the value must be quoted: '128MB').
    const editor = await openInEditor('errors', 'postgresql.conf');
    const found = await waitFor(
      () => diagnosticsOf(editor.document.uri).find((d) => d.range.start.line === 1),
      'a diagnostic on line 2 of errors/postgresql.conf',
      20_000,
    );
    assert.strictEqual(found.severity, vscode.DiagnosticSeverity.Error);
  });

  it('reacts to edits: a fixed line loses its diagnostic, a broken one gains it', async () => {
    const editor = await openInEditor('postgresql.conf');
    const uri = editor.document.uri;
    await waitFor(() => diagnosticsOf(uri).length === 0, 'no diagnostics on the valid file', 20_000);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\nshared_buffers = 128 MB\n'));
    const line = editor.document.lineCount - 2;
    await waitFor(() => diagnosticsOf(uri).some((d) => d.range.start.line === line), 'a diagnostic for the inserted line', 20_000);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => diagnosticsOf(uri).length === 0, 'the diagnostic to go away after undo', 20_000);
  });

  it('gives *.conf next to PG_VERSION the pgconf language, and pg_hba.conf the pghba language', async () => {
    const custom = workspaceUri('data17', 'custom.conf');
    await openInEditor('data17', 'custom.conf');
    await waitFor(() => currentDocument(custom)?.languageId === 'pgconf', 'custom.conf to become pgconf', 10_000);
    const hba = await vscode.workspace.openTextDocument(workspaceUri('data17', 'pg_hba.conf'));
    assert.strictEqual(hba.languageId, 'pghba');
  });

  it('syncs compose files to the server without changing their YAML language', async () => {
    const api = await activatePgha();
    const compose = await vscode.workspace.openTextDocument(workspaceUri('compose.yaml'));
    const other = await vscode.workspace.openTextDocument(workspaceUri('other.yaml'));
    // VS Code 1.100 gives compose files its own 'dockercompose' language; older ones 'yaml'. We change neither.
    assert.ok(['yaml', 'dockercompose'].includes(compose.languageId), `compose.yaml opened as ${compose.languageId}`);
    assert.strictEqual(other.languageId, 'yaml');
    const client = await waitFor(() => api.languageClient, 'a running language client', 20_000);
    const didOpen = client.getFeature(DidOpenTextDocumentNotification.method) as DidOpenTextDocumentFeatureShape;
    const synced = () => [...didOpen.openDocuments].map((doc) => doc.uri.toString());
    await waitFor(() => synced().includes(compose.uri.toString()), 'compose.yaml to be sent to the server', 10_000);
    assert.ok(!synced().includes(other.uri.toString()), 'a plain YAML file must not be sent to the server');
  });
});
