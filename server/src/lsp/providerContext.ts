import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../../../language/service/types';
import type { SerializedAnswers } from './transport';

export interface ProviderContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  /** Called after the client changed our settings (e.g. the target major), or when the SQL parser became ready: every check may change. */
  onSettingsChanged(listener: () => void): void;
  /** Resolves once every message received so far was dispatched: background work waits for it. */
  idle(): Promise<void>;
  /** What the client said it supports (empty before initialize). */
  clientCapabilities(): ClientCapabilities;
  /** Answers whose JSON text is kept (completion lists): the stdio writer sends that text as it is. */
  answers: SerializedAnswers;
}

/** One LSP feature: the capability it adds and the handlers it registers. */
export interface Provider {
  capabilities: Record<string, unknown>;
  register(ctx: ProviderContext): void;
}
