/**
 * A format is one folder under language/formats/<id>/ (parser, rules, features, codes) plus this descriptor,
 * listed once in language/formats/registry.ts. The language service, the LSP layer, the client's document
 * selector, `pgha check` and the tests discover formats from the registry; nothing else names a format.
 */
import type { ServiceContext } from '../service/context';
import type { DocumentService } from '../service/types';

export interface FormatDescriptor<Id extends string = string> {
  /** Stable id; also the prefix of every diagnostic code of the format (`<id>/…`). */
  readonly id: Id;
  /** VS Code language id the manifest contributes for it (`pgconf`, `pghba`, …), or an existing one (`yaml`). */
  readonly languageId: string;
  /** Other language ids whose documents may be ours (`dockercompose` for compose). */
  readonly alsoLanguageIds?: readonly string[];
  /** Human name ("postgresql.conf", "Docker Compose"). */
  readonly title: string;
  /** File name patterns (glob, matched against the base name) the client and `pgha check` claim for it. */
  readonly filePatterns: readonly string[];
  /**
   * Whether a document is of this format. Called with the path (no scheme) and, where known, the language id and
   * the first bytes of the text; must be cheap and must never read the file system.
   */
  matches(input: { path: string; languageId?: string; head?: string }): boolean;
  /** Builds the format's service once per language service instance. */
  createService(context: ServiceContext): DocumentService;
}
