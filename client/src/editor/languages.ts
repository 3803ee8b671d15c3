/**
 * What the editor decides from the format registry alone (free of the vscode API so unit tests can check it):
 * which files get one of our languages because of where they sit, and which editors show the target major.
 */
import { baseName } from '../../../core/paths';
import { matchesAny } from '../../../language/formats/glob';
import { FORMATS, formatsWith, unreadFile } from '../../../language/formats/registry';

/** Languages VS Code gives unknown config files by default; a user's own mapping to anything else wins. */
const DEFAULT_LANGUAGES: readonly string[] = ['plaintext', 'properties', 'ini'];

/**
 * The language a file should get because it sits next to a marker (`*.conf` beside PG_VERSION is a
 * postgresql.conf include), with the marker to look for; undefined when no format adopts it or another format
 * (or a file no format reads yet, like pg_hba.conf) claims the name.
 */
export function adoptionFor(fileName: string, languageId: string): { languageId: string; nextTo: string } | undefined {
  if (!DEFAULT_LANGUAGES.includes(languageId)) return undefined;
  const name = baseName(fileName);
  if (unreadFile(name)) return undefined;
  const claimed = FORMATS.find((format) => matchesAny(name, format.filePatterns));
  const format = FORMATS.find((f) => f.adopts && matchesAny(name, [f.adopts.pattern]) && (!claimed || claimed === f));
  return format?.adopts ? { languageId: format.languageId, nextTo: format.adopts.nextTo } : undefined;
}

/** Language ids whose editors show "PG <major>" in the status bar: formats that tell a target major. */
export const TARGET_MAJOR_LANGUAGES: readonly string[] = formatsWith('getTargetMajor').map((format) => format.languageId);
