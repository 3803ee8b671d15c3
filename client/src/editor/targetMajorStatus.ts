import * as vscode from 'vscode';
import { TargetMajorRequest, type TargetMajorParams, type TargetMajorResult } from '../../../server/src/protocol';
import type { Ctx } from '../ctx';
import { TARGET_MAJOR_LANGUAGES } from './languages';

export const SELECT_VERSION_COMMAND = 'pgha.selectPostgresVersion';

/** Status bar item "PG 17" for editors of formats that tell a target major (postgresql.conf): the major the server checks against; click to change. */
export class TargetMajorStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('pgha.targetMajor', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private generation = 0;
  private visible = false;
  /** Resolves after each refresh (tests and callers that need the new text wait on it). */
  private settled: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: Ctx) {
    this.item.name = 'PostgreSQL target version';
    this.item.command = SELECT_VERSION_COMMAND;
    const refresh = () => void this.refresh();
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(refresh),
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (doc === vscode.window.activeTextEditor?.document) refresh();
      }),
      ctx.onServerSettingsSynced(refresh),
      ctx.onClientChanged(refresh),
    );
    refresh();
  }

  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }
  get tooltip(): string | undefined {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : undefined;
  }
  refresh(): Promise<void> {
    const generation = ++this.generation;
    this.settled = this.update(generation).catch((error) => {
      this.ctx.output.appendLine(`[pgha] target major: ${String(error)}`);
    });
    return this.settled;
  }

  private async update(generation: number): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !TARGET_MAJOR_LANGUAGES.includes(doc.languageId)) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const params: TargetMajorParams = { uri: doc.uri.toString() };
    const answer = await this.ctx.sendRequest<TargetMajorResult>(TargetMajorRequest.method, params);
    if (generation !== this.generation) return; // a newer refresh is under way
    const major = answer?.major ?? this.ctx.config.postgresVersion;
    const source = answer?.source ?? 'setting pgha.postgresVersion (language server not running)';
    this.item.text = `PG ${major}`;
    this.item.tooltip = `PostgreSQL ${major} — from ${source}. Click to choose the target version.`;
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.item.dispose();
  }
}
