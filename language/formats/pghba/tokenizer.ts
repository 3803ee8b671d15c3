/**
 * PostgreSQL's pg_hba.conf tokenizer, character for character: lines (with backslash continuation from 14 on,
 * 13's fixed line buffer), blanks (space, tab, carriage return), commas, double quotes, `#` comments.
 */
import type { HbaMajor, HbaToken, Span } from './types';

/** 13–15 read tokens into a fixed buffer of this size (one byte for the terminator). */
export const MAX_TOKEN = 10240;
/** 13 reads lines into a fixed buffer of this size. */
export const MAX_LINE_13 = 20480;

/** One line as the tokenizer sees it: continuations joined, line ending stripped. */
export interface LogicalLine {
  /** PostgreSQL's line number (1-based, the first physical line). */
  lineNumber: number;
  /** The joined text. */
  text: string;
  /** Offset in the file of each character of `text`, plus one entry for its end; absent when they are `start + index`. */
  offsets?: number[];
  /** Offset of the first character when `offsets` is absent (a line without continuation or NUL). */
  start?: number;
  /** Span of the physical lines, line endings excluded. */
  span: Span;
  /** 13 only: the line did not fit PostgreSQL's line buffer. */
  tooLong?: boolean;
}

interface Physical {
  text: string;
  start: number;
  /** Has a line feed after it. */
  ended: boolean;
}

function physicalLines(text: string, from = 0, until = text.length): Physical[] {
  const lines: Physical[] = [];
  let start = from;
  while (start < until) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    lines.push({ text: text.slice(start, end), start, ended: newline >= 0 });
    start = end + 1;
  }
  return lines;
}

/** pg_strip_crlf on a buffer read with a NUL inside: C string functions stop at the NUL. */
function stripLineEnd(chars: string[], offsets: number[]): void {
  const nul = chars.indexOf('\0');
  if (nul >= 0) {
    chars.length = nul;
    offsets.length = nul;
  }
  while (chars.length && (chars[chars.length - 1] === '\n' || chars[chars.length - 1] === '\r')) {
    chars.pop();
    offsets.pop();
  }
}

function toLogical(lineNumber: number, chars: string[], offsets: number[], first: Physical, last: Physical): LogicalLine {
  const end = last.start + last.text.length;
  return { lineNumber, text: chars.join(''), offsets: [...offsets, offsets.length ? offsets[offsets.length - 1] + 1 : first.start], span: { start: first.start, end } };
}

/** A physical line that is a whole logical line by itself (no NUL, no continuation): no per-character work. */
function plainLine(lineNumber: number, line: Physical): LogicalLine | undefined {
  if (line.text.includes('\0')) return undefined;
  let length = line.text.length;
  while (length > 0 && line.text[length - 1] === '\r') length--;
  if (length > 0 && line.text[length - 1] === '\\') return undefined;
  return { lineNumber, text: line.text.slice(0, length), start: line.start, span: { start: line.start, end: line.start + line.text.length } };
}

/** 14+: lines ending in a backslash go on with the next line (tokenize_auth_file). */
function continuedLines(lines: Physical[], firstLineNumber: number): LogicalLine[] {
  const result: LogicalLine[] = [];
  let lineNumber = firstLineNumber;
  for (let i = 0; i < lines.length; ) {
    const plain = plainLine(lineNumber, lines[i]);
    if (plain) {
      result.push(plain);
      lineNumber++;
      i++;
      continue;
    }
    const chars: string[] = [];
    const offsets: number[] = [];
    let lastBackslash = 0;
    const first = lines[i];
    let last = first;
    let continuations = 0;
    while (i < lines.length) {
      last = lines[i++];
      for (let k = 0; k < last.text.length; k++) {
        chars.push(last.text[k]);
        offsets.push(last.start + k);
      }
      stripLineEnd(chars, offsets);
      if (chars.length > lastBackslash && chars[chars.length - 1] === '\\') {
        chars.pop();
        offsets.pop();
        lastBackslash = chars.length;
        continuations++;
        continue;
      }
      break;
    }
    result.push(toLogical(lineNumber, chars, offsets, first, last));
    lineNumber += continuations + 1;
  }
  return result;
}

/** 13: fgets into a buffer of MAX_LINE bytes; a longer line is cut, and its rest read as the next line. */
function fixedLines(lines: Physical[]): LogicalLine[] {
  const result: LogicalLine[] = [];
  let lineNumber = 1;
  for (const line of lines) {
    const withNewline = line.text + (line.ended ? '\n' : '');
    for (let from = 0; from < withNewline.length; ) {
      let to = from;
      let bytes = 0;
      while (to < withNewline.length && bytes + utf8Units(withNewline[to]) <= MAX_LINE_13 - 1) {
        bytes += utf8Units(withNewline[to]);
        if (withNewline[to++] === '\n') break;
      }
      const chunk = withNewline.slice(from, to);
      const chars = chunk.split('');
      const chunkStart = line.start + from;
      const offsets = chars.map((_, k) => chunkStart + k);
      const tooLong = bytes >= MAX_LINE_13 - 1;
      from = to;
      stripLineEnd(chars, offsets);
      const piece = { ...line, start: chunkStart, text: chunk.replace(/\n$/, '') };
      result.push({ ...toLogical(lineNumber++, chars, offsets, piece, piece), tooLong });
    }
  }
  return result;
}

