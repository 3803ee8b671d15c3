/**
 * Which `*.conf` files become `pgconf` because they sit in a data directory (next to PG_VERSION).
 * pg_hba.conf, pg_ident.conf and pg_service.conf live there too but have their own formats.
 * Free of the vscode API so unit tests can check it.
 */
const OTHER_FORMATS = /^pg_(hba|ident|service)\.conf$/i;

/** Languages VS Code gives `.conf` files by default; a user's own mapping to anything else wins. */
const DEFAULT_CONF_LANGUAGES = new Set(['plaintext', 'properties', 'ini']);

export function isPgconfCandidate(fileName: string, languageId: string): boolean {
  const base = fileName.replace(/^.*[\\/]/, '');
  return /\.conf$/i.test(base) && !OTHER_FORMATS.test(base) && DEFAULT_CONF_LANGUAGES.has(languageId);
}
