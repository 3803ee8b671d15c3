import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { adoptionFor } from './languages';

/**
 * Gives files the language of the format that adopts them when they sit next to its marker (`*.conf` next to a
 * PG_VERSION file becomes `pgconf`); other mappings: files.associations.
 */
export function registerLanguageAdoption(ctx: Ctx): void {
  const consider = async (doc: vscode.TextDocument) => {
    const adoption = doc.uri.scheme === 'file' ? adoptionFor(doc.fileName, doc.languageId) : undefined;
    if (!adoption) return;
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(doc.uri, '..', adoption.nextTo));
    } catch {
      return; // no marker beside it
    }
    try {
      await vscode.languages.setTextDocumentLanguage(doc, adoption.languageId);
    } catch (error) {
      ctx.output.appendLine(`[pgha] could not set the language of ${doc.fileName}: ${String(error)}`);
    }
  };
  ctx.pushExtensionDisposable(vscode.workspace.onDidOpenTextDocument((doc) => void consider(doc)));
  vscode.workspace.textDocuments.forEach((doc) => void consider(doc));
}
