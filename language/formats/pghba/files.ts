/**
 * tokenize_auth_file with what it reads besides the line itself: `@file` lists (all majors) and the include,
 * include_if_exists and include_dir records (16+), through a FileSystem host, never the disk directly.
 */
import * as path from 'path';
import { HBA_CODES, type HbaCode } from './codes';
import { logicalLines, tokenizeLine, type TokenizedLine } from './tokenizer';
import type { HbaFileSystem, HbaMajor, HbaToken, Span } from './types';

/** PostgreSQL's CONF_FILE_MAX_DEPTH. */
export const MAX_DEPTH = 10;

/** A tokenization error: PostgreSQL's err_msg for the line (the view shows it), with where it comes from. */
export interface LineError {
  code: HbaCode;
  message: string;
  token?: HbaToken;
}

/** One line PostgreSQL keeps after tokenizing (what pg_hba_file_rules has a row for). */
export interface AuthLine {
  /** The file the line is in (the root file's path, or an included file's). */
  file: string;
  lineNumber: number;
  span: Span;
  /** Fields after @file expansion (empty fields dropped, as PostgreSQL drops them). */
  fields: HbaToken[][];
  error?: LineError;
  /** For a line of an included file: the include record of the top file that led to it. */
  via?: { lineNumber: number; span: Span };
}

/** Something PostgreSQL only logs while reading includes: a skipped include_if_exists. */
export interface ReadNote {
  file: string;
  lineNumber: number;
  span: Span;
  message: string;
}

export interface ReadContext {
  major: HbaMajor;
  fs: HbaFileSystem;
  notes: ReadNote[];
}

/** AbsoluteConfigLocation: absolute paths as written, relative ones joined to the calling file's folder and canonicalized. */
export function absoluteLocation(location: string, callingFile: string): string {
  if (location.startsWith('/')) return location;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(callingFile), location));
  return joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
}

/** strerror of the failed open, as far as the host can tell. */
function openError(fs: HbaFileSystem, file: string): string {
  if (fs.exists(file)) return 'Permission denied';
  for (let dir = path.posix.dirname(file); dir !== path.posix.dirname(dir); dir = path.posix.dirname(dir)) {
    if (fs.exists(dir) && !fs.isDirectory(dir)) return 'Not a directory';
  }
  return 'No such file or directory';
}

/** A file's text (13 cannot read a folder: `unreadable`), or why it could not be opened. */
type Opened = { text: string; unreadable?: string } | { error: string; missing: boolean };

/** open_auth_file: the depth limit, then the read (a folder reads as empty). */
function openAuthFile(ctx: ReadContext, file: string, depth: number): Opened {
  if (depth > MAX_DEPTH) return { error: `could not open file "${file}": maximum nesting depth exceeded`, missing: false };
  if (ctx.fs.isDirectory(file)) return ctx.major === 13 ? { text: '', unreadable: 'Is a directory' } : { text: '' };
  const text = ctx.fs.readFile(file);
  if (text !== undefined) return { text };
  const reason = openError(ctx.fs, file);
  return { error: `could not open file "${file}": ${reason}`, missing: reason === 'No such file or directory' };
}

/** The tokens of an @file, or the error PostgreSQL puts on the line. */
function expandFile(ctx: ReadContext, token: HbaToken, outer: string, depth: number): HbaToken[] | LineError {
  const name = token.text.slice(1);
  const full = absoluteLocation(name, outer);
  const opened = openAuthFile(ctx, full, depth);
  if ('error' in opened) {
    const reason = opened.error.replace(/^could not open file ".*": /, '');
    const message = ctx.major >= 16 ? opened.error : `could not open secondary authentication file "@${name}" as "${full}": ${reason}`;
    return { code: HBA_CODES.missingInclude, message, token };
  }
  if (opened.unreadable) return { code: HBA_CODES.missingInclude, message: `could not read file "${full}": ${opened.unreadable}`, token };
  const tokens: HbaToken[] = [];
  for (const line of readAuthText(ctx, full, opened.text, depth)) {
    if (line.error) return { ...line.error, token };
    for (const fieldTokens of line.fields) for (const t of fieldTokens) tokens.push({ ...t, file: t.file ?? full, via: token.via ?? token });
  }
  return tokens;
}

/** An unquoted `@name`: a file whose tokens replace it. */
export const isFileToken = (token: HbaToken) => !token.quoted && token.text.length >= 2 && token.text.startsWith('@');

