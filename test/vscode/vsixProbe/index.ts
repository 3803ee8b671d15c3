/**
 * extensionTestsPath for the packaged-extension check: the pgha extension here comes from the VSIX
 * installed with --install-extension (not from the repository). Opening a postgresql.conf must
 * activate it, and its bundled server must report the syntax error in errors/postgresql.conf.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor } from '../../support/waitFor';
import { COUNTS_MARKER, hostLog } from '../hostLog';

export async function run(): Promise<void> {
  const checks: [string, () => Promise<void>][] = [];
  const folder = () => {
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'no workspace folder');
    return root.uri;
  };
  checks.push([
    'the VSIX is installed (not the development copy)',
    async () => {
      const extension = vscode.extensions.getExtension('pgha.pgha');
      assert.ok(extension, 'pgha.pgha is not installed');
      assert.ok(/[\\/]extensions[\\/]pgha\.pgha-/.test(extension.extensionPath), `unexpected location ${extension.extensionPath}`);
      hostLog(`installed at ${extension.extensionPath}, version ${String(extension.packageJSON.version)}`);
    },
  ]);
  checks.push([
    'opening postgresql.conf activates it with language pgconf',
    async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'postgresql.conf'));
      await vscode.window.showTextDocument(doc);
      assert.strictEqual(doc.languageId, 'pgconf');
      await waitFor(() => vscode.extensions.getExtension('pgha.pgha')?.isActive, 'the extension to activate', 20_000);
    },
  ]);
  checks.push([
    'its bundled language server reports a syntax error',
    async () => {
      const uri = vscode.Uri.joinPath(folder(), 'errors', 'postgresql.conf');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await waitFor(() => vscode.languages.getDiagnostics(uri).length > 0, 'a diagnostic on errors/postgresql.conf', 20_000);
    },
  ]);

  let passes = 0;
  let failures = 0;
  for (const [name, check] of checks) {
    try {
      await check();
      passes++;
      hostLog(`  ✔ ${name}`);
    } catch (error) {
      failures++;
      hostLog(`  ✘ ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  hostLog(COUNTS_MARKER + JSON.stringify({ suite: 'vscode-vsix', passes, failures, pending: 0 }));
  if (failures > 0) throw new Error(`${failures} VSIX check(s) failed`);
}
