import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Chunk } from './chunks';

/** A YAML node and the offset of the chunk it was parsed in: absolute offset = base + node offset. */
export interface Located {
  node: Node | null;
  base: number;
  /** Anchor name when the node was reached through an alias. */
  viaAnchor?: string;
}

export interface Span {
  start: number;
  end: number;
}

/** An entry of a resolved mapping: where the key and value are, and whether they came from a merge. */
export interface Entry {
  key: string;
  keySpan: Span;
  value: Located;
  /** Set when the entry came from `<<: *anchor`. */
  mergedFrom?: string;
}

/** Anchors of the whole document, in document order, for resolving aliases across chunks. */
export class AnchorTable {
  private readonly byName = new Map<string, { node: Node; base: number; offset: number }[]>();
  /** Resolved mappings, so an anchor merged into 100 services is resolved once per model. */
  readonly entriesMemo = new Map<Node, { base: number; viaAnchor?: string; value: { entries: Entry[]; mergeConflicts: Entry[][] } }>();

  constructor(chunks: Chunk[]) {
    for (const chunk of chunks) {
      for (const a of chunk.parsed.anchors) {
        const list = this.byName.get(a.name) ?? [];
        list.push({ node: a.node, base: chunk.base, offset: chunk.base + a.offset });
        this.byName.set(a.name, list);
      }
    }
  }

  /** The definition an alias at `at` refers to: the last one before it (YAML semantics), else the first. */
  lookup(name: string, at: number): { node: Node; base: number } | undefined {
    const list = this.byName.get(name);
    if (!list) return undefined;
    let found = list[0];
    for (const def of list) if (def.offset <= at) found = def;
    return found;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Whether an alias at `at` refers to an anchor defined before it (YAML and Compose accept no other). */
  definedBefore(name: string, at: number): boolean {
    return this.byName.get(name)?.some((def) => def.offset < at) ?? false;
  }
}

export function spanOf(loc: Located): Span | undefined {
  const r = loc.node?.range;
  return r ? { start: loc.base + r[0], end: loc.base + r[1] } : undefined;
}

/** Follows aliases (bounded, to survive cycles). */
export function deref(loc: Located, anchors: AnchorTable): Located {
  let current = loc;
  for (let i = 0; i < 8 && current.node && isAlias(current.node); i++) {
    const at = current.base + (current.node.range?.[0] ?? 0);
    const target = anchors.lookup(current.node.source, at);
    if (!target) return { node: null, base: current.base };
    current = { node: target.node, base: target.base, viaAnchor: current.node.source };
  }
  return current;
}

function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return k.value === null ? '' : String(k.value);
  return undefined;
}

function keySpanOf(pair: Pair, base: number): Span {
  const r = isScalar(pair.key) ? pair.key.range : undefined;
  return r ? { start: base + r[0], end: base + r[1] } : { start: base, end: base };
}

/**
 * Entries of a mapping with merge keys applied: explicit keys win over merged ones,
 * earlier merge sources win over later ones (YAML merge semantics). Duplicates are reported.
 */
