/**
 * PgBouncer's auth_file (userlist.txt) read as the program reads it: `"user" "password"` per line (a quote inside
 * doubled), `;` comment lines, anything after the password ignored. The program stops at the first broken line
 * and logs "broken auth file"; the users before it still work, the ones after it do not.
 */

export interface AuthFileProblem {
  /** 0-based line. */
  line: number;
  message: string;
}

const MAX_USERNAME = 128;

/** Where a quoted field ends: the next `"` that is not doubled (`""`), or -1. */
function closingQuote(text: string, from: number): number {
  let p = from;
  for (;;) {
    p = text.indexOf('"', p);
    if (p < 0) return -1;
    if (text[p + 1] !== '"') return p;
    p += 2;
  }
}

/** The first line PgBouncer refuses, or undefined when it reads the whole file. */
export function checkAuthFile(text: string): AuthFileProblem | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\s+/, '');
    if (!line || line.startsWith(';')) continue;
    const broken = { line: i, message: 'broken auth file' };
    if (!line.startsWith('"')) return broken;
    const userEnd = closingQuote(line, 1);
    if (userEnd < 0) return broken;
    if (userEnd - 1 >= MAX_USERNAME) return { line: i, message: 'username too long in auth file' };
    const passwordStart = line.indexOf('"', userEnd + 1);
    if (passwordStart < 0 || closingQuote(line, passwordStart + 1) < 0) return broken;
  }
  return undefined;
}

/** The users PgBouncer takes from an auth_file and their passwords, up to the first line it refuses (as it reads it). */
export function authFileUsers(text: string): Map<string, string> {
  const users = new Map<string, string>();
  const stop = checkAuthFile(text)?.line ?? Infinity;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/^\s+/, '');
    if (i >= stop || !line.startsWith('"')) return;
    const userEnd = closingQuote(line, 1);
    const passwordStart = line.indexOf('"', userEnd + 1);
    const passwordEnd = closingQuote(line, passwordStart + 1);
    const unquote = (s: string) => s.replace(/""/g, '"');
    if (!users.has(unquote(line.slice(1, userEnd)))) users.set(unquote(line.slice(1, userEnd)), unquote(line.slice(passwordStart + 1, passwordEnd)));
  });
  return users;
}
