/** Log lines of PgBouncer and pgpool-II without their time/pid prefixes, and the ones that matter for a verdict. */

/** PgBouncer: "2025-01-02 03:04:05.678 UTC [42] "; pgpool (default log_line_prefix "%m: %a pid %p: "): "2025-01-02 03:04:05.678: main pid 42: ". */
const PREFIXES = [/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[\d+\] /, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?: \S+)?: .*?pid \d+: /];

const SEVERE = /^(?:FATAL|ERROR|WARNING|PANIC):?\s/;
const FOLLOW_UP = /^(?:HINT|DETAIL):?\s/;

export function stripPrefix(line: string): string {
  for (const prefix of PREFIXES) {
    const match = prefix.exec(line);
    if (match) return line.slice(match[0].length);
  }
  return line;
}

/** Non-empty lines, prefixes removed, runs of blanks inside pgpool's "FATAL:  text" kept as printed. */
export function cleanLog(text: string): string[] {
  return text
    .split('\n')
    .map((line) => stripPrefix(line.replace(/\r$/, '')))
    .filter((line) => line.trim() !== '');
}

/** The lines that say what is wrong: severity FATAL/ERROR/WARNING/PANIC, with the HINT/DETAIL lines right after them. */
export function significantLines(lines: string[]): string[] {
  const kept: string[] = [];
  let following = false;
  for (const line of lines) {
    if (SEVERE.test(line)) following = true;
    else if (!FOLLOW_UP.test(line)) following = false;
    if (following) kept.push(line);
  }
  return kept;
}
