/**
 * parse_ident_line: PostgreSQL's verdict on one tokenized pg_ident.conf line (map name, system user, database
 * user; a `/regex` system user, and from 16 on a `/regex` database user, compiled), plus what it never says.
 */
import { regexError } from '../pghba/regex';
import type { HbaMajor, HbaToken } from '../pghba/types';
import { IDENT_CODES, type IdentCode } from './codes';

/** One mapping PostgreSQL keeps. */
export interface IdentEntry {
  map: HbaToken;
  systemUser: HbaToken;
  databaseUser: HbaToken;
}

export interface IdentReport {
  code: IdentCode;
  /** PostgreSQL's words (the view's error column and its log) for an error; ours for a warning. */
  message: string;
  severity: 'error' | 'warning' | 'information';
  token?: HbaToken;
  hint?: string;
}

export interface IdentVerdict {
  entry?: IdentEntry;
  /** The error PostgreSQL reports for the line (it then drops it). */
  error?: IdentReport;
  /** What PostgreSQL accepts without a word but gets wrong at login. */
  notes: IdentReport[];
}

const fail = (code: IdentCode, message: string, token: HbaToken | undefined, hint: string): IdentVerdict => ({ error: { code, message, severity: 'error', token, hint }, notes: [] });

/** Where a line is: 13/14 name the file and line in the message itself. */
export interface LinePlace {
  file: string;
  lineNumber: number;
}

/** IDENT_MULTI_VALUE / IDENT_FIELD_ABSENT, field by field. */
function single(fields: HbaToken[][], index: number, what: string, after: HbaToken | undefined, major: HbaMajor, place: LinePlace): HbaToken | IdentVerdict {
  const field = fields[index];
  const missing = major >= 15 ? 'missing entry at end of line' : `missing entry in file "${place.file}" at end of line ${place.lineNumber}`;
  if (!field) return fail(IDENT_CODES.missingField, missing, after, `Add the ${what}: a mapping line is MAPNAME SYSTEM-USER DATABASE-USER.`);
  if (field.length > 1) return fail(IDENT_CODES.multipleValues, 'multiple values in ident field', field[1], `Write one ${what} per line; give each further one its own line with the same map name.`);
  return field[0];
}

/** regcomp_auth_token: a name starting with `/` is a regular expression (quoted or not). */
function regexFailure(token: HbaToken): IdentVerdict | undefined {
  if (!token.text.startsWith('/')) return undefined;
  const pattern = token.text.slice(1);
  const error = regexError(pattern);
  return error ? fail(IDENT_CODES.invalidRegex, `invalid regular expression "${pattern}": ${error}`, token, 'Fix the expression; a name without a leading / is compared literally.') : undefined;
}

/** Capturing groups of an expression: `(` not escaped, not inside brackets, not followed by `?`. */
export function capturingGroups(pattern: string): number {
  let count = 0;
  let inBracket = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inBracket) inBracket = c !== ']' || pattern[i - 1] === '[' || pattern[i - 1] === '^';
    else if (c === '[') inBracket = true;
    else if (c === '(' && pattern[i + 1] !== '?') count++;
  }
  return count;
}

/** The notes PostgreSQL does not give: ignored extra fields, `\1` without a group to take it from. */
function notesOf(fields: HbaToken[][], entry: IdentEntry, major: HbaMajor): IdentReport[] {
  const notes: IdentReport[] = [];
  if (fields.length > 3) {
    notes.push({ code: IDENT_CODES.extraFields, severity: 'warning', token: fields[3][0], message: 'PostgreSQL ignores everything after the database user on a mapping line', hint: 'Remove the extra words, or start a comment with #.' });
  }
  const { systemUser, databaseUser } = entry;
  const special = major >= 16 && (databaseUser.text.startsWith('/') || (databaseUser.text.startsWith('+') && !databaseUser.quoted) || (databaseUser.text === 'all' && !databaseUser.quoted));
  if (!special && databaseUser.text.includes('\\1')) {
    const groups = systemUser.text.startsWith('/') ? capturingGroups(systemUser.text.slice(1)) : 0;
    if (groups === 0) {
      const why = systemUser.text.startsWith('/') ? `the expression "${systemUser.text.slice(1)}" captures nothing` : `"${systemUser.text}" is not a regular expression (it does not start with /)`;
      notes.push({ code: IDENT_CODES.backreferenceWithoutGroup, severity: 'warning', token: databaseUser, message: `\\1 stands for the first parenthesized part of the system user, but ${why}: every login through this line fails`, hint: 'Put parentheses around the part of the system user to copy, e.g. /^(.*)@example\\.com$.' });
    }
  }
  return notes;
}

/** The line's verdict, as parse_ident_line of `major` gives it. */
export function checkIdentFields(fields: HbaToken[][], major: HbaMajor, place: LinePlace): IdentVerdict {
  const map = single(fields, 0, 'map name', undefined, major, place);
  if (!('text' in map)) return map;
  const systemUser = single(fields, 1, 'system user', map, major, place);
  if (!('text' in systemUser)) return systemUser;
  const databaseUser = single(fields, 2, 'database user', systemUser, major, place);
  if (!('text' in databaseUser)) return databaseUser;
  const failure = regexFailure(systemUser) ?? (major >= 16 ? regexFailure(databaseUser) : undefined);
  if (failure) return failure;
  const entry = { map, systemUser, databaseUser };
  return { entry, notes: notesOf(fields, entry, major) };
}
