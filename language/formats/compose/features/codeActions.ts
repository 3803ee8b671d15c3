import type { CodeAction, CodeActionContext, Diagnostic, Range } from 'vscode-languageserver-types';
import { quickFixes, type Fix } from '../../../diagnostics';
import { COMPOSE, type ComposeDiagnosticData } from '../codes';
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
function fixesOf(diagnostic: Diagnostic, findings: Diagnostic[]): Fix[] {
  const own = (diagnostic.data as ComposeDiagnosticData | undefined)?.fixes;
  if (own) return own;
  const same = findings.find((f) => f.code === diagnostic.code && f.message === diagnostic.message && sameRange(f.range, diagnostic.range));
  return (same?.data as ComposeDiagnosticData | undefined)?.fixes ?? [];
}

/** Quick fixes for our diagnostics in the context, from `findings`: the rules' full output for the document. */
export function composeCodeActions(input: ComposeFeatureInput, range: Range, context: CodeActionContext, findings: Diagnostic[]): CodeAction[] {
  return quickFixes(input.doc.uri, range, context, { formatId: COMPOSE, fixesOf: (diagnostic) => fixesOf(diagnostic, findings) });
}
