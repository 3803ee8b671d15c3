/**
 * Up to PgBouncer 1.15 a [databases] or [users] entry the program cannot read does not stop it: it logs why and
 * leaves the entry out (later versions refuse the file; the catalog records which per version as `entryErrors`).
 * Here the refusal wording of ./connString.ts becomes the skipping wording of those versions.
 */
import type { EntryProblem, EntrySection } from './connString';

/** What 1.15 logs for an entry it skips; undefined when it takes the entry (a reserved name was not checked yet). */
export function skippedEntryMessage(section: EntrySection, name: string, value: string, problem: EntryProblem): string | undefined {
  const what = section === 'users' ? 'user' : 'database';
  const written = problem.at ? value.slice(problem.at.start, problem.at.end) : value;
  switch (problem.kind) {
    case 'name':
      return undefined;
    case 'syntax':
      return `${name}: syntax error in ${section === 'users' ? 'user settings' : 'connstring'}`;
    case 'unknown-key':
      return `skipping ${what} ${name} because of unknown parameter in ${section === 'users' ? 'settings' : 'connstring'}: ${problem.key}`;
    case 'bad-value':
      return `skipping ${what} ${name} because of ${problem.key === 'port' ? 'bad port' : problem.key === 'pool_mode' ? 'invalid pool mode' : `invalid ${problem.key}`}: ${written}`;
  }
}
