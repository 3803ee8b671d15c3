/**
 * PostgreSQL's own SQL parser (libpg-query: the server's grammar compiled to WebAssembly), loaded lazily: nothing
 * is read until load() is called, so activation and the editor's first answers never wait for it. Once loaded,
 * parse() is synchronous and its results are cached by content, so every feature and rule shares one parse.
 */
import { BoundedCache } from '../service/boundedCache';
import { splitStatements, sqlOfScript, type SqlFragment } from './scripts';

/** One top-level statement: its node (libpg-query's JSON form: `{ CreateStmt: {...} }`) and where it is. */
export interface SqlStatement {
  /** The node type, e.g. CreateStmt, CreatePublicationStmt. */
  kind: string;
  /** The node's fields. */
  node: Record<string, unknown>;
  /** Character offsets in the parsed text (not bytes), the statement without its terminating semicolon. */
  start: number;
  end: number;
}

export interface SqlSyntaxError {
  /** PostgreSQL's message, e.g. `syntax error at or near "TABL"`. */
  message: string;
  /** Character offset of the error in the parsed text (0 when PostgreSQL gives none). */
  offset: number;
}

export type SqlParse = { ok: true; statements: SqlStatement[] } | { ok: false; error: SqlSyntaxError };

interface LibPgQuery {
  loadModule(): Promise<void>;
  parseSync(sql: string): { stmts?: { stmt: Record<string, Record<string, unknown>>; stmt_location?: number; stmt_len?: number }[] };
}

/** Statement offsets from libpg-query are UTF-8 byte offsets; maps them to character offsets of `text`. */
function byteToChar(text: string): (byte: number) => number {
  if (Buffer.byteLength(text) === text.length) return (byte) => byte;
  const starts: number[] = [];
  let byte = 0;
  for (let i = 0; i < text.length; i++) {
    starts.push(byte);
    const code = text.codePointAt(i) ?? 0;
    byte += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (code >= 0x10000) {
      starts.push(byte);
      i++;
    }
  }
  return (b) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < b) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** The first offset from `at` that is neither blank nor in a comment (a statement's location includes the comments before it). */
function skipBlanksAndComments(text: string, at: number): number {
  let i = at;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith('--', i)) i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (text.startsWith('/*', i)) i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 2;
    else return i;
  }
}

function toStatements(text: string, result: ReturnType<LibPgQuery['parseSync']>): SqlStatement[] {
  const toChar = byteToChar(text);
  const total = Buffer.byteLength(text);
  return (result.stmts ?? []).map((raw) => {
    const [kind, node] = Object.entries(raw.stmt)[0] ?? ['', {}];
    const startByte = raw.stmt_location ?? 0;
    const endByte = raw.stmt_len ? startByte + raw.stmt_len : total;
    return { kind, node, start: skipBlanksAndComments(text, toChar(startByte)), end: toChar(endByte) };
  });
}

function toError(text: string, error: unknown): SqlSyntaxError {
  const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
  const message = error instanceof Error ? error.message : String(error);
  // cursorPosition counts characters from 0 (statement locations, by contrast, count bytes).
  const offset = details?.cursorPosition !== undefined && details.cursorPosition >= 0 ? details.cursorPosition : 0;
  return { message, offset: Math.min(offset, text.length) };
}

/** A lazily loaded SQL parser with a content cache; one per language service (no module state). */
export class SqlParserHost {
  private library: LibPgQuery | undefined;
  private loading: Promise<void> | undefined;
  private readonly cache = new BoundedCache<string, SqlParse>({ entries: 64, weight: 32 * 1024 * 1024 });
  private readonly fragments = new BoundedCache<string, SqlFragment[]>({ entries: 64, weight: 32 * 1024 * 1024 });
  /** One entry per statement of the scripts being edited (parseByStatement). */
  private readonly pieces = new BoundedCache<string, SqlParse>({ entries: 50_000, weight: 32 * 1024 * 1024 });
  private failure: string | undefined;

  /** `onLoaded` runs once the parser is ready (the server re-checks its open documents then). */
  constructor(private readonly onLoaded?: () => void) {}

  /** The parser is loaded and parse() answers. */
  get ready(): boolean {
    return this.library !== undefined;
  }

  /** Why the parser could not be loaded (the rules then fall back to what they can see without it). */
  get loadError(): string | undefined {
    return this.failure;
  }

  /** Loads the WebAssembly parser once (about half a second the first time); later calls share the same promise. */
  load(): Promise<void> {
    this.loading ??= (async () => {
      try {
        // Required here, not at the top: the module and its WebAssembly are read only when SQL is first parsed.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const library = require('libpg-query') as LibPgQuery;
        await library.loadModule();
        this.library = library;
        this.onLoaded?.();
      } catch (error) {
        this.failure = `the SQL parser could not be loaded: ${(error as Error).message}`;
      }
    })();
    return this.loading;
  }

  /** The SQL fragments of an init script (see scripts.ts), cached by name and content like the parses. */
  scriptFragments(name: string, text: string): SqlFragment[] {
    const key = `${name}\0${text}`;
    const cached = this.fragments.get(key);
    if (cached) return cached;
    const found = sqlOfScript(name, text);
    this.fragments.set(key, found, text.length);
    return found;
  }

  /**
   * The parse of `text` statement by statement, as psql sends them (splitStatements): the same statements and
   * first error as parse(), but each statement is parsed once and remembered, so an edit of a big script parses
   * only the statements it changed. Undefined while the parser is not loaded.
   */
  parseByStatement(text: string): SqlParse | undefined {
    if (!this.library) return undefined;
    const statements: SqlStatement[] = [];
    for (const piece of splitStatements(text)) {
      let parsed = this.pieces.get(piece.text);
      if (!parsed) {
        parsed = this.parseNow(piece.text);
        this.pieces.set(piece.text, parsed, piece.text.length + 64);
      }
      if (!parsed.ok) return { ok: false, error: { message: parsed.error.message, offset: piece.offset + parsed.error.offset } };
      for (const s of parsed.statements) statements.push({ ...s, start: s.start + piece.offset, end: s.end + piece.offset });
    }
    return { ok: true, statements };
  }

  /** The parse of `text`, or undefined while the parser is not loaded (call load() and ask again). */
  parse(text: string): SqlParse | undefined {
    if (!this.library) return undefined;
    const cached = this.cache.get(text);
    if (cached) return cached;
    const parsed = this.parseNow(text);
    this.cache.set(text, parsed, text.length);
    return parsed;
  }

  private parseNow(text: string): SqlParse {
    // libpg-query refuses blank text ("Query cannot be empty"); the server answers it with an empty response.
    if (!/\S/.test(text)) return { ok: true, statements: [] };
    try {
      return { ok: true, statements: toStatements(text, this.library!.parseSync(text)) };
    } catch (error) {
      return { ok: false, error: toError(text, error) };
    }
  }
}
