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

/** Where a quoted run of SQL that starts at `i` ends (after its closing quote), or -1 when none starts there. */
export function quotedEnd(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"') {
    let j = i + 1;
    while (j < sql.length && (sql[j] !== c || sql[j + 1] === c)) j += sql[j] === c ? 2 : 1;
    return j + 1;
  }
  if (c === '-' && sql[i + 1] === '-') return sql.indexOf('\n', i) < 0 ? sql.length : sql.indexOf('\n', i);
  if (c === '/' && sql[i + 1] === '*') return sql.indexOf('*/', i + 2) < 0 ? sql.length : sql.indexOf('*/', i + 2) + 2;
  const tag = c === '$' ? /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i)) : null;
  if (tag) {
    const close = sql.indexOf(tag[0], i + tag[0].length);
    return close < 0 ? sql.length : close + tag[0].length;
  }
  return -1;
}

/**
 * SQL as psql runs it, made plain for the server's parser, offsets kept: a meta-command (`\connect db`,
 * `\gexec`) ends the statement before it and runs to the end of its line, so it becomes `;` and spaces;
 * psql variables (`:name`, `:'name'`, `:"name"`) become a name or literal of the same length.
 */
export function psqlToSql(sql: string): { sql: string; variables: boolean } {
  const out: string[] = [];
  let variables = false;
  // Jumps from one character that may start something to the next: plain text is copied in runs.
  const special = /['"\-/$\\:]/g;
  let copied = 0;
  for (let i = 0; i < sql.length; ) {
    special.lastIndex = i;
    const next = special.exec(sql);
    if (!next) break;
    i = next.index;
    const end = quotedEnd(sql, i);
    if (end > i) {
      i = end;
      continue;
    }
    const variable = sql[i] === ':' && sql[i - 1] !== ':' ? /^:(?:'[A-Za-z_]\w*'|"[A-Za-z_]\w*"|[A-Za-z_]\w*)/.exec(sql.slice(i, i + 256)) : null;
    let replacement: string | undefined;
    let length = 0;
    if (sql[i] === '\\' && /[A-Za-z!?]/.test(sql[i + 1] ?? '')) {
      length = (sql.indexOf('\n', i) < 0 ? sql.length : sql.indexOf('\n', i)) - i;
      replacement = ';' + ' '.repeat(length - 1);
    } else if (variable && sql[i + variable[0].length] !== ':' && sql[i + variable[0].length] !== '=') {
      variables = true;
      length = variable[0].length;
      const quote = /['"]/.test(variable[0][1]) ? variable[0][1] : '';
      replacement = quote ? quote + 'x'.repeat(length - 2) + quote : 'x'.repeat(length);
    }
    if (replacement === undefined) {
      i++;
      continue;
    }
    out.push(sql.slice(copied, i), replacement);
    i += length;
    copied = i;
  }
  out.push(sql.slice(copied));
  return { sql: out.join(''), variables };
}

function asPsqlRuns(fragment: SqlFragment): SqlFragment {
  const plain = psqlToSql(fragment.sql);
  return { ...fragment, sql: plain.sql, expanded: fragment.expanded || plain.variables };
}

/** The SQL fragments of an init script, by its name (`.sql`, `.sql.gz` already decompressed, `.sh`), as psql runs them. */
export function sqlOfScript(name: string, text: string): SqlFragment[] {
  if (/\.sql(\.gz)?$/i.test(name)) return [asPsqlRuns({ sql: text, offset: 0, expanded: false })];
  if (/\.sh$/i.test(name)) return [...hereDocuments(text), ...commandArguments(text)].sort((a, b) => a.offset - b.offset).map(asPsqlRuns);
  return [];
}

/**
 * The statements of plain SQL as psql sends them, each with its offset: split at `;` outside quotes, comments,
 * dollar quotes and parentheses (each piece keeps its `;`). One piece for text with BEGIN ATOMIC bodies, whose inner
 * semicolons psql keeps together by rules this split does not follow.
 */
export function splitStatements(sql: string): { text: string; offset: number }[] {
  if (/\bbegin\s+atomic\b/i.test(sql)) return [{ text: sql, offset: 0 }];
  const pieces: { text: string; offset: number }[] = [];
  const special = /['"\-/$;()]/g;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < sql.length; ) {
    special.lastIndex = i;
    const next = special.exec(sql);
    if (!next) break;
    i = next.index;
    const end = quotedEnd(sql, i);
    if (end > i) {
      i = end;
      continue;
    }
    const c = sql[i++];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) {
      pieces.push({ text: sql.slice(start, i), offset: start });
      start = i;
    }
  }
  if (start < sql.length) pieces.push({ text: sql.slice(start), offset: start });
  return pieces;
}
