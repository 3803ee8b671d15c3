/**
 * pgpool.conf as pgpool-II's configuration parser reads it (src/config/pool_config.l, checked against the real
 * pgpool 4.3 and 4.6 by the differential test). The tokens are postgresql.conf's (the pgconf lexer with
 * pgpool's rules: no dotted names, no '' inside quotes), but the grammar differs:
 * - a name, an optional `=`, then ANY token is the value — even the end of the line (`max_pool` alone sets
 *   max_pool to a newline) or a stray character (`listen_addresses = *`);
 * - after the value, another name on the same line starts another setting (`timeout = 5 s` sets timeout to 5
 *   and a setting named s); anything else there is a syntax error;
 * - a quoted value keeps its backslashes (no unescaping), an unquoted one cannot start with `/`.
 */
import type { Range } from 'vscode-languageserver-types';
import { matchId, matchInteger, matchReal, matchUnquotedString, tokenizeLine, type ConfToken, type LexRule } from '../pgconf/lexer';

/**
 * pgpool's STRING, `'([^'\n]|\\.)*'`, longest match: a backslash is a character of its own or escapes the next
 * one, so `'a\'b'` is one string and `'a\'` another. Positions reachable inside the string are tracked forward.
 */
function matchPgpoolString(s: string, i: number): number {
  if (s[i] !== "'") return 0;
  let best = 0;
  // Whether the text from i+1 up to k, k+1, k+2 can be read as the inside of a string (a rolling window).
  let here = true;
  let next = false;
  let after = false;
  for (let k = i + 1; k < s.length && (here || next); k++) {
    if (here) {
      const c = s[k];
      if (c === "'") best = k + 1 - i;
      else next = true;
      if (c === '\\' && k + 1 < s.length) after = true;
    }
    here = next;
    next = after;
    after = false;
  }
  return best;
}

/** pgpool's flex rules in its order: KEY, STRING, UNQUOTED_STRING, INTEGER, REAL (then `=` and any other character). */
const PGPOOL_RULES: readonly LexRule[] = [
  ['id', matchId],
  ['string', matchPgpoolString],
  ['unquoted-string', matchUnquotedString],
  ['integer', matchInteger],
  ['real', matchReal],
];

/** pgpool's token numbers, as its syntax error DETAIL prints them ("token = 4"). */
const TOKEN_NUMBERS: Record<string, number> = { id: 1, integer: 2, real: 3, string: 4, 'unquoted-string': 5, equals: 6, error: 8 };

export type PgpoolValueKind = 'key' | 'integer' | 'real' | 'string' | 'unquoted' | 'equals' | 'other';

const VALUE_KINDS: Record<string, PgpoolValueKind> = { id: 'key', integer: 'integer', real: 'real', string: 'string', 'unquoted-string': 'unquoted', equals: 'equals', error: 'other' };

export interface PgpoolSetting {
  kind: 'setting';
  /** The name as written: pgpool's names are case-sensitive. */
  name: string;
  nameRange: Range;
  /** What pgpool takes: a quoted value without its quotes (backslashes kept), others as written; '\n' when none. */
  value: string;
  /** The value token; absent when the line ends after the name (or `=`). */
  valueKind?: PgpoolValueKind;
  valueRange?: Range;
  /** The value as written (with quotes). */
  rawValue: string;
  equalsRange?: Range;
  /** From the name to the end of the value. */
  range: Range;
  line: number;
  /** The setting starts right after another setting's value on the same line. */
  followsValue?: boolean;
}

export interface PgpoolSyntaxError {
  kind: 'syntax-error';
  /** pgpool's words: FATAL line then DETAIL (the file name as given). */
  message: string;
  detail: string;
  token: string;
  range: Range;
  line: number;
}

export interface ParsedPgpool {
  /** Settings and syntax errors in file order (pgpool stops at the first failure). */
  items: (PgpoolSetting | PgpoolSyntaxError)[];
  settings: PgpoolSetting[];
  /** The line of each name that wins: the last one (pgpool reads the file top to bottom). */
  last: ReadonlyMap<string, PgpoolSetting>;
  errors: PgpoolSyntaxError[];
  /** 0-based lines holding only a comment (folding, commented-out defaults). */
  commentLines: number[];
  lineCount: number;
  fileName: string;
  /** Per line, for the next parse of the same document. */
  lineReads: readonly LineRead[];
}

