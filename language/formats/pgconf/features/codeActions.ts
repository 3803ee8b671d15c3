import type { CodeAction, CodeActionContext, Range } from 'vscode-languageserver-types';
import { quickFixes } from '../../../diagnostics';
import { PGCONF } from '../codes';
import type { PgconfFeatureInput } from './input';

/**
 * Quick fixes straight from the diagnostics' `data.fixes` (the validator knows what is unambiguous:
 * did-you-mean, unit case, renames, quoting). A lone fix is the obvious one even when the validator did not say so.
 */
export function pgconfCodeActions(input: PgconfFeatureInput, range: Range, context: CodeActionContext): CodeAction[] {
  return quickFixes(input.doc.uri, range, context, { formatId: PGCONF, preferLoneFix: true });
}