/** The lines PostgreSQL `major` reads from `text`. */
export function logicalLines(text: string, major: HbaMajor): LogicalLine[] {
  const lines = physicalLines(text);
  return major >= 14 ? continuedLines(lines, 1) : fixedLines(lines);
}

/**
 * 14+: the logical lines from offset `from` (the start of a physical line, whose number is `lineNumber`) on, up to
 * the physical line starting at `until` (a line start whose previous line does not continue onto it).
 */
export function logicalLinesFrom(text: string, from: number, lineNumber: number, until = text.length): LogicalLine[] {
  return continuedLines(physicalLines(text, from, until), lineNumber);
}

/** The file offset of the character at `index` of a logical line (or of its end). */
export const offsetIn = (line: LogicalLine, index: number): number => (line.offsets ? line.offsets[index] : line.start! + index);

const isBlank = (c: string) => c === ' ' || c === '\t' || c === '\r';

/** UTF-8 bytes of one UTF-16 unit (a surrogate pair counts 2 + 2): PostgreSQL's buffers count bytes. */
export function utf8Units(c: string): number {
  const code = c.charCodeAt(0);
  if (code < 0x80) return 1;
  if (code < 0x800 || (code >= 0xd800 && code <= 0xdfff)) return 2;
  return 3;
}

/** The tokens of a line, grouped into fields (comma lists), as next_field_expand groups them before @ expansion. */
export interface TokenizedLine {
  line: LogicalLine;
  fields: HbaToken[][];
  /** A token that did not fit PostgreSQL's buffer (13–15): the line stops there. */
  tooLong?: { span: Span; text: string };
}

interface Cursor {
  line: LogicalLine;
  pos: number;
  limit: number | undefined;
}

interface Scan {
  token?: HbaToken;
  comma: boolean;
  tooLong?: { span: Span; text: string };
}

/** next_token: one token from the cursor, or none at the end of the line. */
function nextToken(cursor: Cursor): Scan {
  const { text } = cursor.line;
  const offsetOf = (index: number) => offsetIn(cursor.line, index);
  while (cursor.pos < text.length && (isBlank(text[cursor.pos]) || text[cursor.pos] === ',')) cursor.pos++;
  const begin = cursor.pos;
  let value = '';
  let bytes = 0;
  let inQuote = false;
  let wasQuote = false;
  let sawQuote = false;
  let initialQuote = false;
  let comma = false;
  while (cursor.pos < text.length && (!isBlank(text[cursor.pos]) || inQuote)) {
    const c = text[cursor.pos];
    if (c === '#' && !inQuote) {
      cursor.pos = text.length;
      break;
    }
    const stores = (c !== '"' || wasQuote) && !(c === ',' && !inQuote);
    if (cursor.limit !== undefined && bytes + (stores ? utf8Units(c) : 1) > cursor.limit - 1) {
      const tooLong = { span: { start: offsetOf(begin), end: offsetOf(text.length) }, text: value };
      cursor.pos = text.length;
      return { comma: false, tooLong };
    }
    if (c === ',' && !inQuote) {
      comma = true;
      break;
    }
    if (stores) {
      value += c;
      bytes += utf8Units(c);
    }
    wasQuote = inQuote && c === '"' ? !wasQuote : false;
    if (c === '"') {
      inQuote = !inQuote;
      sawQuote = true;
      if (value.length === 0) initialQuote = true;
    }
    cursor.pos++;
  }
  if (!sawQuote && value.length === 0) return { comma };
  const span = { start: offsetOf(begin), end: offsetOf(cursor.pos) };
  return { token: { text: value, quoted: initialQuote, span }, comma };
}

/** Splits one logical line into fields of tokens (13–15 stop at a token longer than their buffer). */
export function tokenizeLine(line: LogicalLine, major: HbaMajor): TokenizedLine {
  const cursor: Cursor = { line, pos: 0, limit: major <= 15 ? MAX_TOKEN : undefined };
  const fields: HbaToken[][] = [];
  while (cursor.pos < line.text.length) {
    const field: HbaToken[] = [];
    for (;;) {
      const scan = nextToken(cursor);
      if (scan.tooLong) {
        if (field.length) fields.push(field);
        return { line, fields, tooLong: scan.tooLong };
      }
      if (!scan.token) break;
      field.push(scan.token);
      if (!scan.comma) break;
    }
    if (field.length) fields.push(field);
  }
  return { line, fields };
}
