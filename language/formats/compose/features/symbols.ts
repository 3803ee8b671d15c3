import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { ServiceInfo } from '../model';
import { toRange } from '../topology';
import type { ComposeFeatureInput } from './input';

/** The topology as a tree: primaries with their replicas (and replicas of replicas) and poolers; then other services. */
export function composeSymbols({ doc, model }: ComposeFeatureInput): DocumentSymbol[] {
  const symbol = (s: ServiceInfo, children: DocumentSymbol[]): DocumentSymbol => {
    const range = toRange(doc, { start: s.chunk.base, end: Math.max(s.chunk.base, s.chunk.end - 1) });
    const details = [s.role, s.major !== undefined ? `PostgreSQL ${s.major}` : s.image?.text, s.slot ? `slot ${s.slot}` : undefined].filter(Boolean);
    return {
      name: s.name,
      detail: details.join(' · '),
      kind: s.role === 'primary' ? SymbolKind.Class : s.role === 'replica' ? SymbolKind.Interface : s.role === 'pooler' ? SymbolKind.Event : SymbolKind.Module,
      range,
      selectionRange: toRange(doc, s.nameSpan),
      children,
    };
  };
  const placed = new Set<string>();
  const childrenOf = (s: ServiceInfo, depth: number): DocumentSymbol[] => {
    if (depth > 8) return [];
    return model.services
      .filter((c) => c.upstream === s.name && (c.role === 'replica' || c.role === 'pooler') && !placed.has(c.name))
      .map((c) => {
        placed.add(c.name);
        return symbol(c, childrenOf(c, depth + 1));
      });
  };
  const roots: DocumentSymbol[] = [];
  for (const s of model.services) {
    if (placed.has(s.name)) continue;
    const isRoot = s.role === 'primary' || !s.upstream || !model.byName.has(s.upstream);
    if (!isRoot) continue;
    placed.add(s.name);
    roots.push(symbol(s, childrenOf(s, 0)));
  }
  for (const s of model.services) if (!placed.has(s.name)) roots.push(symbol(s, []));
  return roots;
}
