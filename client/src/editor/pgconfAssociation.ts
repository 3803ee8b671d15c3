import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { isPgconfCandidate } from './pgconfCandidates';

/** Gives `*.conf` files next to a PG_VERSION file the `pgconf` language (other mappings: files.associations). */
export function registerPgconfAssociation(ctx: Ctx): void {
  const consider = async (doc: vscode.TextDocument) => {
    if (doc.uri.scheme !== 'file' || !isPgconfCandidate(doc.fileName, doc.languageId)) return;
    const marker = vscode.Uri.joinPath(doc.uri, '..', 'PG_VERSION');
    try {
      await vscode.workspace.fs.stat(marker);
    } catch {
      return; // not a data directory
    }
    try {
      await vscode.languages.setTextDocumentLanguage(doc, 'pgconf');
    } catch (error) {
      ctx.output.appendLine(`[pgha] could not set the language of ${doc.fileName}: ${String(error)}`);
    }
  };
  ctx.pushExtensionDisposable(vscode.workspace.onDidOpenTextDocument((doc) => void consider(doc)));
  vscode.workspace.textDocuments.forEach((doc) => void consider(doc));
}
