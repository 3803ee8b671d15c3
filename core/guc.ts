/**
 * Setting values as postgresql.conf and postgresql.auto.conf write them (the GUC file level): a quoted value
 * is in single quotes, a quote inside is doubled, and backslash escapes are resolved (so a backslash is
 * written `\\`) — what ALTER SYSTEM writes too. A conninfo value (primary_conninfo) is first quoted at the
 * conninfo level (core/conninfo.ts), then once more here.
 */

/** A value quoted for a configuration file: `'…'` with `''` for a quote and `\\` for a backslash. */
export function quoteGucValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** One `name = 'value'` line for postgresql.conf / postgresql.auto.conf. */
export function gucLine(name: string, value: string): string {
  return `${name} = ${quoteGucValue(value)}`;
}

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Reads the octal escape starting at body[at]: up to three digits, its value and its length. */
function octalAt(body: string, at: number): { value: number; length: number } {
  let length = 0;
  let value = 0;
  while (length < 3 && body[at + length] !== undefined && body[at + length] >= '0' && body[at + length] <= '7') {
    value = value * 8 + Number(body[at + length]);
    length++;
  }
  return { value: value & 0xff, length };
}

/** PostgreSQL's DeescapeQuotedString: strip the quotes, turn '' into ' and resolve backslash escapes. */
export function unquoteGucString(quoted: string): string {
  let out = '';
  const body = quoted.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "'" && body[i + 1] === "'") {
      out += "'";
      i++;
    } else if (c !== '\\') out += c;
    else if (++i >= body.length) break;
    else if (SIMPLE_ESCAPES[body[i]] !== undefined) out += SIMPLE_ESCAPES[body[i]];
    else if (body[i] >= '0' && body[i] <= '7') {
      const octal = octalAt(body, i);
      i += octal.length - 1;
      // A C string ends at the first NUL byte, so does the value PostgreSQL keeps.
      if (octal.value === 0) return out;
      out += String.fromCharCode(octal.value);
    } else out += body[i];
  }
  return out;
}

/** A standby name in synchronous_standby_names: double quotes, `""` for a double quote inside. */
export function quoteStandbyName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** synchronous_standby_names waiting for `count` of `names` in priority order (FIRST) or any of them (ANY). */
export function synchronousStandbyNames(names: string[], count = 1, method: 'FIRST' | 'ANY' = 'FIRST'): string {
  return `${method} ${count} (${names.map(quoteStandbyName).join(', ')})`;
}
