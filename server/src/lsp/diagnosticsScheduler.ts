import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Steps } from '../../../language/service/steps';

export interface DiagnosticsHost {
  /** The document as it is now (its newest version), or undefined once closed. */
  get(uri: string): TextDocument | undefined;
  /** The document's diagnostics in steps (model, then rule families); requests are answered between steps. */
  steps(doc: TextDocument): Steps<Diagnostic[]>;
  publish(params: PublishDiagnosticsParams): void;
  /** Resolves when the connection has dispatched every message received so far. */
  idle(): Promise<void>;
  error(uri: string, error: unknown): void;
}

/**
 * Diagnostics without a fixed delay: a document is checked as soon as the connection is idle, always at its
 * newest version. A burst of edits is applied first and checked once (work for a version that is already
 * stale is never queued), requests that arrive meanwhile are answered between the steps of a check (a check
 * an edit made stale is dropped), documents are checked one at a time, and a version older than one already
 * published is never sent.
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
        await this.check(uri);
      }
    } finally {
      this.running = false;
    }
  }

  /** Runs the steps of one check; gives up when the document changes or closes (its newer version is pending). */
  private async check(uri: string): Promise<void> {
    const doc = this.host.get(uri);
    if (!doc) return;
    const version = doc.version;
    const last = this.published.get(uri);
    if (last !== undefined && last > version) return;
    try {
      const steps = this.host.steps(doc);
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) return this.publish(uri, version, step.value);
        await this.host.idle();
        if (this.host.get(uri)?.version !== version || this.pending.has(uri)) return void steps.return([]);
      }
    } catch (error) {
      this.host.error(uri, error);
    }
  }

  private publish(uri: string, version: number, diagnostics: Diagnostic[]): void {
    this.published.set(uri, version);
    this.host.publish({ uri, version, diagnostics });
  }
}
