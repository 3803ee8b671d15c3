import type { DocumentSymbol } from 'vscode-languageserver-types';
import type { PgconfFeatureInput } from './input';

export function pgconfSymbols(_input: PgconfFeatureInput): DocumentSymbol[] {
  return [];
}
