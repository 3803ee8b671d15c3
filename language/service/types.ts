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
import type { Catalog, Major } from '../catalog/types';
import type { Topology } from '../../core/model/topology';
import type { Steps } from './steps';

export type { FileSystemHost } from '../../core/fileSystem';
import type { FileSystemHost } from '../../core/fileSystem';

export interface ServiceSettings {
  /** Major assumed when the workspace does not tell. */
  defaultMajor: Major;
}

export interface LanguageServiceOptions {
  catalog: Catalog;
  fs: FileSystemHost;
  settings?: () => ServiceSettings;
}

/** What each format (pgconf, compose) implements; every method is pure over the document. */
export interface DocumentService {
  getDiagnostics(doc: TextDocument): Diagnostic[];
  getCompletions(doc: TextDocument, position: Position): CompletionList;
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

export interface LanguageService extends DocumentService {
  forget(uri: string): void;
  getDiagnosticSteps(doc: TextDocument): Steps<Diagnostic[]>;
  getTopology(doc: TextDocument): Topology | null;
  /** The major the service assumes for this document, and why. */
  getTargetMajor(doc: TextDocument): { major: Major; source: string } | null;
}

export type DocumentKind = 'pgconf' | 'compose' | 'other';
