import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PghaApi } from '../../../client/src/api';

export const EXTENSION_ID = 'pgha.pgha';

/** The extension under test, activated. */
export async function activatePgha(): Promise<PghaApi> {
  const extension = vscode.extensions.getExtension<PghaApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this host`);
  return extension.activate();
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace folder is not open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function openInEditor(...segments: string[]): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  return vscode.window.showTextDocument(doc);
}

/** The document as VS Code currently holds it (its language can change after opening). */
export function currentDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
}
