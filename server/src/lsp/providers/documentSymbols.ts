import { documentRequest } from '../documentRequest';
import type { Provider } from '../providerContext';

export const documentSymbolProvider: Provider = {
  capabilities: { documentSymbolProvider: true },
  register(ctx) {
    ctx.connection.onDocumentSymbol(documentRequest(ctx, 'document symbols', (doc) => ctx.service.getDocumentSymbols(doc)));
  },
};
