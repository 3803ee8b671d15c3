import type { CodeAction, CodeActionContext, Range } from 'vscode-languageserver-types';
import type { PgconfFeatureInput } from './input';

export function pgconfCodeActions(_input: PgconfFeatureInput, _range: Range, _context: CodeActionContext): CodeAction[] {
  return [];
}
