/**
 * A patroni.yml read the way Patroni reads it (PyYAML's safe_load, YAML 1.1): every node keeps the Python type
 * PyYAML would give it (`on` is a bool, `030` an int, `1e3` a string, `1.0` a float) and where it is in the text.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit, type Document, type Node } from 'yaml';

export interface Span {
  start: number;
  end: number;
}

interface Base extends Span {
  /** The key's span when the node is the value of a mapping entry. */
  key?: Span;
}

export type PyNode =
  | (Base & { kind: 'str'; value: string })
  | (Base & { kind: 'int'; value: number; text: string })
  | (Base & { kind: 'float'; value: number; text: string })
  | (Base & { kind: 'bool'; value: boolean })
  | (Base & { kind: 'null' })
  /** A date or timestamp: not a string for Patroni's validator; shown as written. */
  | (Base & { kind: 'other'; text: string })
  | (Base & { kind: 'dict'; entries: Map<string, PyNode> })
  | (Base & { kind: 'list'; items: PyNode[] });

export interface PatroniDocument {
  text: string;
  root: PyNode | undefined;
  lines: LineCounter;
  /** YAML errors: PyYAML refuses the file (Patroni stops with a traceback). */
  errors: { message: string; span: Span }[];
}

/** Real patroni.yml files are a few kilobytes: a bound for hostile input (the rest is not read). */
export const MAX_PATRONI_BYTES = 64 << 10;

const NULLS = /^(?:~|null|Null|NULL|)$/;
const TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP = /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

function pyInt(text: string): number {
  const clean = text.replace(/_/g, '');
  const sign = clean.startsWith('-') ? -1 : 1;
  const digits = clean.replace(/^[-+]/, '');
  if (digits.includes(':')) return sign * digits.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
  if (/^0b/.test(digits)) return sign * parseInt(digits.slice(2), 2);
  if (/^0x/.test(digits)) return sign * parseInt(digits.slice(2), 16);
  if (/^0[0-7]/.test(digits)) return sign * parseInt(digits.slice(1), 8);
  return sign * Number(digits);
}

/** A plain scalar resolved by PyYAML's implicit resolvers. */
function plainScalar(text: string, span: Span): PyNode {
  if (NULLS.test(text)) return { kind: 'null', ...span };
  if (TRUE.test(text)) return { kind: 'bool', value: true, ...span };
  if (FALSE.test(text)) return { kind: 'bool', value: false, ...span };
  if (INT.test(text)) return { kind: 'int', value: pyInt(text), text, ...span };
  if (FLOAT.test(text)) return { kind: 'float', value: Number(text.replace(/_/g, '').replace(/\.(inf|Inf|INF)$/, 'Infinity')), text, ...span };
  if (TIMESTAMP.test(text)) return { kind: 'other', text, ...span };
  return { kind: 'str', value: text, ...span };
}

function scalar(node: Scalar): PyNode {
  const span = { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 };
  const source = typeof node.source === 'string' ? node.source : String(node.value ?? '');
  if (node.type === Scalar.PLAIN && !node.tag) return plainScalar(source, span);
  const value: unknown = node.value;
  if (typeof value === 'boolean') return { kind: 'bool', value, ...span };
  if (typeof value === 'number') return Number.isInteger(value) && !/\./.test(source) ? { kind: 'int', value, text: String(value), ...span } : { kind: 'float', value, text: source, ...span };
  if (value === null) return { kind: 'null', ...span };
  return { kind: 'str', value: String(value), ...span };
}

/** Depth and node bounds: nesting and aliases of aliases (a "billion laughs" file) cannot make the walk unbounded. */
const MAX_DEPTH = 64;
const MAX_NODES = 5_000;

interface Walk {
  /** Anchors by name, the last definition winning (collected once: yaml's own resolve searches the document per alias). */
  anchors: Map<string, Node>;
  nodes: number;
}

function anchorsOf(doc: Document): Map<string, Node> {
  const anchors = new Map<string, Node>();
  visit(doc, (_key, node) => {
    if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) anchors.set(node.anchor, node);
  });
  return anchors;
}

function convert(node: Node | null | undefined, walk: Walk, depth: number): PyNode {
  if (!node || depth > MAX_DEPTH || ++walk.nodes > MAX_NODES) return { kind: 'null', start: 0, end: 0 };
  if (isAlias(node)) return convert(walk.anchors.get(node.source), walk, depth + 1);
  if (isScalar(node)) return scalar(node);
  const span = { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 };
  if (isSeq(node)) return { kind: 'list', items: node.items.map((item) => convert(item as Node, walk, depth + 1)), ...span };
  if (isMap(node)) {
    const entries = new Map<string, PyNode>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? scalar(keyNode) : undefined;
      const name = key?.kind === 'str' ? key.value : key && 'text' in key ? key.text : key?.kind === 'bool' ? (key.value ? 'True' : 'False') : undefined;
      if (name === undefined || !key) continue;
      const value = convert(pair.value as Node | null, walk, depth + 1);
      if (!pair.value) Object.assign(value, { start: key.end, end: key.end });
      entries.set(name, { ...value, key: { start: key.start, end: key.end } });
    }
    return { kind: 'dict', entries, ...span };
  }
  return { kind: 'null', ...span };
}

/** Flow brackets nested deeper than this are refused before parsing (PyYAML's recursion gives up far earlier than yaml's). */
const MAX_FLOW_DEPTH = 100;

/** The deepest nesting of [ and { (quotes not considered: an over-estimate that real files stay far below). */
function flowDepth(text: string): { depth: number; at: number } {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5b || ch === 0x7b) {
      if (++depth > MAX_FLOW_DEPTH) return { depth, at: i };
    } else if ((ch === 0x5d || ch === 0x7d) && depth > 0) depth--;
  }
  return { depth, at: -1 };
}

export function parsePatroni(text: string): PatroniDocument {
  const lines = new LineCounter();
  const bounded = text.length > MAX_PATRONI_BYTES ? text.slice(0, MAX_PATRONI_BYTES) : text;
  const deep = flowDepth(bounded);
  if (deep.at >= 0) {
    for (let i = bounded.indexOf('\n'); i >= 0; i = bounded.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
    return { text: bounded, root: undefined, lines, errors: [{ message: `Brackets nested more than ${MAX_FLOW_DEPTH} deep: not read further`, span: { start: deep.at, end: deep.at + 1 } }] };
  }
  const doc = parseDocument(bounded, { version: '1.1', lineCounter: lines, uniqueKeys: false, merge: true });
  const errors = doc.errors.map((e) => ({ message: e.message.split('\n')[0], span: { start: e.pos[0], end: e.pos[1] } }));
  const root = doc.contents ? convert(doc.contents as Node, { anchors: anchorsOf(doc), nodes: 0 }, 0) : undefined;
  return { text: bounded, root, lines, errors };
}

/** The node at a dotted path of mapping keys (`bootstrap.dcs.ttl`), if every step is a mapping. */
export function nodeAt(root: PyNode | undefined, path: readonly string[]): PyNode | undefined {
  let node = root;
  for (const step of path) {
    if (node?.kind !== 'dict') return undefined;
    node = node.entries.get(step);
  }
  return node;
}