export function entries(loc: Located, anchors: AnchorTable, depth = 0): { entries: Entry[]; mergeConflicts: Entry[][] } {
  const map = deref(loc, anchors);
  const result: Entry[] = [];
  const mergeConflicts: Entry[][] = [];
  if (!map.node || !isMap(map.node) || depth > 8) return { entries: result, mergeConflicts };
  const memo = anchors.entriesMemo.get(map.node);
  if (memo && memo.base === map.base && memo.viaAnchor === map.viaAnchor) return memo.value;
  const value = { entries: result, mergeConflicts };
  anchors.entriesMemo.set(map.node, { base: map.base, viaAnchor: map.viaAnchor, value });
  const merged: Entry[][] = [];
  for (const item of (map.node as YAMLMap).items) {
    if (!isPair(item)) continue;
    const key = keyText(item);
    if (key === undefined) continue;
    if (key === '<<') {
      const source: Located = { node: item.value as Node | null, base: map.base };
      const src = deref(source, anchors);
      const sources = src.node && isSeq(src.node) ? src.node.items.map((n) => ({ node: n as Node, base: src.base })) : [source];
      for (const s of sources) {
        const resolved = deref(s, anchors);
        const anchorName = resolved.viaAnchor ?? 'merge';
        merged.push(entries(resolved, anchors, depth + 1).entries.map((e) => ({ ...e, mergedFrom: e.mergedFrom ?? anchorName })));
      }
      continue;
    }
    const value: Located = { node: (item.value as Node | null) ?? null, base: map.base };
    result.push({ key, keySpan: keySpanOf(item, map.base), value: map.viaAnchor ? { ...value, viaAnchor: map.viaAnchor } : value });
  }
  const own = new Set(result.map((e) => e.key));
  const seen = new Map<string, Entry>();
  for (const group of merged) {
    for (const entry of group) {
      if (own.has(entry.key)) continue;
      const earlier = seen.get(entry.key);
      if (earlier) {
        mergeConflicts.push([earlier, entry]);
        continue;
      }
      seen.set(entry.key, entry);
    }
  }
  result.push(...seen.values());
  return value;
}

/** Keys that an explicit entry overrides although a merge source also set them (merge is shallow). */
export function shadowedMergeKeys(loc: Located, anchors: AnchorTable): { own: Entry; merged: string }[] {
  const map = deref(loc, anchors);
  if (!map.node || !isMap(map.node)) return [];
  const mergeItem = map.node.items.find((p) => isPair(p) && keyText(p) === '<<');
  if (!mergeItem) return [];
  const all = entries(map, anchors).entries;
  const explicit = all.filter((e) => !e.mergedFrom);
  const mergedOnly = new Map<string, string>();
  const mergeSource = deref({ node: mergeItem.value as Node, base: map.base }, anchors);
  const sources = mergeSource.node && isSeq(mergeSource.node) ? mergeSource.node.items.map((n) => deref({ node: n as Node, base: mergeSource.base }, anchors)) : [mergeSource];
  for (const s of sources) for (const e of entries(s, anchors).entries) if (!mergedOnly.has(e.key)) mergedOnly.set(e.key, s.viaAnchor ?? 'merge');
  return explicit.filter((e) => mergedOnly.has(e.key)).map((own) => ({ own, merged: mergedOnly.get(own.key)! }));
}

export function getEntry(list: Entry[], key: string): Entry | undefined {
  return list.find((e) => e.key === key);
}

/** Scalar value as text (numbers and booleans as written), or undefined for collections/null. */
export function scalarText(loc: Located | undefined, anchors: AnchorTable): string | undefined {
  if (!loc) return undefined;
  const n = deref(loc, anchors).node;
  if (!n || !isScalar(n)) return undefined;
  if (n.value === null || n.value === undefined) return '';
  if (typeof n.value === 'string') return n.value;
  return n.source ?? String(n.value);
}

/** Items of a sequence (aliases resolved). */
export function seqItems(loc: Located | undefined, anchors: AnchorTable): Located[] {
  if (!loc) return [];
  const s = deref(loc, anchors);
  if (!s.node || !isSeq(s.node)) return [];
  return s.node.items.map((n) => deref({ node: n as Node, base: s.base, viaAnchor: s.viaAnchor }, anchors));
}

export function isMapping(loc: Located | undefined, anchors: AnchorTable): boolean {
  return !!loc && isMap(deref(loc, anchors).node);
}

export function isSequence(loc: Located | undefined, anchors: AnchorTable): boolean {
  return !!loc && isSeq(deref(loc, anchors).node);
}

/** Scalar node type (PLAIN, QUOTE_DOUBLE, BLOCK_LITERAL…) for offset mapping of its text. */
export function scalarType(loc: Located): string | undefined {
  return loc.node && isScalar(loc.node) ? (loc.node.type as string | undefined) : undefined;
}
