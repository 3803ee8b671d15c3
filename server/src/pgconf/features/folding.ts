import type { FoldingRange } from 'vscode-languageserver-types';
import type { PgconfFeatureInput } from './input';

export function pgconfFolding(_input: PgconfFeatureInput): FoldingRange[] {
  return [];
}
