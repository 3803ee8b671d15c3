import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BoundedCache } from './boundedCache';
import type { Steps } from './steps';

/**
 * Default bounds of one format's per-document cache: open documents are few, but closed ones must not pile up.
 * What is built from a text weighs 10–25 times the text (a 5,000-line compose model is ~4 MiB): 4 MiB of text
 * weight (2 Mi characters) keeps a dozen big files, the one being edited always.
 */
export const DOCUMENT_CACHE_LIMITS = { entries: 64, weight: 4 * 1024 * 1024 };

/**
 * Parse results keyed by document URI and version, so every feature shares one parse per edit. The parse
 * receives the previous version's value of the same URI (incremental parsers re-use what did not change).
 * Bounded by count and by the bytes of text behind the entries; `delete` frees a closed document's entry.
 */
export class DocumentCache<T> {
  private readonly entries: BoundedCache<string, { version: number; text: string; value: T }>;

  constructor(
    private readonly parse: (doc: TextDocument, previous: T | undefined) => T,
    limits = DOCUMENT_CACHE_LIMITS,
  ) {
    this.entries = new BoundedCache(limits);
  }

  get(doc: TextDocument): T {
    const current = this.current(doc);
    return current ? current.value : this.store(doc, this.parse(doc, this.entries.get(doc.uri)?.value));
  }

  /**
   * The same value built by `parseSteps` one step at a time (the same function as the constructor's parse,
   * in steps): a caller that answers requests between steps. Stored only when the last step is done; a
   * request that needs the value meanwhile builds it at once through get().
   */
  *getInSteps(doc: TextDocument, parseSteps: (doc: TextDocument, previous: T | undefined) => Steps<T>): Steps<T> {
    const current = this.current(doc);
    if (current) return current.value;
    const value = yield* parseSteps(doc, this.entries.get(doc.uri)?.value);
    // A request built this version meanwhile: keep the value every feature already saw.
    return this.current(doc)?.value ?? this.store(doc, value);
  }

  /** The entry of this very version, if there is one. */
  private current(doc: TextDocument): { value: T } | undefined {
    const hit = this.entries.get(doc.uri);
    // Version alone is not enough: tests and the CLI create documents with version 0 repeatedly.
    return hit && hit.version === doc.version && hit.text.length === doc.getText().length && hit.text === doc.getText() ? hit : undefined;
  }

  private store(doc: TextDocument, value: T): T {
    const text = doc.getText();
    // UTF-16 code units × 2: the text's size in memory; what was built from it grows with it.
    this.entries.set(doc.uri, { version: doc.version, text, value }, text.length * 2);
    return value;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  get size(): number {
    return this.entries.size;
  }
}
