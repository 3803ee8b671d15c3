/**
 * The tokens of PostgreSQL's configuration file lexer (src/backend/utils/misc/guc-file.l), reproduced rule for
 * rule: flex takes the longest match and, on a tie, the rule listed first. Strings never span lines, so the
 * lexer works one line at a time and the parser mirrors ParseConfigFp.
 */
export type ConfTokenType =
  | 'id'
  | 'qualified-id'
  | 'string'
  | 'unquoted-string'
  | 'integer'
  | 'real'
  | 'equals'
  | 'error'
  | 'comment';

export interface ConfToken {
  type: ConfTokenType;
  text: string;
  /** 0-based UTF-16 offsets within the line. */
  start: number;
  end: number;
}

// PostgreSQL reads bytes; every byte of a non-ASCII UTF-8 character counts as a letter (\200-\377).
// Character classes are tested on char codes: the lexer runs on every keystroke over whole files.
const code = (c: string | undefined): number => (c === undefined ? -1 : c.charCodeAt(0));
const isAsciiLetterCode = (n: number): boolean => (n >= 97 && n <= 122) || (n >= 65 && n <= 90);
const isDigitCode = (n: number): boolean => n >= 48 && n <= 57;
const isLetter = (c: string | undefined): boolean => {
  const n = code(c);
  return isAsciiLetterCode(n) || n === 95 || n >= 0x80;
};
const isDigit = (c: string | undefined): boolean => isDigitCode(code(c));
const isHexDigit = (c: string | undefined): boolean => {
  const n = code(c);
  return isDigitCode(n) || (n >= 97 && n <= 102) || (n >= 65 && n <= 70);
};
const isLetterOrDigit = (c: string | undefined): boolean => isLetter(c) || isDigit(c);
const isAsciiLetter = (c: string | undefined): boolean => isAsciiLetterCode(code(c));
const isUnquotedExtra = (c: string | undefined): boolean => c === '-' || c === '.' || c === '_' || c === ':' || c === '/';

export function matchId(s: string, i: number): number {
  if (!isLetter(s[i])) return 0;
  let j = i + 1;
  while (isLetterOrDigit(s[j])) j++;
  return j - i;
}

function matchQualifiedId(s: string, i: number): number {
  const first = matchId(s, i);
  if (first === 0 || s[i + first] !== '.') return 0;
  const second = matchId(s, i + first + 1);
  return second === 0 ? 0 : first + 1 + second;
}

export function matchUnquotedString(s: string, i: number): number {
  if (!isLetter(s[i])) return 0;
  let j = i + 1;
  while (isLetterOrDigit(s[j]) || isUnquotedExtra(s[j])) j++;
  return j - i;
}

/** `'([^'\\\n]|\\.|'')*'`, longest match: a doubled quote may also be a closing quote followed by another token. */
function matchString(s: string, i: number): number {
  if (s[i] !== "'") return 0;
  let j = i + 1;
  let lastEnd = -1;
  while (j < s.length) {
    const c = s[j];
    if (c === '\\') {
      if (j + 1 >= s.length) break;
      j += 2;
    } else if (c === "'") {
      lastEnd = j + 1;
      if (s[j + 1] !== "'") break;
      j += 2;
    } else {
      j++;
    }
  }
  return lastEnd < 0 ? 0 : lastEnd - i;
}

/** `{SIGN}?({DIGIT}+|0x{HEXDIGIT}+){UNIT_LETTER}*` */
export function matchInteger(s: string, i: number): number {
  let j = i;
  if (s[j] === '-' || s[j] === '+') j++;
  const afterSign = j;
  let best = 0;
  if (isDigit(s[j])) {
    let k = j;
    while (isDigit(s[k])) k++;
    while (isAsciiLetter(s[k])) k++;
    best = k - i;
  }
  if (s[afterSign] === '0' && s[afterSign + 1] === 'x' && isHexDigit(s[afterSign + 2])) {
    let k = afterSign + 2;
    while (isHexDigit(s[k])) k++;
    while (isAsciiLetter(s[k])) k++;
    best = Math.max(best, k - i);
  }
  return best;
}

/** `{SIGN}?{DIGIT}*"."{DIGIT}*{EXPONENT}?` with `{EXPONENT} = [Ee]{SIGN}?{DIGIT}+` */
export function matchReal(s: string, i: number): number {
  let j = i;
  if (s[j] === '-' || s[j] === '+') j++;
  while (isDigit(s[j])) j++;
  if (s[j] !== '.') return 0;
  j++;
  while (isDigit(s[j])) j++;
  if (s[j] === 'e' || s[j] === 'E') {
    let k = j + 1;
    if (s[k] === '-' || s[k] === '+') k++;
    if (isDigit(s[k])) {
      while (isDigit(s[k])) k++;
      j = k;
    }
  }
  return j - i;
}

/** One flex rule: the token type and its matcher (length of the longest match at i, 0 for none). */
export type LexRule = [Exclude<ConfTokenType, 'equals' | 'error' | 'comment'>, (s: string, i: number) => number];

// In rule order, so that a tie goes to the rule flex lists first.
const RULES: LexRule[] = [
  ['id', matchId],
  ['qualified-id', matchQualifiedId],
  ['string', matchString],
  ['unquoted-string', matchUnquotedString],
  ['integer', matchInteger],
  ['real', matchReal],
];

/** Cheap first-character filter, so most rules are not even tried. */
function mayStart(type: ConfTokenType, c: string): boolean {
  switch (type) {
    case 'id':
    case 'qualified-id':
    case 'unquoted-string':
      return isLetter(c);
    case 'string':
      return c === "'";
    default:
      return isDigit(c) || c === '-' || c === '+' || c === '.';
  }
}

/**
 * Tokens of one line (without its newline); whitespace is skipped, a comment becomes one `comment` token.
 * `rules`: another program's flex rules over the same character classes (pgpool's pool_config.l).
 */
export function tokenizeLine(line: string, rules: readonly LexRule[] = RULES): ConfToken[] {
  const tokens: ConfToken[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      tokens.push({ type: 'comment', text: line.slice(i), start: i, end: line.length });
      break;
    }
    let bestType: ConfTokenType = 'error';
    let bestLength = 0;
    for (const [type, match] of rules) {
      if (!mayStart(type, c)) continue;
      const length = match(line, i);
      if (length > bestLength) {
        bestType = type;
        bestLength = length;
      }
    }
    if (bestLength === 0) {
      // `=` and flex's catch-all `.` are single characters; a surrogate pair counts as one character here.
      bestType = c === '=' ? 'equals' : 'error';
      bestLength = c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) < 0xdc00 ? 2 : 1;
    }
    tokens.push({ type: bestType, text: line.slice(i, i + bestLength), start: i, end: i + bestLength });
    i += bestLength;
  }
  return tokens;
}

/** PostgreSQL's DeescapeQuotedString (core/guc.ts). */
export { unquoteGucString as unquoteConfString } from '../../../core/guc';
