/**
 * Message comparison for the differential test: what PostgreSQL logs about a rejected file against what our
 * diagnostic says, once both have lost the parts that only tell where the file is (PostgreSQL adds
 * `in file "…" line N`; absolute paths differ between its data directory and our pretend folder).
 */

export interface PostgresMessage {
  /** The first complaint (LOG/FATAL/ERROR line), its file/line context removed. */
  text: string;
  /** The HINT line that follows it, if any. */
  hint?: string;
}

const SEVERITY_LINE = /^(?:LOG|FATAL|ERROR|WARNING):\s+(.*)$/;

/** Drops `in file "…" line N` and keeps only the base name of quoted absolute paths. */
export function withoutFileContext(text: string): string {
  return text.replace(/ in file "[^"]*" line \d+/g, '').replace(/"\/(?:[^"/]*\/)*([^"/]*)"/g, '"$1"');
}

/** PostgreSQL's first complaint in a `postgres -C` log, or undefined when the log holds none. */
export function postgresMessage(log: string): PostgresMessage | undefined {
  const lines = log.split('\n');
  const first = lines.findIndex((line) => SEVERITY_LINE.test(line));
  if (first < 0) return undefined;
  const text = withoutFileContext(SEVERITY_LINE.exec(lines[first])![1]);
  const hint = /^HINT:\s+(.*)$/.exec(lines[first + 1] ?? '')?.[1];
  return hint ? { text, hint: withoutFileContext(hint) } : { text };
}

/**
 * Whether our message says what PostgreSQL says: it starts with PostgreSQL's words (closed by a period or the
 * end), and PostgreSQL's hint, when it gives one, appears in it too. Our own advice may follow.
 */
export function sameMessage(ours: string, theirs: PostgresMessage): boolean {
  const text = withoutFileContext(ours);
  const rest = text.startsWith(theirs.text) ? text.slice(theirs.text.length) : undefined;
  if (rest === undefined || !(rest === '' || rest.startsWith('.'))) return false;
  return theirs.hint === undefined || rest.includes(theirs.hint);
}
