/** What the cluster views and commands need from the extension (the Ctx satisfies it structurally). */
import type * as vscode from 'vscode';

export interface ClusterViewDeps {
  readonly extensionContext: vscode.ExtensionContext;
  readonly output: vscode.OutputChannel;
  /** A custom request to the language server; undefined when no server runs. */
  sendRequest<R>(method: string, params: unknown): Promise<R | undefined>;
  /** A language client started or stopped: compose models can be asked again. */
  readonly onClientChanged?: vscode.Event<unknown>;
}
