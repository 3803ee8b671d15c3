import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Parse results keyed by document URI and version, so every feature shares one parse per edit. */
export class DocumentCache<T> {
  private readonly entries = new Map<string, { version: number; text: string; value: T }>();

  constructor(
    private readonly parse: (doc: TextDocument) => T,
    private readonly capacity = 64,
  ) {}

  get(doc: TextDocument): T {
    const hit = this.entries.get(doc.uri);
    // Version alone is not enough: tests and the CLI create documents with version 0 repeatedly.
    if (hit && hit.version === doc.version && hit.text.length === doc.getText().length && hit.text === doc.getText()) {
      return hit.value;
    }
    const value = this.parse(doc);
    this.entries.delete(doc.uri);
    this.entries.set(doc.uri, { version: doc.version, text: doc.getText(), value });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
