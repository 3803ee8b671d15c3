/** The tables and the prefix handling of PostgreSQL's regular-expression compiler (regerrs.h, regc_locale.c, lexstart). */

export const MESSAGES = {
  ECOLLATE: 'invalid collating element',
  ECTYPE: 'invalid character class',
  EESCAPE: 'invalid escape \\ sequence',
  ESUBREG: 'invalid backreference number',
  EBRACK: 'brackets [] not balanced',
  EPAREN: 'parentheses () not balanced',
  EBRACE: 'braces {} not balanced',
  BADBR: 'invalid repetition count(s)',
  ERANGE: 'invalid character range',
  BADRPT: 'quantifier operand invalid',
  BADOPT: 'invalid embedded option',
  ETOOBIG: 'regular expression is too complex',
} as const;

export type ErrorName = keyof typeof MESSAGES;

export const DUPMAX = 255;
export const CHR_MAX = 0x7ffffffe;

/** Names regc_locale.c accepts in [. .] and [= =] besides single characters. */
export const COLLATING_NAMES = new Set(
  ('NUL SOH STX ETX EOT ENQ ACK BEL alert BS backspace HT tab LF newline VT vertical-tab FF form-feed CR carriage-return SO SI ' +
    'DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC IS4 FS IS3 GS IS2 RS IS1 US space exclamation-mark quotation-mark ' +
    'number-sign dollar-sign percent-sign ampersand apostrophe left-parenthesis right-parenthesis asterisk plus-sign comma ' +
    'hyphen hyphen-minus period full-stop slash solidus zero one two three four five six seven eight nine colon semicolon ' +
    'less-than-sign equals-sign greater-than-sign question-mark commercial-at left-square-bracket backslash reverse-solidus ' +
    'right-square-bracket circumflex circumflex-accent underscore low-line grave-accent left-brace left-curly-bracket ' +
    'vertical-line right-brace right-curly-bracket tilde DEL').split(' '),
);
export const CLASS_NAMES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'xdigit', 'word']);

export class RegexError extends Error {
  constructor(readonly kind: ErrorName) {
    super(MESSAGES[kind]);
  }
}

export const isAlpha = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);

export interface Flags {
  start: number;
  expanded: boolean;
  mode: 'are' | 'ere' | 'bre' | 'quote';
}

/** The ***: / ***= prefixes and the leading (?opts) of an ARE. */
export function prefix(chars: string[]): Flags {
  const flags: Flags = { start: 0, expanded: false, mode: 'are' };
  const head = chars.slice(0, 4).join('');
  if (head === '***=') return { ...flags, mode: 'quote' };
  if (head === '***:') flags.start = 4;
  const i = flags.start;
  if (!(chars[i] === '(' && chars[i + 1] === '?' && isAlpha(chars[i + 2]))) return flags;
  let k = i + 2;
  for (; isAlpha(chars[k]); k++) {
    const option = chars[k];
    if (!'bceimnpqstwx'.includes(option)) throw new RegexError('BADOPT');
    if (option === 'b') flags.mode = 'bre';
    if (option === 'e') flags.mode = 'ere';
    if (option === 'q') flags.mode = 'quote';
    if (option === 'x') flags.expanded = true;
    if (option === 't') flags.expanded = false;
  }
  if (chars[k] !== ')') throw new RegexError('BADOPT');
  flags.start = k + 1;
  if (flags.mode === 'quote') flags.expanded = false;
  return flags;
}