/** next_field_expand over a line: @file tokens replaced by the file's tokens; the first error stops the line. */
function expandLine(ctx: ReadContext, tokenized: TokenizedLine, file: string, depth: number): { fields: HbaToken[][]; error?: LineError } {
  // Most lines name no @file: their fields are the tokenizer's (which never holds an empty field).
  if (!tokenized.tooLong && tokenized.fields.every((tokens) => tokens.every((t) => !isFileToken(t)))) return { fields: tokenized.fields };
  const fields: HbaToken[][] = [];
  for (const tokens of tokenized.fields) {
    const expanded: HbaToken[] = [];
    for (const token of tokens) {
      if (!isFileToken(token)) {
        expanded.push(token);
        continue;
      }
      const result = expandFile(ctx, token, file, depth + 1);
      if (!Array.isArray(result)) {
        if (expanded.length) fields.push(expanded);
        return { fields, error: result };
      }
      expanded.push(...result);
    }
    if (expanded.length) fields.push(expanded);
  }
  if (tokenized.tooLong) {
    const token = { text: tokenized.tooLong.text, quoted: false, span: tokenized.tooLong.span };
    return { fields, error: { code: HBA_CODES.syntax, message: 'authentication file token too long', token } };
  }
  return { fields };
}

/** GetConfFilesInDir: the *.conf files of a folder (not hidden, not folders), in byte order. */
function directoryFiles(ctx: ReadContext, dir: string): string[] {
  return ctx.fs
    .readDir(dir)
    .filter((name) => name.length >= 6 && !name.startsWith('.') && name.endsWith('.conf'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => `${dir}/${name}`)
    .filter((full) => !ctx.fs.isDirectory(full));
}

/** tokenize_include_file: the lines of an included file, or the error of the include line. */
function includeFile(ctx: ReadContext, target: string, outer: string, depth: number, missingOk: boolean, out: AuthLine[]): string | undefined {
  const full = absoluteLocation(target, outer);
  const opened = openAuthFile(ctx, full, depth);
  if ('error' in opened) {
    if (opened.missing && missingOk) return '';
    return opened.error;
  }
  out.push(...readAuthText(ctx, full, opened.text, depth));
  return undefined;
}

function includeDirectory(ctx: ReadContext, name: string, outer: string, depth: number, out: AuthLine[]): string | undefined {
  if (/^[ \t\r\n]*$/.test(name)) return 'empty configuration directory name';
  const dir = absoluteLocation(name, outer);
  if (!ctx.fs.isDirectory(dir)) return `could not open directory "${dir}"`;
  const errors = directoryFiles(ctx, dir)
    .map((file) => includeFile(ctx, file, outer, depth, false, out))
    .filter((error): error is string => error !== undefined);
  return errors.length ? errors.join('\n') : undefined;
}

/** 16+: an include record (exactly two fields, the first token one of the three words) — handled here, or undefined. */
function includeRecord(ctx: ReadContext, line: AuthLine, depth: number, out: AuthLine[]): 'done' | LineError | undefined {
  if (ctx.major < 16 || line.fields.length !== 2) return undefined;
  const word = line.fields[0][0].text;
  const target = line.fields[1][0];
  let error: string | undefined;
  if (word === 'include') error = includeFile(ctx, target.text, line.file, depth + 1, false, out);
  else if (word === 'include_if_exists') {
    error = includeFile(ctx, target.text, line.file, depth + 1, true, out);
    if (error === '') {
      ctx.notes.push({ file: line.file, lineNumber: line.lineNumber, span: line.span, message: `skipping missing authentication file "${absoluteLocation(target.text, line.file)}"` });
      error = undefined;
    }
  } else if (word === 'include_dir') error = includeDirectory(ctx, target.text, line.file, depth, out);
  else return undefined;
  if (error === undefined) return 'done';
  const code = error.includes('maximum nesting depth') ? HBA_CODES.includeDepth : HBA_CODES.missingInclude;
  return { code, message: error, token: target };
}

/** The lines of an already tokenized file, expanded, with includes followed. */
export function readAuthLines(ctx: ReadContext, file: string, tokenized: TokenizedLine[], depth: number): AuthLine[] {
  const out: AuthLine[] = [];
  for (const tokenizedLine of tokenized) {
    const { line } = tokenizedLine;
    const base = { file, lineNumber: line.lineNumber, span: line.span };
    if (line.tooLong) {
      out.push({ ...base, fields: [], error: { code: HBA_CODES.syntax, message: 'authentication file line too long' } });
      continue;
    }
    const { fields, error } = expandLine(ctx, tokenizedLine, file, depth);
    if (!fields.length && !error) continue;
    const authLine: AuthLine = { ...base, fields, error };
    if (!error) {
      const before = out.length;
      const include = includeRecord(ctx, authLine, depth, out);
      if (depth === 0) for (const included of out.slice(before)) included.via = { lineNumber: line.lineNumber, span: line.span };
      if (include === 'done') continue;
      if (include) authLine.error = include;
    }
    out.push(authLine);
  }
  return out;
}

/** Tokenizes and reads one file's text. */
export function readAuthText(ctx: ReadContext, file: string, text: string, depth: number): AuthLine[] {
  const tokenized = logicalLines(text, ctx.major).map((line) => tokenizeLine(line, ctx.major));
  return readAuthLines(ctx, file, tokenized, depth);
}
