/**
 * Variable interpolation as Compose does it on every value of the file: `$$` is a literal `$`, `$VAR` and `${VAR}`
 * take the variable, `${VAR:-default}` / `${VAR-default}` fall back when the variable is unset (`:-` also when
 * empty), `${VAR:?err}` / `${VAR?err}` demand it, `${VAR:+alt}` / `${VAR+alt}` replace a set one. Defaults may
 * hold further interpolation.
 *
 * A static checker sees only the `.env` file, not the shell that will run `docker compose`: a variable `.env` does
 * not set is unknown (the shell may set it). Its default is what Compose uses when nobody sets it, so that is what
 * the rules judge; without a default the value is unknown and rules that need it stay quiet.
 */

/** Variables known from `.env` (name → value). */
export type Variables = ReadonlyMap<string, string>;

export interface Interpolated {
  /** The value Compose would use, or undefined when it depends on a variable nothing in the workspace sets. */
  value?: string;
  /** Variables the value came from a default of (unset here, so Compose used the default). */
  defaulted: string[];
  /** The text held at least one `$` reference (not counting `$$`). */
  referenced: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

interface Cursor {
  text: string;
  at: number;
}

/** Resolves `text`; malformed references are kept literally (Compose would reject the file; YAML rules say so). */
export function interpolate(text: string, vars: Variables): Interpolated {
  const result: Interpolated = { defaulted: [], referenced: false };
  if (!text.includes('$')) return { ...result, value: text };
  const value = expand({ text, at: 0 }, vars, result, undefined);
  return { ...result, value };
}

/** Expands until `stop` (a closing brace of an enclosing default) or the end. Undefined once anything is unknown. */
function expand(c: Cursor, vars: Variables, out: Interpolated, stop: string | undefined): string | undefined {
  let value: string | undefined = '';
  while (c.at < c.text.length) {
    const ch = c.text[c.at];
    if (stop && ch === stop) return value;
    if (ch !== '$') {
      if (value !== undefined) value += ch;
      c.at++;
      continue;
    }
    const next = c.text[c.at + 1];
    if (next === '$') {
      if (value !== undefined) value += '$';
      c.at += 2;
      continue;
    }
    const part = next === '{' ? braced(c, vars, out) : bare(c, vars, out);
    value = value === undefined || part === undefined ? undefined : value + part;
  }
  return value;
}

function bare(c: Cursor, vars: Variables, out: Interpolated): string | undefined {
  const name = NAME.exec(c.text.slice(c.at + 1))?.[0];
  if (!name) {
    c.at++;
    return '$';
  }
  out.referenced = true;
  c.at += 1 + name.length;
  return vars.get(name);
}

/** `${NAME}` and `${NAME<op>word}`. */
function braced(c: Cursor, vars: Variables, out: Interpolated): string | undefined {
  const start = c.at;
  const name = NAME.exec(c.text.slice(c.at + 2))?.[0];
  if (!name) {
    c.at += 2;
    return '${';
  }
  out.referenced = true;
  c.at += 2 + name.length;
  const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(c.text.slice(c.at))?.[0];
  const set = vars.get(name);
  if (!op) {
    if (c.text[c.at] !== '}') {
      c.at = start + 2;
      return '${';
    }
    c.at++;
    return set;
  }
  c.at += op.length;
  const word = expand(c, vars, out, '}');
  c.at++; // the closing brace
  const empty = set === undefined || (op.startsWith(':') && set === '');
  if (op.endsWith('-')) {
    if (set !== undefined && !empty) return set;
    // Unset here but possibly set by the shell: the default is what Compose uses when nobody sets it.
    if (set === undefined) out.defaulted.push(name);
    return word;
  }
  if (op.endsWith('+')) return empty ? (set === undefined ? undefined : '') : word;
  return set !== undefined && !empty ? set : undefined;
}

/** Compose's `.env` format: `KEY=value` lines, `export` allowed, `#` comments, single quotes literal, double quotes with escapes. */
export function parseDotEnv(text: string, outer: Variables = new Map()): Map<string, string> {
  const vars = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s?(.*)$/.exec(line);
    if (!m) continue;
    vars.set(m[1], dotEnvValue(m[2].trim(), new Map([...outer, ...vars])));
  }
  return vars;
}

function dotEnvValue(text: string, known: Variables): string {
  if (text.startsWith("'")) {
    const end = text.indexOf("'", 1);
    return end > 0 ? text.slice(1, end) : text.slice(1);
  }
  if (text.startsWith('"')) {
    let value = '';
    for (let i = 1; i < text.length && text[i] !== '"'; i++) {
      if (text[i] === '\\' && i + 1 < text.length) {
        const e = text[++i];
        value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
      } else value += text[i];
    }
    return interpolate(value, known).value ?? value;
  }
  const unquoted = text.replace(/\s+#.*$/, '');
  return interpolate(unquoted, known).value ?? unquoted;
}
