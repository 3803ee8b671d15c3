import type { CodeAction, CodeActionContext, Diagnostic, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ComposeDiagnosticData, ComposeFix } from '../rules/context';
import type { ComposeFeatureInput } from './input';

/**
 * Published diagnostics leave their fixes out (they are most of a big file's diagnostics payload, sent on
 * every keystroke): data keeps only the service.
 */
export function withoutFixes(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => {
    const data = d.data as ComposeDiagnosticData | undefined;
    if (!data?.fixes) return d;
    const { fixes: _fixes, ...rest } = data;
    return { ...d, data: rest };
  });
}

const sameRange = (a: Range, b: Range) => a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** The fixes of a diagnostic the client sends back: its own (older clients of ours) or those of the same finding now. */
function fixesOf(diagnostic: Diagnostic, findings: Diagnostic[]): ComposeFix[] {
  const own = (diagnostic.data as ComposeDiagnosticData | undefined)?.fixes;
  if (own) return own;
  const same = findings.find((f) => f.code === diagnostic.code && f.message === diagnostic.message && sameRange(f.range, diagnostic.range));
  return (same?.data as ComposeDiagnosticData | undefined)?.fixes ?? [];
}

/** Quick fixes for our diagnostics in the context, from `findings`: the rules' full output for the document. */
export function composeCodeActions(input: ComposeFeatureInput, _range: Range, context: CodeActionContext, findings: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of context.diagnostics) {
    if (typeof diagnostic.code !== 'string' || !diagnostic.code.startsWith('compose/')) continue;
    for (const fix of fixesOf(diagnostic, findings)) {
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
