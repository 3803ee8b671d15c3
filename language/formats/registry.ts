/**
 * Every file format pgha understands: one entry per format. The language service, the LSP server, the client's
 * document selector, `pgha check`, the manifest test and the tests discover formats from here.
 * How to add one: docs/ARCHITECTURE.md.
 */
import { baseName } from '../../core/paths';
import type { CapabilityName } from '../service/capabilities';
import { composeFormat } from './compose/format';
import { globToRegExp } from './glob';
import { initSqlFormat } from './initsql/format';
import { patroniFormat } from './patroni/format';
import { pgbouncerFormat } from './pgbouncer/format';
import { pgconfFormat } from './pgconf/format';
import { pghbaFormat } from './pghba/format';
import { pgidentFormat } from './pgident/format';
import { pgpoolFormat } from './pgpool/format';
import type { FormatDescriptor } from './types';

export const FORMATS = [pgconfFormat, composeFormat, pghbaFormat, pgidentFormat, pgpoolFormat, pgbouncerFormat, patroniFormat, initSqlFormat] as const satisfies readonly FormatDescriptor[];

export type FormatId = (typeof FORMATS)[number]['id'];

/**
 * Configuration files that sit beside ours (in a data directory, in /etc/postgresql) but have a syntax no
 * registered format reads yet: `pgha check` and the editor leave them alone instead of reading them as one of ours.
 * Adding the format that reads one: remove its name here.
 */
export const UNREAD_FILES: readonly { pattern: string; what: string }[] = [
  { pattern: 'pg_service.conf', what: 'connection service definitions' },
  { pattern: '{.pgpass,pgpass,pgpass.conf}', what: 'a password file' },
];

/** The file patterns compiled once: formatOf runs on every request of the editor. */
const CLAIMED = FORMATS.map((format) => ({ format, names: format.filePatterns.map(globToRegExp) }));
const UNREAD = UNREAD_FILES.map((file) => ({ file, name: globToRegExp(file.pattern) }));

export function formatById(id: string): FormatDescriptor | undefined {
  return FORMATS.find((format) => format.id === id);
}

/** The formats whose service offers an extra (client: which editors show the target major). */
export function formatsWith(capability: CapabilityName): FormatDescriptor[] {
  return FORMATS.filter((format) => (format.capabilities as readonly string[]).includes(capability));
}

/** Whether no registered format reads this file although it looks like one of ours (pg_hba.conf beside postgresql.conf). */
export function unreadFile(pathOrUri: string): { pattern: string; what: string } | undefined {
  const name = baseName(pathOrUri);
  return claimedByName(name) ? undefined : UNREAD.find((unread) => unread.name.test(name))?.file;
}

function claimedByName(name: string): FormatDescriptor | undefined {
  return CLAIMED.find((claimed) => claimed.names.some((pattern) => pattern.test(name)))?.format;
}

/**
 * The format a document is read as: the language id the extension owns, then the file name, then another
 * extension's language id meant for the format, then the format's own path test; undefined when none is ours.
 */
export function formatOf(input: { uri: string; languageId?: string }): FormatDescriptor | undefined {
  const { uri, languageId } = input;
  const owned = FORMATS.find((format) => format.contributes && format.languageId === languageId);
  if (owned) return owned;
  const name = baseName(uri);
  const byName = claimedByName(name);
  if (byName) return byName;
  const byLanguage = languageId ? FORMATS.find((format) => format.alsoLanguageIds?.includes(languageId)) : undefined;
  if (byLanguage) return byLanguage;
  if (UNREAD.some((unread) => unread.name.test(name))) return undefined;
  const path = uri.replace(/[?#].*$/, '');
  return FORMATS.find((format) => format.matchesPath?.(path));
}

/** The format of a file given to `pgha check` by name, with its text: formatOf, a format claiming the text's shape, then the extension. */
export function formatOfFileText(path: string, text: string): FormatDescriptor | undefined {
  if (unreadFile(path)) return undefined;
  const head = text.slice(0, 65536);
  return formatOf({ uri: path }) ?? FORMATS.find((format) => format.claimsText?.(head)) ?? formatOfFile(path);
}

/** The format of a file given to `pgha check` by name: formatOf, then the file's extension; undefined when unknown or unread. */
export function formatOfFile(path: string): FormatDescriptor | undefined {
  if (unreadFile(path)) return undefined;
  const name = baseName(path).toLowerCase();
  return formatOf({ uri: path }) ?? FORMATS.find((format) => format.extensions?.some((ending) => name.endsWith(ending)));
}
