import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ProviderContext } from './providerContext';
import { safe } from './safe';

/** A request handler over one open document: unknown documents answer null, errors become responses. */
export function documentRequest<P extends { textDocument: { uri: string } }, R>(
  { connection, documents }: ProviderContext,
  feature: string,
  handler: (doc: TextDocument, params: P) => R,
) {
  return safe(
    connection,
    feature,
    (params: P): R | null => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? handler(doc, params) : null;
    },
    null,
  );
}
