/**
 * The syntax check PostgreSQL's regular-expression compiler (Spencer's ARE, REG_ADVANCED) applies to a
 * `/regex` database or role name (16+): the first error, in regerror's words, or undefined when it compiles.
 */
import { CHR_MAX, CLASS_NAMES, COLLATING_NAMES, DUPMAX, prefix, RegexError, type ErrorName } from './regexSyntax';

/** Parenthesis nesting we follow (PostgreSQL reports "too complex" at a host-dependent depth). */
const MAX_NESTING = 1000;

type Kind = 'EOS' | 'PLAIN' | '(' | 'LACON' | ')' | '|' | '*' | '+' | '?' | '{' | '[' | '.' | 'CONSTRAINT' | 'BACKREF' | 'CCLASS';

type BracketKind = 'PLAIN' | 'RANGE' | ']' | 'COLLEL' | 'ECLASS' | 'CCLASS' | 'CLASS' | 'END';

interface BracketToken {
  kind: BracketKind;
  value: number;
}

interface Token {
  kind: Kind;
  value: number;
  /** Code point of a PLAIN token. */
  char?: number;
}

const isAlnum = (c: string | undefined) => c !== undefined && /^[A-Za-z0-9]$/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** One regular expression being checked: the lexer state plus what the parser has seen of subexpressions. */
class Are {
  private pos = 0;
  private token: Token = { kind: 'EOS', value: 0 };
  private opened = 0;
  private readonly closed = new Set<number>();
  private lookaround = 0;
  private depth = 0;

  constructor(
    private readonly chars: string[],
    private readonly expanded: boolean,
    private readonly advanced: boolean,
  ) {}

  run(start: number): void {
    this.pos = start;
    this.next();
    this.parse('EOS');
  }

  private fail(name: ErrorName): never {
    throw new RegexError(name);
  }

  private see(kind: Kind): boolean {
    return this.token.kind === kind;
  }

