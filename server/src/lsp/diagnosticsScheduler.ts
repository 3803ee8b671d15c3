import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface DiagnosticsHost {
  /** The document as it is now (its newest version), or undefined once closed. */
  get(uri: string): TextDocument | undefined;
  /** Builds the document's parse or model (cached for the version): done before an idle moment, then compute. */
  prepare?(doc: TextDocument): void;
  compute(doc: TextDocument): Diagnostic[];
  publish(params: PublishDiagnosticsParams): void;
  /** Resolves when the connection has dispatched every message received so far. */
  idle(): Promise<void>;
  error(uri: string, error: unknown): void;
}

/**
 * Diagnostics without a fixed delay: a document is checked as soon as the connection is idle, always at its
 * newest version. A burst of edits is applied first and checked once (work for a version that is already
 * stale is never queued), documents are checked one at a time with the event loop free in between (requests
 * that arrive meanwhile are answered first), and a version older than one already published is never sent.
 */
export class DiagnosticsScheduler {
  /** URIs waiting, the next one first. */
  private pending = new Set<string>();
  private readonly published = new Map<string, number>();
  private running = false;

  constructor(private readonly host: DiagnosticsHost) {}

  /** Checks the document at its newest version; `urgent` (an edit) goes before other waiting documents. */
  schedule(uri: string, urgent = true): void {
    if (urgent) this.pending = new Set([uri, ...this.pending]);
    else this.pending.add(uri);
    void this.drain();
  }

  /** The document was closed: nothing more is checked or remembered for it. */
  forget(uri: string): void {
    this.pending.delete(uri);
    this.published.delete(uri);
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.pending.size > 0) {
        await this.host.idle();
        const uri = this.pending.values().next().value;
        if (uri === undefined) break;
        this.pending.delete(uri);
        if (await this.prepared(uri)) this.check(uri);
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * Builds the document's model, then lets requests that arrived meanwhile be answered; false when the document
   * changed (its newer version is pending) or closed in the meantime.
   */
  private async prepared(uri: string): Promise<boolean> {
    const doc = this.host.get(uri);
    if (!doc || !this.host.prepare) return !!doc;
    const version = doc.version;
    try {
      this.host.prepare(doc);
    } catch (error) {
      this.host.error(uri, error);
      return false;
    }
    await this.host.idle();
    return this.host.get(uri)?.version === version && !this.pending.has(uri);
  }

  private check(uri: string): void {
    const doc = this.host.get(uri);
    if (!doc) return;
    const last = this.published.get(uri);
    if (last !== undefined && last > doc.version) return;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = this.host.compute(doc);
    } catch (error) {
      this.host.error(uri, error);
      return;
    }
    this.published.set(uri, doc.version);
    this.host.publish({ uri, version: doc.version, diagnostics });
  }
}
