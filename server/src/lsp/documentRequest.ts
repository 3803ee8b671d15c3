import type { CancellationToken } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ProviderContext } from './providerContext';
import { safe } from './safe';

/**
 * A request handler over one open document: unknown documents answer null, errors become responses, and a
 * cancelled request answers RequestCancelled (the token is checked before and after the work).
 */
export function documentRequest<P extends { textDocument: { uri: string } }, R>(
  { connection, documents }: ProviderContext,
  feature: string,
  handler: (doc: TextDocument, params: P, token: CancellationToken) => R,
) {
  return safe(
    connection,
    feature,
    (params: P, token): R | null => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? handler(doc, params, token) : null;
    },
    null,
  );
}
