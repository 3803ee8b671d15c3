/**
 * What a parse of the previous version gives to the next (14+; 13 cuts lines by bytes): the logical lines before
 * the first changed character as they are, and the lines after the last changed character moved to their new
 * offsets and line numbers — in place, so the previous parse is marked `moved` and never reused again.
 */
import type { Range } from 'vscode-languageserver-types';
import type { HbaLine, ParsedHba } from './parser';
import type { TokenizedLine } from './tokenizer';
import type { HbaMajor, HbaServer, Span } from './types';

/** The reused lines before the edit, and where reading starts again (a physical line start) with its number. */
export interface Reused {
  tokenized: TokenizedLine[];
  lines: HbaLine[];
  from: number;
  lineNumber: number;
  /** First character the edit changed (in both texts). */
  same: number;
}

export const NOTHING_REUSED: Reused = { tokenized: [], lines: [], from: 0, lineNumber: 1, same: 0 };

/** Server facts are a few flags and lists: equal when their JSON is. */
export const sameServer = (a: HbaServer, b: HbaServer): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

export function reusable(previous: ParsedHba | undefined, major: HbaMajor, server: HbaServer): previous is ParsedHba {
  return previous !== undefined && previous.major === major && major >= 14 && !previous.moved && sameServer(previous.server, server);
}

/** Slices compare natively: whole blocks first, characters only in the block that differs. */
const BLOCK = 1024;

function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let same = 0;
  while (same + BLOCK <= limit && a.slice(same, same + BLOCK) === b.slice(same, same + BLOCK)) same += BLOCK;
  while (same < limit && a.charCodeAt(same) === b.charCodeAt(same)) same++;
  return same;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let tail = 0;
  while (tail + BLOCK <= limit && a.slice(a.length - tail - BLOCK, a.length - tail) === b.slice(b.length - tail - BLOCK, b.length - tail)) tail += BLOCK;
  while (tail < limit && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return tail;
}

/** The logical lines that end, newline included, before the first character the edit changed. */
export function reusedPrefix(previous: ParsedHba, text: string, lineOf: (offset: number) => number): Reused {
  const old = previous.text;
  const same = commonPrefix(old, text);
  let count = 0;
  while (count < previous.tokenized.length && previous.tokenized[count].line.span.end < same && text[previous.tokenized[count].line.span.end] === '\n') count++;
  if (count === 0) return { ...NOTHING_REUSED, same };
  const from = previous.tokenized[count - 1].line.span.end + 1;
  const firstAfter = previous.lines.findIndex((line) => line.span.end >= from);
  const lines = firstAfter < 0 ? previous.lines : previous.lines.slice(0, firstAfter);
  return { tokenized: previous.tokenized.slice(0, count), lines, from, lineNumber: lineOf(from) + 1, same };
}

/** The reused lines after the edit, and the new offset of the first of them (where reading the edit stops). */
export interface Suffix {
  tokenized: TokenizedLine[];
  lines: HbaLine[];
  until: number;
}

/** Whether the physical line before `start` (a line start) in `text` goes on onto it (backslash; a NUL may cut the line). */
function continuesOnto(text: string, start: number): boolean {
  const previousStart = text.lastIndexOf('\n', start - 2) + 1;
  if (text.slice(previousStart, start).includes('\0')) return true;
  let k = start - 2;
  while (k >= previousStart && text[k] === '\r') k--;
  return k >= previousStart && text[k] === '\\';
}

/** The first logical line of the previous parse wholly in the unchanged end of the text that starts a line in the new text too. */
function firstReusable(previous: ParsedHba, text: string, same: number): { index: number; delta: number } | undefined {
  const old = previous.text;
  const delta = text.length - old.length;
  const tail = commonSuffix(old, text, Math.min(old.length, text.length) - same);
  const unchangedFrom = old.length - tail;
  for (let index = 0; index < previous.tokenized.length; index++) {
    const start = previous.tokenized[index].line.span.start;
    if (start < unchangedFrom || start === 0) continue;
    if (text[start + delta - 1] === '\n' && !continuesOnto(text, start + delta)) return { index, delta };
  }
  return undefined;
}

function shiftSpan(span: Span, delta: number): void {
  span.start += delta;
  span.end += delta;
}

function shiftLine(tokenized: TokenizedLine, delta: number, lineDelta: number): void {
  const { line } = tokenized;
  shiftSpan(line.span, delta);
  if (line.offsets) for (let i = 0; i < line.offsets.length; i++) line.offsets[i] += delta;
  else line.start! += delta;
  line.lineNumber += lineDelta;
  for (const field of tokenized.fields) for (const token of field) shiftSpan(token.span, delta);
  if (tokenized.tooLong) shiftSpan(tokenized.tooLong.span, delta);
}

/** Moves the previous parse's lines after the edit to their places in `text`; undefined when none can be kept. */
export function reusedSuffix(previous: ParsedHba, text: string, same: number, lineOf: (offset: number) => number, rangeOf: (span: Span) => Range): Suffix | undefined {
  const first = firstReusable(previous, text, same);
  if (!first) return undefined;
  const { index, delta } = first;
  const oldStart = previous.tokenized[index].line.span.start;
  const lineDelta = lineOf(oldStart + delta) + 1 - previous.tokenized[index].line.lineNumber;
  const firstLine = previous.lines.findIndex((line) => line.span.start >= oldStart);
  const tokenized = previous.tokenized.slice(index);
  const lines = firstLine < 0 ? [] : previous.lines.slice(firstLine);
  previous.moved = true;
  if (delta !== 0 || lineDelta !== 0) {
    for (const line of tokenized) shiftLine(line, delta, lineDelta);
    for (const line of lines) {
      line.lineNumber += lineDelta;
      line.range = rangeOf(line.span);
    }
  }
  return { tokenized, lines, until: oldStart + delta };
}
