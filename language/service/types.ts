import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeActionContext,
  CodeLens,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
  Range,
} from 'vscode-languageserver-types';
import type { Topology } from '../../core/model/topology';
import type { Steps } from './steps';
import type { Catalog, Major } from '../catalog/types';
import type { FormatDescriptor } from '../formats/types';
import type { CapabilityName, Capabilities, TargetMajor } from './capabilities';

export type { FileSystemHost } from '../../core/fileSystem';
import type { FileSystemHost } from '../../core/fileSystem';
import type { SqlParserHost } from '../sql/parser';

export interface ServiceSettings {
  /** Major assumed when the workspace does not tell. */
  defaultMajor: Major;
  /** Hovers and syntax errors in SQL files (`pgha.initSql.enabled`; on unless set to false). */
  initSql?: boolean;
}

export interface LanguageServiceOptions {
  catalog: Catalog;
  fs: FileSystemHost;
  /** PostgreSQL's SQL parser for init scripts, loaded on first need; its owner re-checks documents once it is ready. */
  sql?: SqlParserHost;
  settings?: () => ServiceSettings;
}

/** What every format implements (emptyService is the do-nothing base); every method is pure over the document. */
export interface DocumentService {
  getDiagnostics(doc: TextDocument): Diagnostic[];
  getCompletions(doc: TextDocument, position: Position): CompletionList;
  /** Items (or their list's itemDefaults) carry `data.format`, the format id: the language service routes resolve by it. */
  resolveCompletion(item: CompletionItem): CompletionItem;
  getHover(doc: TextDocument, position: Position): Hover | null;
  getCodeActions(doc: TextDocument, range: Range, context: CodeActionContext): CodeAction[];
  getDocumentSymbols(doc: TextDocument): DocumentSymbol[];
  getFoldingRanges(doc: TextDocument): FoldingRange[];
  getDocumentLinks(doc: TextDocument): DocumentLink[];
  getCodeLenses(doc: TextDocument): CodeLens[];
  /** Frees what the service keeps for a document (its parses, models, caches): called when it is closed. */
  forget?(uri: string): void;
  /**
   * getDiagnostics in steps (build the parse or model, then each family of rules), so a caller checking in the
   * background can answer waiting requests in between. The document must not change while the steps run.
   */
  getDiagnosticSteps?(doc: TextDocument): Steps<Diagnostic[]>;
}

/** A format's service: the common features plus the extras (capabilities) its descriptor lists. */
export type FormatService<C extends CapabilityName = never> = DocumentService & Pick<Capabilities, C>;

/** Every feature of every registered format; documents are routed to their format through the registry. */
export interface LanguageService extends DocumentService {
  forget(uri: string): void;
  getDiagnosticSteps(doc: TextDocument): Steps<Diagnostic[]>;
  /** The registered format a document is read as, or undefined when it is none of ours. */
  formatOf(doc: Pick<TextDocument, 'uri' | 'languageId'>): FormatDescriptor | undefined;
  /** One format's service, for callers that already know the format (pgha check, pgha/topology). */
  forFormat(id: string): (DocumentService & Partial<Capabilities>) | undefined;
  /** An extra of the document's format, bound to it; undefined when the format does not offer it. */
  capability<K extends CapabilityName>(doc: TextDocument, name: K): Capabilities[K] | undefined;
  /** Shorthands for capability(doc, …)?.(doc) ?? null. */
  getTopology(doc: TextDocument): Topology | null;
  getTargetMajor(doc: TextDocument): TargetMajor | null;
}
