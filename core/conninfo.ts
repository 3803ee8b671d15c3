/**
 * libpq connection strings, by libpq's rules: `key=value` pairs separated by white space; a value is either
 * bare (ends at white space) or in single quotes; in both, a backslash takes the next character literally
 * (so `\'` and `\\` inside quotes). This is the conninfo level only: writing a conninfo into
 * postgresql.conf (primary_conninfo) quotes it once more at the GUC level (core/guc.ts).
 */

export class ConninfoError extends Error {}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/** Reads one value starting at `at` (after `=` and spaces); returns it and where reading stopped. */
function readValue(text: string, at: number): { value: string; next: number } {
  let value = '';
  let i = at;
  if (text[i] !== "'") {
    while (i < text.length && !isSpace(text[i])) {
      if (text[i] === '\\') i++;
      if (i < text.length) value += text[i++];
    }
    return { value, next: i };
  }
  for (i++; ; i++) {
    if (i >= text.length) throw new ConninfoError('unterminated quoted string in connection info string');
    if (text[i] === '\\') {
      i++;
      if (i < text.length) value += text[i];
    } else if (text[i] === "'") return { value, next: i + 1 };
    else value += text[i];
  }
}

/** Parses a key=value connection string (later keys win, as in libpq). Throws ConninfoError as libpq would refuse. */
export function parseConninfo(text: string): Map<string, string> {
  const values = new Map<string, string>();
  let i = 0;
  for (;;) {
    while (isSpace(text[i])) i++;
    if (i >= text.length) return values;
    const start = i;
    while (i < text.length && text[i] !== '=' && !isSpace(text[i])) i++;
    const key = text.slice(start, i);
    while (isSpace(text[i])) i++;
    if (text[i] !== '=') throw new ConninfoError(`missing "=" after "${key}" in connection info string`);
    i++;
    while (isSpace(text[i])) i++;
    const { value, next } = readValue(text, i);
    values.set(key, value);
    i = next;
  }
}

/** A value as a connection string writes it: bare when it can be, else quoted with `\` before `'` and `\`. */
export function quoteConninfoValue(value: string): string {
  return /^[^\s'\\]+$/.test(value) ? value : `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

export function formatConninfo(values: Iterable<[string, string]>): string {
  return [...values].map(([key, value]) => `${key}=${quoteConninfoValue(value)}`).join(' ');
}

/** Whether libpq reads this string as a URI (postgresql:// or postgres://) rather than key=value pairs. */
export const isConnectionUri = (text: string): boolean => /^postgres(ql)?:\/\//i.test(text.trim());

/**
 * A postgresql:// URI as key=value options: host (brackets of an IPv6 address removed), port, user, password,
 * dbname (percent-decoded) and query parameters. One host only. Throws ConninfoError when it is not a URI.
 */
export function parseConnectionUri(text: string): Map<string, string> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ConninfoError('invalid URI: expected postgresql://user:password@host:port/dbname');
  }
  const values = new Map<string, string>();
  const decode = (part: string) => decodeURIComponent(part);
  if (url.hostname) values.set('host', decode(url.hostname.replace(/^\[|\]$/g, '')));
  if (url.port) values.set('port', url.port);
  if (url.username) values.set('user', decode(url.username));
  if (url.password) values.set('password', decode(url.password));
  if (url.pathname.length > 1) values.set('dbname', decode(url.pathname.slice(1)));
  for (const [key, value] of url.searchParams) values.set(key, value);
  return values;
}

/** Either form libpq accepts. */
export function parseConnectionString(text: string): Map<string, string> {
  return isConnectionUri(text) ? parseConnectionUri(text) : parseConninfo(text);
}
