import type { CodeAction, CodeActionContext, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ComposeDiagnosticData, ComposeFix } from '../rules/context';
import type { ComposeFeatureInput } from './input';

/** Turns the fixes carried in our diagnostics' data into quick fixes. */
export function composeCodeActions(input: ComposeFeatureInput, _range: Range, context: CodeActionContext): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of context.diagnostics) {
    if (typeof diagnostic.code !== 'string' || !diagnostic.code.startsWith('compose/')) continue;
    const data = diagnostic.data as ComposeDiagnosticData | undefined;
    for (const fix of data?.fixes ?? []) {
      actions.push({ title: fix.title, kind: 'quickfix', diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: workspaceEdit(input.doc.uri, fix) });
    }
  }
  return actions;
}

function workspaceEdit(uri: string, fix: ComposeFix): WorkspaceEdit {
  if (!fix.otherFiles?.length) return { changes: { [uri]: fix.edits } };
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const file of fix.otherFiles) {
    if (file.create) documentChanges.push({ kind: 'create', uri: file.uri, options: { ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri: file.uri, version: null }, edits: file.edits });
  }
  if (fix.edits.length) documentChanges.push({ textDocument: { uri, version: null }, edits: fix.edits });
  return { documentChanges };
}
