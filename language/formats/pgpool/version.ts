import type { PgpoolCatalog } from './catalog';
import type { ParsedPgpool } from './parser';

/** How far into the file a version comment is looked for. */
const HEAD_LINES = 30;

/**
 * The pgpool-II version line a file is checked against: a comment near the top naming one the catalog has
 * (`# pgpool-II 4.3 configuration`, `# pgha: pgpool 4.3`), else the newest catalogued line.
 */
export function targetVersion(lines: readonly string[], parsed: ParsedPgpool, catalog: PgpoolCatalog): string {
  for (const line of parsed.commentLines) {
    if (line >= HEAD_LINES) break;
    const named = /pgpool(?:-II)?\s+v?(\d+\.\d+)/i.exec(lines[line] ?? '');
    if (named && catalog.versions.includes(named[1])) return named[1];
  }
  return catalog.newest;
}
