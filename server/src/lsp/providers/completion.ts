import { documentRequest } from '../documentRequest';
import type { Provider } from '../providerContext';
import { safe } from '../safe';

export const completionProvider: Provider = {
  capabilities: { completionProvider: { resolveProvider: true, triggerCharacters: ['=', ' ', "'", '-', ':', '.'] } },
  register(ctx) {
    ctx.connection.onCompletion(documentRequest(ctx, 'completion', (doc, p) => ctx.service.getCompletions(doc, p.position)));
    ctx.connection.onCompletionResolve((item) => safe(ctx.connection, 'completion resolve', ctx.service.resolveCompletion, item)(item));
  },
};
