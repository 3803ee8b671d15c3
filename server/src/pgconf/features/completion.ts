import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-types';
import type { Catalog } from '../../catalog/types';
import type { PgconfFeatureInput } from './input';

export function pgconfCompletions(_input: PgconfFeatureInput, _position: Position): CompletionList {
  return { isIncomplete: false, items: [] };
}

export function resolvePgconfCompletion(item: CompletionItem, _catalog: Catalog): CompletionItem {
  return item;
}
