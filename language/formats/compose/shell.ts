/**
 * Shell-like word splitting that remembers where every character came from in the document,
 * so a `-c name=value` inside a block scalar or a `bash -c "…"` script gets a precise range.
 */

/** A value string with, for each character, its absolute offset in the document. */
export interface MappedText {
  text: string;
  offsets: number[];
  /** Offset just after the text in the document. */
  end: number;
}

export interface Word {
  text: string;
  offsets: number[];
  start: number;
  end: number;
  /** True when any part of the word was quoted (quotes removed). */
  quoted: boolean;
}

export type ShellToken = Word | { separator: string; start: number; end: number };

export function isWord(token: ShellToken): token is Word {
  return 'text' in token;
}

/**
 * Maps a scalar's parsed value onto its source text. The value differs from the source by indentation,
 * quotes, escapes and folding; a greedy alignment (whitespace matches whitespace) is exact for the
 * words we care about.
 */
export function mapScalar(value: string, source: string, sourceStart: number): MappedText {
  const offsets: number[] = new Array(value.length);
  let p = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const space = isBlank(c);
    let found = -1;
    let width = 1;
    for (let q = p; q < Math.min(source.length, p + 64); q++) {
      const s = source[q];
      if (s === c || (space && isBlank(s))) {
        found = q;
        break;
      }
      // A double-quoted escape (`\n`, `\"`, `\t`) stands for one value character.
      if (s === '\\' && c !== '\\' && q + 1 < source.length) {
        found = q;
        width = 2;
        break;
      }
      // Only indentation, quotes and block-scalar headers may be skipped.
      if (!/[\s"'|>+\-0-9]/.test(s)) break;
    }
    if (found >= 0) {
      offsets[i] = sourceStart + found;
      p = found + width;
    } else {
      offsets[i] = sourceStart + Math.min(p, Math.max(0, source.length - 1));
    }
  }
  // The end is just after the last value character (a closing quote is not part of the value).
  return { text: value, offsets, end: offsets.length ? offsets[offsets.length - 1] + 1 : sourceStart + source.length };
}

/** A sub-range of a word as a MappedText (for `name=value` splits). */
export function slice(word: Pick<Word, 'text' | 'offsets' | 'end'>, from: number, to = word.text.length): MappedText {
  const offsets = word.offsets.slice(from, to);
  const end = to < word.text.length ? word.offsets[to] : word.end;
  return { text: word.text.slice(from, to), offsets, end: offsets.length ? offsets[offsets.length - 1] + 1 : end };
}

const SEPARATORS = ['&&', '||', ';;', ';', '|', '&', '\n', '(', ')'];

/**
 * Splits like a POSIX shell: quotes, backslashes, `#` comments (script mode only).
 * In script mode newlines and operators become separator tokens; otherwise newlines are blanks
 * (how Compose splits a string `command:`).
 */
const isBlank = (c: string) => c === ' ' || c === '\n' || c === '\t' || c === '\r';
const OPERATOR_START = new Set([';', '&', '|', '(', ')', '\n']);

// Longer than our usual ~60 lines on purpose: one character loop with its quoting states, read top to bottom like sh's own lexer.
export function shellSplit(input: MappedText, script: boolean): ShellToken[] {
  const { text, offsets } = input;
  const at = (i: number) => (i < offsets.length ? offsets[i] : input.end);
  const tokens: ShellToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (script && OPERATOR_START.has(c)) {
      const sep = SEPARATORS.find((s) => text.startsWith(s, i));
      if (sep) {
        tokens.push({ separator: sep, start: at(i), end: at(i + sep.length - 1) + 1 });
        i += sep.length;
        continue;
      }
    }
    if (script && c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (isBlank(c)) {
      i++;
      continue;
    }
    let word = '';
    const wordOffsets: number[] = [];
    const startIndex = i;
    let quoted = false;
    const push = (ch: string, index: number) => {
      word += ch;
      wordOffsets.push(at(index));
    };
    while (i < text.length) {
      const ch = text[i];
      if (isBlank(ch) || (script && OPERATOR_START.has(ch))) break;
      if (ch === "'") {
        quoted = true;
        i++;
        while (i < text.length && text[i] !== "'") push(text[i], i++);
        i++;
      } else if (ch === '"') {
        quoted = true;
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && /["\\$`\n]/.test(text[i + 1] ?? '')) {
            if (text[i + 1] !== '\n') push(text[i + 1], i + 1);
            i += 2;
          } else push(text[i], i++);
        }
        i++;
      } else if (ch === '\\') {
        if (i + 1 < text.length) push(text[i + 1], i + 1);
        i += 2;
      } else push(ch, i++);
    }
    const start = at(startIndex);
    tokens.push({ text: word, offsets: wordOffsets, start, end: at(Math.min(i, text.length) - 1) + 1, quoted });
  }
  return tokens;
}

/** The words of an exec-form list item: taken literally, no shell processing (how Compose runs a list). */
export function literalWord(mapped: MappedText): Word {
  const start = mapped.offsets[0] ?? mapped.end;
  return { text: mapped.text, offsets: mapped.offsets, start, end: mapped.end, quoted: false };
}

/** Splits a token stream into simple commands (words between separators). */
export function simpleCommands(tokens: ShellToken[]): Word[][] {
  const commands: Word[][] = [];
  let current: Word[] = [];
  for (const token of tokens) {
    if (isWord(token)) current.push(token);
    else {
      if (current.length) commands.push(current);
      current = [];
    }
  }
  if (current.length) commands.push(current);
  return commands;
}
