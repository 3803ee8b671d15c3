import * as vscode from 'vscode';

/** Skeleton; the foundation work replaces this with the language client, commands and views. */
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.window.createOutputChannel('PostgreSQL HA'));
}

export function deactivate(): void {}
