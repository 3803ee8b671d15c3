import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { Config } from './config';
import { CrashPolicy } from './lsp/crashPolicy';
import { CloseAction, createLanguageClient } from './lsp/languageClient';

/**
 * The extension's state: settings, output channel and the language client. Two lifetimes:
 * extension disposables live until deactivation; client disposables end with each language client
 * (a restart disposes them and starts over).
 */
export class Ctx implements vscode.Disposable {
  readonly config = new Config();
  readonly output: vscode.OutputChannel;
  private client: LanguageClient | undefined;
  private clientDisposables: vscode.Disposable[] = [];
  private readonly crashPolicy = new CrashPolicy();
  private readonly settingsSynced = new vscode.EventEmitter<void>();
  private readonly clientChanged = new vscode.EventEmitter<LanguageClient | undefined>();
  /** The server has received the current `pgha.*` settings. */
  readonly onServerSettingsSynced = this.settingsSynced.event;
  /** A language client started (or stopped: undefined). */
  readonly onClientChanged = this.clientChanged.event;

  constructor(readonly extensionContext: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('PostgreSQL HA');
    this.pushExtensionDisposable(this.output, this.settingsSynced, this.clientChanged);
  }

  pushExtensionDisposable(...disposables: vscode.Disposable[]): void {
    this.extensionContext.subscriptions.push(...disposables);
  }

  pushClientDisposable(...disposables: vscode.Disposable[]): void {
    this.clientDisposables.push(...disposables);
  }

  /** The running language client, if any. */
  get languageClient(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  async start(): Promise<void> {
    if (this.client) return;
    const client = createLanguageClient({
      serverModule: this.extensionContext.asAbsolutePath('dist/server.js'),
      config: this.config,
      output: this.output,
      onServerClosed: () => this.onServerClosed(),
      onSettingsSent: () => this.settingsSynced.fire(),
    });
    this.client = client;
    this.pushClientDisposable(
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.clientChanged.fire(client);
      }),
    );
    try {
      await client.start();
      this.output.appendLine(`[pgha] language server started (${client.initializeResult?.serverInfo?.version ?? 'unknown version'})`);
    } catch (error) {
      this.output.appendLine(`[pgha] language server failed to start: ${String(error)}`);
      void vscode.window.showErrorMessage(`PostgreSQL HA: the language server did not start (${String(error)}).`, 'Show Output').then((pick) => {
        if (pick) this.output.show();
      });
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.clientDisposables.splice(0).forEach((d) => d.dispose());
    this.clientChanged.fire(undefined);
    if (!client) return;
    try {
      if (client.needsStop()) await client.stop(5_000);
    } catch (error) {
      this.output.appendLine(`[pgha] stopping the language server: ${String(error)}`);
    }
    await client.dispose().catch(() => undefined);
  }

  /** User-requested restart: a fresh client and a fresh crash count. */
  async restart(): Promise<void> {
    await this.stop();
    // After the stop: a stop that has to kill a slow server reports its close too, which is not a crash to count.
    this.crashPolicy.reset();
    await this.start();
  }

  /** A custom request to the server; undefined when no server is running. */
  async sendRequest<R>(method: string, params: unknown): Promise<R | undefined> {
    const client = this.languageClient;
    return client ? client.sendRequest<R>(method, params) : undefined;
  }

  dispose(): void {
    void this.stop();
  }

  private onServerClosed() {
    const decision = this.crashPolicy.onCrash(Date.now());
    const crashes = this.crashPolicy.recentCrashes;
    this.output.appendLine(`[pgha] language server stopped unexpectedly (${crashes} time(s) in the last 3 minutes): ${decision}`);
    if (decision === 'give-up') {
      void vscode.window
        .showErrorMessage(
          `PostgreSQL HA: the language server crashed ${crashes} times in 3 minutes and will not be restarted automatically.`,
          'Restart',
          'Show Output',
        )
        .then((pick) => {
          if (pick === 'Restart') void vscode.commands.executeCommand('pgha.restartServer');
          if (pick === 'Show Output') this.output.show();
        });
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    if (decision === 'restart-and-notify') {
      void vscode.window
        .showWarningMessage(`PostgreSQL HA: the language server crashed ${crashes} times in 3 minutes; it was restarted.`, 'Show Output')
        .then((pick) => {
          if (pick) this.output.show();
        });
    }
    return { action: CloseAction.Restart, handled: true };
  }
}
