/**
 * The entries of [databases], [users] and [peers]: `name = key=value key='quoted value' …`, read the way
 * PgBouncer's loader reads them (cstr_get_pair: a key ends at `=` or a space, a value at a space unless quoted
 * with '…' where '' is a quote, empty values refused), and judged like the program judges them.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Span } from './parser';
import { cAtoi } from './values';

export interface ConnPair {
  key: string;
  value: string;
  /** Offsets in the value text. */
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

export interface ConnString {
  pairs: ConnPair[];
  /** Offset where the program stops with a syntax error, when it does. */
  syntaxErrorAt?: number;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

function skipSpace(text: string, p: number): number {
  while (isSpace(text[p])) p++;
  return p;
}

/** One key=value pair from `p`; undefined on a syntax error. */
function readPair(text: string, p: number): { pair: ConnPair; next: number } | undefined {
  const keyStart = p;
  while (p < text.length && text[p] !== '=' && text[p] !== ' ') p++;
  const keyEnd = p;
  p = skipSpace(text, p);
  if (text[p] !== '=' || keyStart === keyEnd) return undefined;
  p = skipSpace(text, p + 1);
  let value = '';
  let valueStart = p;
  const quoted = text[p] === "'";
  if (quoted) {
    valueStart = ++p;
    for (;;) {
      if (p >= text.length) return undefined;
      if (text[p] === "'") {
        if (text[p + 1] !== "'") break;
        p++;
      }
      value += text[p++];
    }
  } else {
    while (p < text.length && text[p] !== ' ') p++;
    value = text.slice(valueStart, p);
  }
  const valueEnd = p;
  // Past the closing quote the program cuts one more character, whatever it is ('it''s'x reads as it's).
  if (quoted) p++;
  if (p < text.length) p++;
  if (value === '') return undefined;
  return { pair: { key: text.slice(keyStart, keyEnd), value, keyStart, keyEnd, valueStart, valueEnd }, next: skipSpace(text, p) };
}

export function parseConnString(text: string): ConnString {
  const pairs: ConnPair[] = [];
  let p = skipSpace(text, 0);
  while (p < text.length) {
    const read = readPair(text, p);
    if (!read) return { pairs, syntaxErrorAt: p };
    pairs.push(read.pair);
    p = read.next;
  }
  return { pairs };
}

export type EntrySection = 'databases' | 'users' | 'peers';

/** What the program says about an entry it refuses (its first complaint), where, and which rule. */
export interface EntryProblem {
  message: string;
  /** Offsets in the value; the whole value when absent. */
  at?: { start: number; end: number };
  kind: 'syntax' | 'unknown-key' | 'bad-value' | 'name';
  key?: string;
}

const POOL_MODES = ['session', 'transaction', 'statement'];
const LOAD_BALANCE = ['disable', 'round-robin'];

function badValue(pair: ConnPair): string | undefined {
  if (pair.key === 'port' && cAtoi(pair.value) === 0) return `invalid port: ${pair.value}`;
  if (pair.key === 'pool_mode' && !POOL_MODES.includes(pair.value.toLowerCase())) return `invalid pool mode: ${pair.value}`;
  if (pair.key === 'load_balance_hosts' && !LOAD_BALANCE.includes(pair.value.toLowerCase())) return `invalid load_balance_hosts: ${pair.value}`;
  return undefined;
}

const UNKNOWN_KEY: Record<EntrySection, string> = {
  databases: 'unrecognized connection parameter',
  users: 'unrecognized user parameter',
  peers: 'unrecognized connection parameter',
};

function nameProblem(section: EntrySection, name: string): string | undefined {
  if (section === 'databases' && name === 'pgbouncer') return `database name "${name}" is reserved`;
  if (section === 'peers' && !(/^\d+$/.test(name) && Number(name) >= 1 && Number(name) <= 0xffff)) return 'ids of peers must be a number larger than 0 and at most 65536';
  return undefined;
}

/** The program's first complaint about an entry, or undefined when it takes it. */
export function judgeEntry(section: EntrySection, name: string, value: string, keys: readonly string[]): EntryProblem | undefined {
  const named = nameProblem(section, name);
  if (named) return { message: named, kind: 'name' };
  // The autodb entry `*` is kept as text and read only when a client asks for an unknown database.
  if (section === 'databases' && name === '*') return undefined;
  const parsed = parseConnString(value);
  for (const pair of parsed.pairs) {
    if (!keys.includes(pair.key)) return { message: `${UNKNOWN_KEY[section]}: ${pair.key}`, at: { start: pair.keyStart, end: pair.keyEnd }, kind: 'unknown-key', key: pair.key };
    const bad = badValue(pair);
    if (bad) return { message: bad, at: { start: pair.valueStart, end: pair.valueEnd }, kind: 'bad-value', key: pair.key };
  }
  if (parsed.syntaxErrorAt !== undefined) {
    const message = section === 'users' ? 'syntax error in user settings' : 'syntax error in connection string';
    return { message, at: { start: parsed.syntaxErrorAt, end: value.length }, kind: 'syntax' };
  }
  if (section === 'peers' && !parsed.pairs.some((pair) => pair.key === 'host')) return { message: `host was not provided for peer ${Number(name)}`, kind: 'name' };
  return undefined;
}

/** A range inside a value span (single-line values). */
export function rangeIn(value: Span, start: number, end: number): Range {
  const line = value.range.start.line;
  const base = value.range.start.character;
  return { start: { line, character: base + start }, end: { line, character: base + Math.max(end, start) } };
}
