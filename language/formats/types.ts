/**
 * A format is one folder under language/formats/<id>/ (parser, rules, features, codes) plus its descriptor
 * (<id>/format.ts), listed once in language/formats/registry.ts. The language service, the LSP layer, the
 * client's document selector, `pgha check`, the manifest test and the tests discover formats from the registry;
 * nothing else names a format.
 */
import type { FormatCode } from '../diagnostics';
import type { CapabilityName, Capabilities } from '../service/capabilities';
import type { ServiceContext } from '../service/context';
import type { DocumentService, FormatService } from '../service/types';

/** The `contributes.languages` entry of package.json for a language id the extension owns (checked by a test). */
export interface LanguageContribution {
  aliases: readonly string[];
  /** Globs for the editor only, besides filePatterns (`postgresql.*.conf`); `pgha check` does not search folders for them. */
  filenamePatterns?: readonly string[];
  /** ./syntaxes/<id>.language-configuration.json */
  configuration?: string;
}

export interface FormatDescriptor<Id extends string = string> {
  /** Stable id; also the prefix of every diagnostic code of the format (`<id>/…`) and the completion routing key. */
  readonly id: Id;
  /** What users call these files ("postgresql.conf", "Docker Compose file"): messages and docs. */
  readonly title: string;
  /**
   * Language id of the format's documents. With `contributes`, the extension owns it: every document of that
   * language is ours. Without, it belongs to another extension (`yaml`) and only files matching `filePatterns` are ours.
   */
  readonly languageId: string;
  /**
   * Other extensions' language ids meant for exactly this kind of file (`dockercompose`): the language service reads
   * a document of such a language as this format whatever its name, and opening one activates the extension. The
   * editor still sends only files matching filePatterns (the client's document selector).
   */
  readonly alsoLanguageIds?: readonly string[];
  /** Base-name globs (glob.ts dialect, any case): the files `pgha check` finds in folders, the client selects, the extension activates on. */
  readonly filePatterns: readonly string[];
  /** File name endings that make a file given to `pgha check` by name this format when no pattern claims it. */
  readonly extensions?: readonly string[];
  /**
   * A file given to `pgha check` by name that no pattern claims is this format when its text has this shape
   * (patroni: top-level scope + postgresql + etcd/etcd3), before the `extensions` fallback. Cheap; bounded text.
   */
  claimsText?(text: string): boolean;
  /** A path no pattern covers that is still ours (pgconf: `*.conf` under a folder named postgresql). Cheap; no I/O. */
  matchesPath?(path: string): boolean;
  /** Present when the extension contributes `languageId` (package.json `contributes.languages`). */
  readonly contributes?: LanguageContribution;
  /** More `workspaceContains:` globs that activate the extension (`**∕PG_VERSION`). */
  readonly activationGlobs?: readonly string[];
  /** Files the editor gives this language when they sit next to a marker file (`*.conf` beside PG_VERSION), unless another format claims them. */
  readonly adopts?: { readonly pattern: string; readonly nextTo: string };
  /** Every diagnostic code the format reports, each `<id>/…` (docs and tests list them; the builder types them). */
  readonly codes: readonly FormatCode<Id>[];
  /** The extras its service offers (see language/service/capabilities.ts). */
  readonly capabilities: readonly CapabilityName[];
  /** Builds the format's service, once per language service, on first use. */
  createService(context: ServiceContext): DocumentService & Partial<Capabilities>;
}

/** A descriptor whose service is checked to implement every capability it lists. */
export type CheckedFormat<Id extends string, C extends CapabilityName> = FormatDescriptor<Id> & {
  readonly capabilities: readonly C[];
  createService(context: ServiceContext): FormatService<C>;
};

/** Type-checks a descriptor (its service offers what it lists) while keeping its literal id. */
export function defineFormat<Id extends string, C extends CapabilityName = never>(descriptor: CheckedFormat<Id, C>): CheckedFormat<Id, C> {
  return descriptor;
}
