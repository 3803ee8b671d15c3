/**
 * Whether PgBouncer gets a client through to PostgreSQL, judged by what each side holds: PgBouncer's auth_type,
 * the kind of secret it has for the user (its auth_file, or the server's own through auth_query), the kind the
 * server stores, and the pg_hba.conf method the server uses for PgBouncer's connection. Every failure below was
 * measured with the real PgBouncer 1.18 and 1.24 in front of PostgreSQL 17 (npm run probe:pgbouncer-auth; both
 * versions answer alike), with the client's message; every other combination either worked there or depends on
 * more than the files tell (e.g. whether two SCRAM secrets are the same one), and is left alone.
 */

export type SecretKind = 'plain' | 'md5' | 'scram-sha-256';

/** What PgBouncer makes of an auth_file password: "md5" + 32 hex digits, a SCRAM secret, or plain text. */
export function secretKind(secret: string): SecretKind {
  if (/^md5[0-9a-f]{32}$/i.test(secret)) return 'md5';
  if (/^SCRAM-SHA-256\$\d+:[^$]+\$[^:]+:.+$/.test(secret)) return 'scram-sha-256';
  return 'plain';
}

/** The kind of secret a server stores for passwords set under its password_encryption value; undefined when unknown. */
export function storedKind(passwordEncryption: string): Exclude<SecretKind, 'plain'> | undefined {
  const value = passwordEncryption.trim().replace(/^'(.*)'$/, '$1').toLowerCase();
  if (value === 'md5' || value === 'on' || value === 'true') return 'md5';
  return value === 'scram-sha-256' ? 'scram-sha-256' : undefined;
}

/** Default password_encryption by PostgreSQL major: md5 up to 13, scram-sha-256 from 14. */
export const defaultPasswordEncryption = (major: number): string => (major >= 14 ? 'scram-sha-256' : 'md5');

export interface LoginFacts {
  /** PgBouncer's auth_type. */
  authType: string;
  /** The secret PgBouncer holds for the user. */
  secret: SecretKind;
  /** What the server stores for the user; undefined: unknown. */
  stored?: Exclude<SecretKind, 'plain'>;
  /** The server's pg_hba.conf method for PgBouncer's connection; undefined: unknown. */
  method?: string;
}

export interface LoginFailure {
  /** The client's FATAL message, as PgBouncer sends it (%u: the user). */
  message: string;
  /** Which side refuses: PgBouncer itself (the client login) or the server login PgBouncer makes. */
  side: 'pgbouncer' | 'server';
  why: string;
  fix: string;
}

const WRONG_TYPE = 'server login failed: wrong password type';
const PASSWORD_FAILED = 'password authentication failed for user "%u"';

/** The failure the measured matrix shows for these facts, or undefined when it worked or cannot be told. */
export function loginFailure(facts: LoginFacts): LoginFailure | undefined {
  const authType = facts.authType.toLowerCase();
  if (authType === 'scram-sha-256' && facts.secret === 'md5') {
    return { message: 'SASL authentication failed', side: 'pgbouncer', why: 'PgBouncer cannot run SCRAM with a client from an MD5 secret (its log: "SCRAM authentication failed: user has MD5 secret")', fix: 'give PgBouncer the plain-text password or the SCRAM secret, or use auth_type = md5' };
  }
  const method = facts.method?.toLowerCase();
  if (method === undefined || facts.stored === undefined || !['md5', 'scram-sha-256', 'password'].includes(method)) return undefined;
  if (method === 'password') {
    if (facts.secret === 'plain') return undefined;
    return { message: PASSWORD_FAILED, side: 'server', why: 'the server asks for the password in clear text and PgBouncer has only a hashed secret, which it sends as if it were the password', fix: 'give PgBouncer the plain-text password, or use md5 or scram-sha-256 for it in pg_hba.conf' };
  }
  // The server runs SCRAM when pg_hba.conf asks for it or it stores a SCRAM secret, MD5 otherwise.
  const exchange = method === 'scram-sha-256' || facts.stored === 'scram-sha-256' ? 'scram-sha-256' : 'md5';
  const mismatch = secretMismatch(authType, facts.secret, exchange);
  if (mismatch || exchange !== 'scram-sha-256' || facts.stored !== 'md5') return mismatch;
  return { message: PASSWORD_FAILED, side: 'server', why: 'pg_hba.conf asks for SCRAM and the server stores only an MD5 secret for the user, so no password gets through (directly either)', fix: 'set the password again under password_encryption = scram-sha-256, or use md5 in pg_hba.conf' };
}

/** What PgBouncer cannot answer: the server's exchange (MD5 or SCRAM) from the secret it holds. */
function secretMismatch(authType: string, secret: SecretKind, exchange: Exclude<SecretKind, 'plain'>): LoginFailure | undefined {
  if (secret === 'plain') return undefined;
  const failure = (why: string, fix: string): LoginFailure => ({ message: WRONG_TYPE, side: 'server', why, fix });
  if (exchange === 'md5') {
    return secret === 'scram-sha-256' ? failure('the server asks for MD5 (it stores an MD5 secret) and PgBouncer holds a SCRAM secret, from which no MD5 answer can be made', 'give PgBouncer the plain-text password or the md5 secret the server stores') : undefined;
  }
  if (secret === 'md5') {
    return failure('the server asks for SCRAM and PgBouncer holds only an MD5 secret, from which no SCRAM answer can be made', 'give PgBouncer the plain-text password or the SCRAM secret the server stores (pg_authid.rolpassword), or auth_type = scram-sha-256 with it');
  }
  if (authType === 'plain' || authType === 'trust') {
    return failure(`the server asks for SCRAM and PgBouncer can pass a SCRAM secret on only after the client itself logged in with SCRAM, which auth_type = ${authType} never asks for`, 'use auth_type = scram-sha-256 (or md5), or give PgBouncer the plain-text password');
  }
  return undefined;
}