  private skipExpanded(): void {
    for (;;) {
      const c = this.chars[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') this.pos++;
      else if (c === '#') while (this.pos < this.chars.length && this.chars[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  /** Lexes the next token of the ERE/ARE context. */
  private next(): void {
    if (this.expanded) this.skipExpanded();
    if (this.pos >= this.chars.length) return void (this.token = { kind: 'EOS', value: 0 });
    const c = this.chars[this.pos++];
    this.token = this.lexOne(c);
  }

  private lexOne(c: string): Token {
    switch (c) {
      case '|':
      case '.':
        return { kind: c, value: 0 };
      case '*':
      case '+':
      case '?':
        if (this.advanced && this.chars[this.pos] === '?') this.pos++;
        return { kind: c, value: 0 };
      case '{':
        if (this.expanded) this.skipExpanded();
        return isDigit(this.chars[this.pos]) ? { kind: '{', value: 0 } : this.plain(c);
      case '(':
        return this.lexParen();
      case ')':
        return { kind: ')', value: 0 };
      case '[':
        return this.lexBracketStart();
      case '^':
      case '$':
        return { kind: 'CONSTRAINT', value: 0 };
      case '\\':
        if (this.pos >= this.chars.length) this.fail('EESCAPE');
        if (!this.advanced) return this.plain(this.chars[this.pos++]);
        return this.lexEscape();
      default:
        return this.plain(c);
    }
  }

  private plain(c: string): Token {
    return { kind: 'PLAIN', value: 0, char: c.codePointAt(0) };
  }

  private lexParen(): Token {
    if (!this.advanced || this.chars[this.pos] !== '?') return { kind: '(', value: 1 };
    this.pos++;
    const c = this.chars[this.pos++];
    if (c === ':') return { kind: '(', value: 0 };
    if (c === '#') {
      while (this.pos < this.chars.length && this.chars[this.pos] !== ')') this.pos++;
      if (this.pos < this.chars.length) this.pos++;
      this.next();
      return this.token;
    }
    if (c === '=' || c === '!') return { kind: 'LACON', value: 0 };
    if (c === '<') {
      const d = this.chars[this.pos++];
      if (d === '=' || d === '!') return { kind: 'LACON', value: 1 };
    }
    this.fail('BADRPT');
  }

  private lexBracketStart(): Token {
    const ahead = this.chars.slice(this.pos, this.pos + 5).join('');
    if (ahead === '[:<:]' || ahead === '[:>:]') {
      this.pos += 5;
      return { kind: 'CONSTRAINT', value: 0 };
    }
    if (this.chars[this.pos] === '^') this.pos++;
    return { kind: '[', value: 0 };
  }

  /** lexdigits: up to `max` digits of `base`, at least `min`; the 32-bit value. */
  private digits(base: number, min: number, max: number): number {
    let n = 0;
    let len = 0;
    for (; len < max && this.pos < this.chars.length; len++) {
      const d = parseInt(this.chars[this.pos], 36);
      if (Number.isNaN(d) || d >= base) break;
      this.pos++;
      n = (n * base + d) % 2 ** 32;
    }
    if (len < min) this.fail('EESCAPE');
    return n;
  }

  private lexEscape(): Token {
    const c = this.chars[this.pos++];
    if (!isAlnum(c)) return this.plain(c);
    const simple: Record<string, Kind> = { A: 'CONSTRAINT', Z: 'CONSTRAINT', m: 'CONSTRAINT', M: 'CONSTRAINT', y: 'CONSTRAINT', Y: 'CONSTRAINT', d: 'CCLASS', D: 'CCLASS', s: 'CCLASS', S: 'CCLASS', w: 'CCLASS', W: 'CCLASS' };
    if (simple[c]) return { kind: simple[c], value: 0 };
    const named: Record<string, number> = { a: 7, b: 8, B: 0x5c, e: 27, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (named[c] !== undefined) return { kind: 'PLAIN', value: 0, char: named[c] };
    if (c === 'c') {
      if (this.pos >= this.chars.length) this.fail('EESCAPE');
      return this.plain(this.chars[this.pos++]);
    }
    const hex: Record<string, [number, number]> = { u: [4, 4], U: [8, 8], x: [1, 255] };
    if (hex[c]) {
      const value = this.digits(16, hex[c][0], hex[c][1]);
      if (value > CHR_MAX) this.fail('EESCAPE');
      return { kind: 'PLAIN', value: 0, char: value };
    }
    if (c >= '1' && c <= '9') {
      const save = this.pos;
      this.pos--;
      const n = this.digits(10, 1, 255);
      if (this.pos === save || (n > 0 && n <= this.opened)) return { kind: 'BACKREF', value: n };
      this.pos = save;
    }
    if (isDigit(c)) {
      this.pos--;
      let value = this.digits(8, 1, 3);
      if (value > 0xff) {
        this.pos--;
        value >>= 3;
      }
      return { kind: 'PLAIN', value: 0, char: value };
    }
    this.fail('EESCAPE');
  }

  private parse(stopper: 'EOS' | ')'): void {
    for (;;) {
      while (!this.see('|') && !this.see(stopper) && !this.see('EOS')) this.atom();
      if (!this.see('|')) break;
      this.next();
    }
    if (!this.see(stopper)) this.fail('EPAREN');
  }

  private group(kind: '(' | 'LACON', capture: boolean): void {
    // PostgreSQL stops at its stack depth limit (how deep depends on the host); we stop well before ours.
    if (++this.depth > MAX_NESTING) this.fail('ETOOBIG');
    const number = capture ? ++this.opened : 0;
    this.next();
    if (kind === 'LACON') this.lookaround++;
    this.parse(')');
    if (kind === 'LACON') this.lookaround--;
    this.next();
    this.depth--;
    if (capture) this.closed.add(number);
  }

  private atom(): void {
    const token = this.token;
    switch (token.kind) {
      case 'CONSTRAINT':
        return this.next();
      case 'LACON':
        return this.group('LACON', false);
      case '*':
      case '+':
      case '?':
      case '{':
        this.fail('BADRPT');
        break;
      case ')':
        if (!this.advanced) {
          this.next();
          break;
        }
        this.fail('EPAREN');
        break;
      case '(':
        this.group('(', token.value === 1);
        break;
      case 'BACKREF':
        if (this.lookaround > 0 || !this.closed.has(token.value)) this.fail('ESUBREG');
        this.next();
        break;
      case '[':
        this.bracket();
        break;
      default:
        this.next();
    }
    this.quantifier();
  }

  private quantifier(): void {
    if (this.see('*') || this.see('+') || this.see('?')) return this.next();
    if (!this.see('{')) return;
    const m = this.number();
    let n = m;
    if (this.chars[this.pos] === ',') {
      this.pos++;
      n = isDigit(this.chars[this.pos]) ? this.number() : Infinity;
      if (m > n) this.fail('BADBR');
    }
    if (this.pos >= this.chars.length) this.fail('EBRACE');
    if (this.chars[this.pos] !== '}') this.fail('BADBR');
    this.pos++;
    if (this.advanced && this.chars[this.pos] === '?') this.pos++;
    this.next();
  }

  /** scannum over the bound's digits (the lexer is in its bound context). */
  private number(): number {
    let n = 0;
    while (isDigit(this.chars[this.pos]) && n < DUPMAX) n = n * 10 + Number(this.chars[this.pos++]);
    if (this.pos >= this.chars.length) this.fail('EBRACE');
    if (isDigit(this.chars[this.pos]) || n > DUPMAX) this.fail('BADBR');
    return n;
  }

  private bracketToken: BracketToken = { kind: 'PLAIN', value: 0 };
  private bracketLast: BracketKind | '[' = '[';

  /** Lexes the next token inside a bracket expression (PostgreSQL's L_BRACK context). */
  private nextInBracket(): void {
    const last = this.bracketLast;
    if (this.pos >= this.chars.length) this.fail('EBRACK');
    const c = this.chars[this.pos++];
    let token: BracketToken;
    if (c === ']') token = last === '[' ? { kind: 'PLAIN', value: 0x5d } : { kind: ']', value: 0 };
    else if (c === '\\' && this.advanced) {
      if (this.pos >= this.chars.length) this.fail('EESCAPE');
      const escape = this.lexEscape();
      if (escape.kind === 'CCLASS') token = { kind: 'CLASS', value: 0 };
      else if (escape.kind === 'PLAIN') token = { kind: 'PLAIN', value: escape.char ?? 0 };
      else this.fail('EESCAPE');
    } else if (c === '-') token = last === '[' || this.chars[this.pos] === ']' ? { kind: 'PLAIN', value: 0x2d } : { kind: 'RANGE', value: 0x2d };
    else if (c === '[') {
      if (this.pos >= this.chars.length) this.fail('EBRACK');
      const d = this.chars[this.pos];
      const names: Record<string, BracketKind> = { '.': 'COLLEL', '=': 'ECLASS', ':': 'CCLASS' };
      if (names[d]) {
        this.pos++;
        token = { kind: names[d], value: 0 };
      } else token = { kind: 'PLAIN', value: 0x5b };
    } else token = { kind: 'PLAIN', value: c.codePointAt(0) ?? 0 };
    this.bracketToken = token;
    this.bracketLast = token.kind;
  }

  private bracket(): void {
    this.bracketLast = '[';
    this.nextInBracket();
    while (this.bracketToken.kind !== ']') this.bracketPart();
    this.next();
  }

  /** scanplain: the name of a [. .], [= =] or [: :] item, then the token after it is lexed (its errors come first). */
  private scanName(delimiter: string): string {
    const begin = this.pos;
    for (;;) {
      if (this.pos >= this.chars.length) this.fail('EBRACK');
      if (this.chars[this.pos] === delimiter && this.chars[this.pos + 1] === ']') break;
      this.pos++;
    }
    const name = begin === this.pos ? `${delimiter}]` : this.chars.slice(begin, this.pos).join('');
    this.pos += 2;
    this.bracketLast = 'END';
    this.nextInBracket();
    return name;
  }

  /** element(): a collating element's code point. */
  private element(name: string): number {
    if ([...name].length === 1) return name.codePointAt(0) ?? 0;
    if (!COLLATING_NAMES.has(name)) this.fail('ECOLLATE');
    return 1;
  }

  /** brackpart: one character, range, class or collating element. */
  private bracketPart(): void {
    const token = this.bracketToken;
    let start: number;
    if (token.kind === 'RANGE') this.fail('ERANGE');
    if (token.kind === 'CLASS') return this.nextInBracket();
    if (token.kind === 'CCLASS') {
      if (!CLASS_NAMES.has(this.scanName(':'))) this.fail('ECTYPE');
      return;
    }
    if (token.kind === 'ECLASS') return void this.element(this.scanName('='));
    if (token.kind === 'COLLEL') start = this.element(this.scanName('.'));
    else {
      start = token.value;
      this.nextInBracket();
    }
    if (this.bracketToken.kind !== 'RANGE') return;
    this.nextInBracket();
    const endToken = this.bracketToken;
    let end: number;
    if (endToken.kind === 'PLAIN' || endToken.kind === 'RANGE') {
      end = endToken.value;
      this.nextInBracket();
    } else if (endToken.kind === 'COLLEL') end = this.element(this.scanName('.'));
    else this.fail('ERANGE');
    if (start > end) this.fail('ERANGE');
  }
}

/** The error PostgreSQL's regcomp reports for `pattern` (the text after the `/`), or undefined. */
export function regexError(pattern: string): string | undefined {
  const chars = Array.from(pattern);
  try {
    const flags = prefix(chars);
    if (flags.mode === 'quote' || flags.mode === 'bre') return undefined;
    new Are(chars, flags.expanded, flags.mode === 'are').run(flags.start);
    return undefined;
  } catch (error) {
    if (error instanceof RegexError) return error.message;
    throw error;
  }
}
