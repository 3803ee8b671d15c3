/**
 * The SQL an init script runs: a `.sql` file is SQL as a whole; a `.sh` script runs SQL through psql in
 * here-documents (`psql … <<-EOSQL … EOSQL`) and `-c` arguments. Each fragment keeps its offset in the file, so
 * findings land on the right line of the script.
 */

export interface SqlFragment {
  /** The SQL, shell variables masked by same-length identifiers so the parser sees valid names and offsets hold. */
  sql: string;
  /** Offset of the fragment's first character in the script. */
  offset: number;
  /** The shell expands variables in it (an unquoted here-document delimiter or a double-quoted -c argument). */
  expanded: boolean;
}

/** `$NAME` and `${…}` as the shell expands them; `$1`, `$$` and `$tag$` dollar quotes are SQL's and stay. */
const SHELL_VARIABLE = /\$\{[^}\n]*\}|\$[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_$])/g;

/** Replaces each shell variable by an identifier of the same length (`x_____`), so offsets do not move. */
export function maskShellVariables(text: string): string {
  return text.replace(SHELL_VARIABLE, (m) => 'x' + '_'.repeat(m.length - 1));
}

/** Here-documents read by psql: `psql … <<[-]['"]?TAG['"]?` up to a line holding only TAG (tabs allowed with <<-). */
function hereDocuments(script: string): SqlFragment[] {
  const fragments: SqlFragment[] = [];
  const opener = /\bpsql\b[^\n]*?<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2[^\n]*\n/g;
  for (const m of script.matchAll(opener)) {
    const bodyStart = (m.index ?? 0) + m[0].length;
    const closer = new RegExp(`^${m[1] ? '\\t*' : ''}${m[3]}[ \\t]*$`, 'm');
    const rest = script.slice(bodyStart);
    const close = closer.exec(rest);
    const body = close ? rest.slice(0, close.index) : rest;
    const expanded = m[2] === '';
    fragments.push({ sql: expanded ? maskShellVariables(body) : body, offset: bodyStart, expanded });
  }
  return fragments;
}

/** `psql … -c "SQL"` / `--command='SQL'` arguments (one line; quotes of the shell, not SQL's). */
function commandArguments(script: string): SqlFragment[] {
  const fragments: SqlFragment[] = [];
  const argument = /\bpsql\b[^\n]*?(?:-c\s*|--command[= ])(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)')/g;
  for (const m of script.matchAll(argument)) {
    const double = m[1] !== undefined;
    const body = double ? m[1] : m[2];
    const offset = (m.index ?? 0) + m[0].length - body.length - 1;
    fragments.push({ sql: double ? maskShellVariables(body.replace(/\\(["\\$`])/g, ' $1')) : body, offset, expanded: double });
  }
  return fragments;
}

/** The SQL fragments of an init script, by its name (`.sql`, `.sql.gz` already decompressed, `.sh`). */
export function sqlOfScript(name: string, text: string): SqlFragment[] {
  if (/\.sql(\.gz)?$/i.test(name)) return [{ sql: text, offset: 0, expanded: false }];
  if (/\.sh$/i.test(name)) return [...hereDocuments(text), ...commandArguments(text)].sort((a, b) => a.offset - b.offset);
  return [];
}
