import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor } from '../../support/waitFor';
import { activatePgha } from './helpers';

const codeOf = (d: vscode.Diagnostic): string | undefined =>
  typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);

/** Asks VS Code for the code actions at a diagnostic (what the light bulb shows) and applies the one titled so. */
async function applyQuickFix(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic, title: string): Promise<void> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const titles = (actions ?? []).map((a) => a.title);
  const action = (actions ?? []).find((a): a is vscode.CodeAction => a.title === title && 'edit' in a && a.edit !== undefined);
  assert.ok(action?.edit, `no quick fix "${title}" (offered: ${titles.join(' | ') || 'none'})`);
  assert.strictEqual(action.kind?.value, vscode.CodeActionKind.QuickFix.value);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${title}" failed`);
}

describe('postgresql.conf quick fixes in the editor', () => {
  before(async () => {
    await activatePgha();
  });

  afterEach(async () => {
    // The untitled document is thrown away, unsaved.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('sees the removed and misspelled parameters, and fixes both through code actions', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'pgconf', content: 'wal_keep_segments = 64\nshared_bufers = 128MB\nport = 5432\n' });
    await vscode.window.showTextDocument(doc);
    const diagnostics = () => vscode.languages.getDiagnostics(doc.uri);
    const removed = await waitFor(() => diagnostics().find((d) => codeOf(d) === 'pgconf/removed-parameter'), 'the removed-parameter diagnostic on wal_keep_segments', 20_000);
    const unknown = await waitFor(() => diagnostics().find((d) => codeOf(d) === 'pgconf/unknown-parameter'), 'the unknown-parameter diagnostic on shared_bufers', 20_000);
    // An untitled file tells no major, and wal_keep_segments went away in 13: it may be for an older server, so
    // pgha says so as information rather than an error (the fix is still offered).
    assert.strictEqual(removed.severity, vscode.DiagnosticSeverity.Information);
    assert.match(removed.message, /older PostgreSQL/);
    assert.strictEqual(removed.range.start.line, 0);
    assert.strictEqual(doc.getText(unknown.range), 'shared_bufers');
    assert.match(unknown.message, /shared_buffers/);

    // 64 segments of 16 MB each.
    await applyQuickFix(doc, removed, 'Replace with wal_keep_size = 1024MB');
    await waitFor(() => doc.lineAt(0).text === 'wal_keep_size = 1024MB', 'line 1 to be rewritten', 10_000);
    // The diagnostics of the old text are stale now; use the fresh one for the misspelled name.
    const fresh = await waitFor(
      () => !diagnostics().some((d) => codeOf(d) === 'pgconf/removed-parameter') && diagnostics().find((d) => codeOf(d) === 'pgconf/unknown-parameter'),
      'diagnostics of the edited text',
      20_000,
    );
    await applyQuickFix(doc, fresh, "Change to 'shared_buffers'");
    assert.strictEqual(doc.getText(), 'wal_keep_size = 1024MB\nshared_buffers = 128MB\nport = 5432\n');
    await waitFor(() => diagnostics().length === 0, 'no diagnostics once both lines are fixed', 20_000);
  });
});
