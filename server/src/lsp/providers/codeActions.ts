import { documentRequest } from '../documentRequest';
import type { Provider } from '../providerContext';

export const codeActionProvider: Provider = {
  capabilities: { codeActionProvider: { codeActionKinds: ['quickfix'] } },
  register(ctx) {
    ctx.connection.onCodeAction(documentRequest(ctx, 'code actions', (doc, p) => ctx.service.getCodeActions(doc, p.range, p.context)));
  },
};
