import type { CodeAction, CodeActionContext, Range } from 'vscode-languageserver-types';
import { quickFixes } from '../../../diagnostics';
import { COMPOSE } from '../codes';
import type { ComposeFeatureInput } from './input';

/** Turns the fixes carried in our diagnostics' data into quick fixes (some also create or edit init scripts). */
export function composeCodeActions(input: ComposeFeatureInput, range: Range, context: CodeActionContext): CodeAction[] {
  return quickFixes(input.doc.uri, range, context, { formatId: COMPOSE });
}