const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

type State = 'init' | 'name' | 'equals' | 'value' | 'skip';

/** Reads one line's tokens into its items (pgpool's token loop; its state starts afresh at every line end). */
class PgpoolReader {
  readonly items: (PgpoolSetting | PgpoolSyntaxError)[] = [];
  private state: State = 'init';
  private current: PgpoolSetting | undefined;

  constructor(private readonly fileName: string) {}

  token(token: ConfToken, line: number): void {
    const at = range(line, token.start, token.end);
    if (this.state === 'skip') return;
    if (this.state === 'init' || this.state === 'value') {
      if (token.type === 'id') return this.startSetting(token, at, line);
      return this.syntaxError(token, at, line);
    }
    if (this.state === 'name' && token.type === 'equals') {
      this.current!.equalsRange = at;
      this.state = 'equals';
      return;
    }
    const setting = this.current!;
    setting.valueKind = VALUE_KINDS[token.type] ?? 'other';
    setting.valueRange = at;
    setting.rawValue = token.text;
    setting.value = token.type === 'string' ? token.text.slice(1, -1) : token.text;
    setting.range = { start: setting.nameRange.start, end: at.end };
    this.state = 'value';
  }

  private startSetting(token: ConfToken, at: Range, line: number): void {
    const setting: PgpoolSetting = { kind: 'setting', name: token.text, nameRange: at, value: '\n', rawValue: '', range: at, line };
    if (this.state === 'value') setting.followsValue = true;
    this.items.push(setting);
    this.current = setting;
    this.state = 'name';
  }

  private syntaxError(token: ConfToken, at: Range, line: number): void {
    const number = TOKEN_NUMBERS[token.type] ?? 8;
    this.items.push({
      kind: 'syntax-error',
      message: `syntax error in configuration file "${this.fileName}"`,
      detail: `parse error at line ${line + 1} '${token.text}' token = ${number}`,
      token: token.text,
      range: at,
      line,
    });
    this.state = 'skip';
  }
}

/** Lines longer than this are read up to it (a minified or binary file must not stall the editor). */
const MAX_LINE_CHARS = 64 * 1024;

/** One line's items and whether it holds only a comment: depends only on its text, its number and the file name. */
interface LineRead {
  text: string;
  items: (PgpoolSetting | PgpoolSyntaxError)[];
  comment: boolean;
}

function readLine(text: string, line: number, fileName: string): LineRead {
  const reader = new PgpoolReader(fileName);
  const tokens = tokenizeLine(text.slice(0, MAX_LINE_CHARS), PGPOOL_RULES);
  for (const token of tokens) if (token.type !== 'comment') reader.token(token, line);
  return { text, items: reader.items, comment: tokens.length === 1 && tokens[0].type === 'comment' };
}

/**
 * Parses pgpool.conf text; `fileName` only goes into pgpool-style messages. `previous` (the parse of an earlier
 * version of the same document) lends the lines that did not change at the same line number: an edit re-reads
 * only the lines it touched.
 */
export function parsePgpool(text: string, fileName = 'pgpool.conf', previous?: ParsedPgpool): ParsedPgpool {
  const lines = text.split('\n');
  const old = previous?.fileName === fileName ? previous.lineReads : undefined;
  const lineReads = lines.map((lineText, line) => (old?.[line]?.text === lineText ? old[line] : readLine(lineText, line, fileName)));
  const items = lineReads.flatMap((read) => read.items);
  const settings = items.filter((item): item is PgpoolSetting => item.kind === 'setting');
  return {
    items,
    settings,
    last: new Map(settings.map((setting) => [setting.name, setting])),
    errors: items.filter((item): item is PgpoolSyntaxError => item.kind === 'syntax-error'),
    commentLines: lineReads.flatMap((read, line) => (read.comment ? [line] : [])),
    lineCount: lines.length,
    fileName,
    lineReads,
  };
}
