/**
 * Why a node failed to start, in one line taken from its log, so that errors and the tree can say the reason
 * first ("FATAL: data directory … has invalid permissions") and keep the log tail behind a button.
 * Pure: callers pass the log text they already read.
 */

/** The server's log_line_prefix (a timestamp, "[pid]", user=…): dropped; a program's own prefix (psql:file:1:) stays. */
const PREFIX = /^\d{4}-\d\d-\d\d[ T][^\n]*?\s(?=(FATAL|PANIC|ERROR|LOG|DETAIL|HINT|WARNING):\s)/;
const SEVERE = /\b(FATAL|PANIC):\s/;
const ERRORISH = /\bERROR:\s|\berror:|No such file|Permission denied|could not |cannot |not found/i;
/** Lines every start prints that never explain a failure. */
const NOISE =
  /database system is shut down|shutting down|received (fast|smart|immediate) shutdown|waiting for server to|aborting any active transactions|terminating connection due to administrator command|the database system is (starting up|not yet accepting connections|in recovery mode)/i;

const clean = (line: string): string => line.replace(PREFIX, '').replace(/\s{2,}/g, ' ').trim();

/**
 * The one line that says why, from the end of a log: the last FATAL/PANIC (with the DETAIL or HINT that follows
 * it), else the last error-like line; undefined when the log names no failure.
 */
export function logReason(tail: string): string | undefined {
  // LOG/WARNING lines report, they do not fail a start ("could not receive data from client" after a kill).
  const lines = tail.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() && !NOISE.test(l) && !/\b(LOG|WARNING):\s/.test(l));
  const pick = (test: RegExp): number => {
    for (let i = lines.length - 1; i >= 0; i--) if (test.test(lines[i])) return i;
    return -1;
  };
  const severe = pick(SEVERE);
  // An init script's error as psql words it names the file and line; the server logs the same error without them,
  // and which of the two comes last depends on how the container interleaves its output.
  const located = pick(/^psql:\S+:\d+: (ERROR|FATAL):\s/);
  const at = severe >= 0 ? severe : located >= 0 ? located : pick(ERRORISH);
  if (at < 0) return undefined;
  const next = lines[at + 1];
  const extra = next && /\b(DETAIL|HINT):\s/.test(next) ? ` (${clean(next)})` : '';
  return `${clean(lines[at])}${extra}`;
}

/** "replica1: FATAL: … — stopped (exit code 1) before it was ready": the reason first, then what we saw. */
export function reasonFirst(service: string, reason: string | undefined, what: string): string {
  return reason ? `${service}: ${reason} — ${what}` : `${service}: ${what}`;
}

/** Exit codes of a container stopped from outside: 137 SIGKILL (docker kill, "Kill Node"), 143 SIGTERM. */
const KILLED = new Set(['0', '137', '143']);

/** Docker's "Exited (1) 3 minutes ago" / "Restarting (1) …": a status that means the server stopped on its own. */
export function failedStatus(status: string): boolean {
  const code = /^(?:Exited|Restarting) \((\d+)\)/i.exec(status)?.[1];
  return code !== undefined && !KILLED.has(code);
}
