import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Command, WorkspaceEdit } from 'vscode-languageserver-protocol';

/** The text of `uri` after applying a WorkspaceEdit's changes (what the editor would do). */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  const edits = edit?.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, text), edits);
}

/** Code actions only (drops bare Commands), for assertions. */
export function codeActionsOnly(result: (Command | CodeAction)[] | null): CodeAction[] {
  return (result ?? []).filter((a): a is CodeAction => !('command' in a && typeof a.command === 'string'));
}
