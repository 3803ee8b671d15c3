/**
 * The small glob dialect of format descriptors' file patterns (matched against a base name, any case):
 * `*` any run of characters, `?` one character, `{a,b}` alternatives. The same strings go into the client's
 * document selector (`**∕<pattern>`) and the manifest's activation events, so there is one spelling per fact.
 */

const SPECIAL = /[.+^$()|[\]\\]/g;

/** A case-insensitive RegExp for one base-name pattern. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  let depth = 0;
  for (const char of pattern) {
    if (char === '*') source += '[^/\\\\]*';
    else if (char === '?') source += '[^/\\\\]';
    else if (char === '{') {
      source += '(?:';
      depth++;
    } else if (char === '}' && depth > 0) {
      source += ')';
      depth--;
    } else if (char === ',' && depth > 0) source += '|';
    else source += char.replace(SPECIAL, '\\$&');
  }
  if (depth !== 0) throw new Error(`unbalanced braces in file pattern ${pattern}`);
  return new RegExp(`^${source}$`, 'i');
}

/** Whether a base name matches any of the patterns. */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => globToRegExp(pattern).test(name));
}

/** One file name a pattern matches (first alternative, `*` and `?` dropped): `{compose,docker-compose}*.{yml,yaml}` → `compose.yml`. */
export function exampleName(pattern: string): string {
  return pattern.replace(/\{([^,}]*)[^}]*\}/g, '$1').replace(/[*?]/g, '');
}
