import type { Major } from '../../catalog/types';
import { CODES } from './codes';
import type { ValueVerdict } from './values';

/** Accepted; `canonical` is what `postgres -C` prints. */
export const ok = (canonical: string): ValueVerdict => ({ ok: true, canonical });

/** PostgreSQL's generic complaint about a value its check hook refused; `hint` starts with its DETAIL, if any. */
export const invalid = (name: string, value: string, hint?: string): ValueVerdict => ({
  ok: false,
  code: CODES.invalidValue,
  message: `invalid value for parameter "${name}": "${value}"`,
  hint,
});

/** A complaint with a message of its own (GUC_check_errmsg, or an error raised while parsing). */
export const refused = (message: string, hint?: string): ValueVerdict => ({ ok: false, code: CODES.invalidValue, message, hint });

/** The wording a major uses, from a table keyed by the first major of each wording. */
export function forMajor<T>(major: Major, texts: Partial<Record<Major, T>> & { 13: T }): T {
  let chosen = texts[13];
  for (const [from, text] of Object.entries(texts)) if (Number(from) <= major) chosen = text as T;
  return chosen;
}

/** Joins PostgreSQL's DETAIL/HINT text and our advice into one hint. */
export const hintOf = (...parts: Array<string | undefined>): string | undefined =>
  parts
    .filter((part): part is string => Boolean(part))
    .map((part, i, all) => (i < all.length - 1 && !/[.!?]$/.test(part) ? `${part}.` : part))
    .join(' ') || undefined;
