import { documentRequest } from '../documentRequest';
import type { Provider } from '../providerContext';

export const codeLensProvider: Provider = {
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(ctx) {
    ctx.connection.onCodeLens(documentRequest(ctx, 'code lens', (doc) => ctx.service.getCodeLenses(doc)));
  },
};
