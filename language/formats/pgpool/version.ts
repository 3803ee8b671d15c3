import type { PgpoolCatalog } from './catalog';
import type { ParsedPgpool } from './parser';

/** How far into the file a version comment is looked for. */
const HEAD_LINES = 30;

/**
 * The pgpool-II version line a file names in a comment near the top (`# pgpool-II 4.3 configuration`,
 * `# pgha: pgpool 4.3`), or undefined when it does not say: the newest catalogued line is then assumed.
 */
export function statedVersion(lines: readonly string[], parsed: ParsedPgpool, catalog: PgpoolCatalog): string | undefined {
  for (const line of parsed.commentLines) {
    if (line >= HEAD_LINES) break;
    const named = /pgpool(?:-II)?\s+v?(\d+\.\d+)/i.exec(lines[line] ?? '');
    if (named && catalog.versions.includes(named[1])) return named[1];
  }
  return undefined;
}
