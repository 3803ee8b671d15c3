import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { PgconfDiagnosticData, PgconfFix } from '../codes';
import type { PgconfFeatureInput } from './input';

/**
 * Quick fixes straight from the diagnostics' `data.fixes` (the validator knows what is unambiguous:
 * did-you-mean, unit case, renames, quoting). One CodeAction per fix, each tied to its diagnostic.
 */
export function pgconfCodeActions(input: PgconfFeatureInput, range: Range, context: CodeActionContext): CodeAction[] {
  if (context.only && !context.only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === 'quickfix')) {
    return [];
  }
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of context.diagnostics) {
    if (typeof diagnostic.code !== 'string' || !diagnostic.code.startsWith('pgconf/') || !overlaps(diagnostic.range, range)) continue;
    const fixes = fixesOf(diagnostic);
    // A lone fix is the obvious one even when the validator did not say so.
    const preferredGiven = fixes.some((fix) => fix.isPreferred);
    for (const fix of fixes) {
      const key = `${fix.title}\u0000${JSON.stringify(fix.edits)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.isPreferred || (!preferredGiven && fixes.length === 1) ? true : undefined,
        edit: { changes: { [input.doc.uri]: fix.edits.map((edit) => ({ range: edit.range, newText: edit.newText })) } },
      });
    }
  }
  return actions;
}

function fixesOf(diagnostic: Diagnostic): PgconfFix[] {
  const data = diagnostic.data as PgconfDiagnosticData | undefined;
  if (!data || !Array.isArray(data.fixes)) return [];
  return data.fixes.filter((fix) => typeof fix?.title === 'string' && Array.isArray(fix.edits) && fix.edits.length > 0);
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}
