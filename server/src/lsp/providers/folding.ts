import { documentRequest } from '../documentRequest';
import type { Provider } from '../providerContext';

export const foldingProvider: Provider = {
  capabilities: { foldingRangeProvider: true },
  register(ctx) {
    ctx.connection.onFoldingRanges(documentRequest(ctx, 'folding', (doc) => ctx.service.getFoldingRanges(doc)));
  },
};
