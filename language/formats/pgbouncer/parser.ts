/**
 * pgbouncer.ini reader: scans the text the way PgBouncer's ini loader does (libusual's parse_ini_file), so the
 * items it yields are the ones the program sees, with their exact ranges. Unlike the program it does not stop
 * at the first bad line: a line it cannot read becomes a `syntax` item and scanning goes on at the next line.
 */
import type { Range } from 'vscode-languageserver-types';

export interface Span {
  text: string;
  range: Range;
}

export type IniItem =
  | { kind: 'section'; line: number; name: Span; range: Range }
  | { kind: 'setting'; line: number; key: Span; value: Span; range: Range }
  | { kind: 'include'; line: number; path: Span; range: Range }
  | { kind: 'syntax'; line: number; range: Range; what: 'section' | 'setting' | 'include' };

export interface ParsedIni {
  items: IniItem[];
  /** Line starts (offsets), for position ↔ offset. */
  lineStarts: number[];
  lineCount: number;
}

/** C isspace in the C locale. */
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
/** Characters PgBouncer takes in a key: ASCII letters and digits, `_ . - *`. */
const isKeyChar = (c: string | undefined) => {
  const code = c === undefined ? 0 : c.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 46 || code === 42 || code === 45;
};

class Scanner {
  readonly lineStarts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }
  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
  position(offset: number) {
    const line = this.lineOf(offset);
    return { line, character: offset - this.lineStarts[line] };
  }
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
  span(start: number, end: number): Span {
    return { text: this.text.slice(start, end), range: this.range(start, end) };
  }
  lineEnd(offset: number): number {
    const end = this.text.indexOf('\n', offset);
    return end < 0 ? this.text.length : end;
  }
}

/** Reads a whole pgbouncer.ini (or an included file). */
export function parseIni(text: string): ParsedIni {
  const s = new Scanner(text);
  const items: IniItem[] = [];
  let p = 0;
  while (p < text.length) {
    while (p < text.length && isSpace(text[p])) p++;
    if (p >= text.length) break;
    const c = text[p];
    if (c === '#' || c === ';') p = s.lineEnd(p);
    else if (c === '[') p = readSection(s, p, items);
    else if (c === '%') p = readInclude(s, p, items);
    else p = readSetting(s, p, items);
  }
  return { items, lineStarts: s.lineStarts, lineCount: s.lineStarts.length };
}

function readSection(s: Scanner, start: number, items: IniItem[]): number {
  const text = s.text;
  let p = start + 1;
  while (p < text.length && text[p] !== ']' && text[p] !== '\n') p++;
  const line = s.lineOf(start);
  if (text[p] !== ']') {
    items.push({ kind: 'syntax', line, range: s.range(start, s.lineEnd(start)), what: 'section' });
    return s.lineEnd(start);
  }
  // The rest of the line after `]` is read as the next item, as the program does.
  items.push({ kind: 'section', line, name: s.span(start + 1, p), range: s.range(start, p + 1) });
  return p + 1;
}

function readInclude(s: Scanner, start: number, items: IniItem[]): number {
  const text = s.text;
  const end = s.lineEnd(start);
  const line = s.lineOf(start);
  const match = /^%include[ \t]+/.exec(text.slice(start, end));
  let valueEnd = end;
  while (valueEnd > start && isSpace(text[valueEnd - 1])) valueEnd--;
  if (!match || start + match[0].length >= valueEnd) {
    items.push({ kind: 'syntax', line, range: s.range(start, valueEnd), what: 'include' });
    return end;
  }
  items.push({ kind: 'include', line, path: s.span(start + match[0].length, valueEnd), range: s.range(start, valueEnd) });
  return end;
}

function readSetting(s: Scanner, start: number, items: IniItem[]): number {
  const text = s.text;
  let p = start;
  while (p < text.length && isKeyChar(text[p])) p++;
  const keyEnd = p;
  while (text[p] === ' ' || text[p] === '\t') p++;
  const line = s.lineOf(start);
  const end = s.lineEnd(start);
  if (text[p] !== '=') {
    let rangeEnd = end;
    while (rangeEnd > start && isSpace(text[rangeEnd - 1])) rangeEnd--;
    items.push({ kind: 'syntax', line, range: s.range(start, rangeEnd), what: 'setting' });
    return end;
  }
  p++;
  while (text[p] === ' ' || text[p] === '\t') p++;
  let valueEnd = end;
  while (valueEnd > p && isSpace(text[valueEnd - 1])) valueEnd--;
  items.push({ kind: 'setting', line, key: s.span(start, keyEnd), value: s.span(p, valueEnd), range: s.range(start, valueEnd) });
  return end;
}

/** Offset of a position in a parsed text (clamped to its line). */
export function offsetAt(parsed: ParsedIni, text: string, position: { line: number; character: number }): number {
  const line = Math.min(Math.max(position.line, 0), parsed.lineCount - 1);
  const start = parsed.lineStarts[line];
  const end = line + 1 < parsed.lineCount ? parsed.lineStarts[line + 1] : text.length;
  return Math.min(start + Math.max(position.character, 0), end);
}
