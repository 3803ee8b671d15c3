/** A pg_ident.conf line in words (hover), and the words completion offers, all in our own words. */
import type { HbaMajor, HbaToken } from '../pghba/types';
import type { IdentEntry } from './check';

const quoted = (token: HbaToken) => `"${token.text}"`;

function systemUserWords(token: HbaToken): string {
  if (!token.text.startsWith('/')) return `the operating-system (or Kerberos, certificate) user ${quoted(token)}`;
  return `any operating-system user whose name matches the regular expression \`${token.text.slice(1)}\``;
}

function databaseUserWords(entry: IdentEntry, major: HbaMajor): string {
  const { databaseUser: user, systemUser } = entry;
  if (major >= 16 && !user.quoted && user.text === 'all') return 'any database role';
  if (major >= 16 && !user.quoted && user.text.startsWith('+')) return `any role that is a member of "${user.text.slice(1)}"`;
  if (major >= 16 && user.text.startsWith('/')) return `any database role whose name matches \`${user.text.slice(1)}\``;
  if (systemUser.text.startsWith('/') && user.text.includes('\\1')) return `the database role "${user.text}", with \\1 replaced by the part of the system user the first parentheses captured`;
  return `the database role ${quoted(user)}`;
}

/** One mapping in a sentence. */
export function describeEntry(entry: IdentEntry, major: HbaMajor): string {
  return `Map **${entry.map.text}**: ${systemUserWords(entry.systemUser)} may connect as ${databaseUserWords(entry, major)} — on pg_hba.conf lines with \`map=${entry.map.text}\`.`;
}

/** Words for the fields, by position (hover on a token, completion documentation). */
export const FIELD_WORDS = [
  'The map name. pg_hba.conf lines pick a map with the option map=NAME; a map may span many lines.',
  'The user the operating system (peer, ident) or the authentication method (gss, sspi, cert) reports. A leading / makes it a regular expression; its first parenthesized part can be copied into the database user with \\1.',
  'The database role the system user may connect as. \\1 copies the part the system user expression captured; from PostgreSQL 16 on, all, +group and /regex are accepted here too.',
] as const;

export const IDENT_KEYWORDS: Record<string, { since: HbaMajor; words: string }> = {
  all: { since: 16, words: 'Any database role (PostgreSQL 16+; quote it for a role named all).' },
  '+': { since: 16, words: 'Prefix: any role that is a member of the named role, directly or not (PostgreSQL 16+).' },
  '\\1': { since: 13, words: 'The first parenthesized part of the system user expression.' },
};

export const INCLUDE_WORDS: Record<string, string> = {
  include: 'Reads the mappings of another file here (PostgreSQL 16+); a missing file is an error.',
  include_if_exists: 'Reads the mappings of another file here if it exists (PostgreSQL 16+); a missing one is skipped with a log line.',
  include_dir: 'Reads every *.conf file of a folder here, in name order (PostgreSQL 16+).',
};
