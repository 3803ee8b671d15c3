import { documentRequest } from '../documentRequest';
import type { Provider } from '../providerContext';

export const hoverProvider: Provider = {
  capabilities: { hoverProvider: true },
  register(ctx) {
    ctx.connection.onHover(documentRequest(ctx, 'hover', (doc, p) => ctx.service.getHover(doc, p.position)));
  },
};
