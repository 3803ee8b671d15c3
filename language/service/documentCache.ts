import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BoundedCache } from './boundedCache';

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
    const hit = this.entries.get(doc.uri);
    // Version alone is not enough: tests and the CLI create documents with version 0 repeatedly.
    if (hit && hit.version === doc.version && hit.text.length === doc.getText().length && hit.text === doc.getText()) {
      return hit.value;
    }
    const text = doc.getText();
    const value = this.parse(doc, hit?.value);
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
