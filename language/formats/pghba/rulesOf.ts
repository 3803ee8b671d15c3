/**
 * pg_hba rules read from text found elsewhere (a line an init script echoes, a line smuggled into an environment
 * value): the same parser as the pg_hba.conf format, no file reads, no diagnostics.
 */
import { DEFAULT_MAJOR } from '../../../core/majors';
import { parseHba } from './parser';
import type { HbaMajor, HbaToken } from './types';
import type { HbaRule } from './verdict';

/** The lines of `text` that PostgreSQL `major` reads as rules (as far as it gets with each). */
export function hbaRulesOf(text: string, major: HbaMajor = DEFAULT_MAJOR): HbaRule[] {
  return parseHba(text, major).lines.flatMap((line) => (line.rule ? [line.rule] : []));
}

/** Whether a field holds `word` as a keyword (unquoted): `replication` or `all` in the database field, … */
export function hasKeyword(tokens: HbaToken[], word: string): boolean {
  return tokens.some((t) => !t.quoted && t.text === word);
}

/** Whether the rule matches replication connections: only the `replication` keyword does (`all` does not). */
export function admitsReplication(rule: HbaRule): boolean {
  return hasKeyword(rule.databases, 'replication');
}
