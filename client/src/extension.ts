import * as vscode from 'vscode';
import type { PghaApi } from './api';
import { commandFactories } from './commands';
import { Ctx } from './ctx';
import { registerLanguageAdoption } from './editor/languageAdoption';
import { TargetMajorStatus } from './editor/targetMajorStatus';
import { registerClusterViews } from './views';

/** Wires the pieces together; the work lives in Ctx, the command table and the editor helpers. */
export async function activate(context: vscode.ExtensionContext): Promise<PghaApi> {
  const ctx = new Ctx(context);
  context.subscriptions.push(ctx);
  for (const [id, factory] of Object.entries(commandFactories)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(ctx)));
  }
  registerLanguageAdoption(ctx);
  const status = new TargetMajorStatus(ctx);
  context.subscriptions.push(status);
  const clusterViews = registerClusterViews(context, ctx);
  await ctx.start();
  return {
    get languageClient() {
      return ctx.languageClient;
    },
    get targetMajorStatusText() {
      return status.text;
    },
    refreshTargetMajorStatus: () => status.refresh(),
    clusterViews,
  };
}

export function deactivate(): void {
  // Ctx is in context.subscriptions; VS Code disposes it (and stops the server) on deactivation.
}
