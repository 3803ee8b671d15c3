import { documentRequest } from '../documentRequest';
import type { Provider } from '../providerContext';

export const documentLinkProvider: Provider = {
  capabilities: { documentLinkProvider: { resolveProvider: false } },
  register(ctx) {
    ctx.connection.onDocumentLinks(documentRequest(ctx, 'document links', (doc) => ctx.service.getDocumentLinks(doc)));
  },
};
