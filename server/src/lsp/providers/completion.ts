import type { ClientCapabilities, CompletionList } from 'vscode-languageserver/node';
import { expandItemDefaults, usedItemDefaults } from '../../../../language/service/completionList';
import { documentRequest } from '../documentRequest';
import type { Provider } from '../providerContext';
import { safe } from '../safe';

/** The list as the client can read it: item defaults it does not support are written into the items. */
export function forClient(list: CompletionList, capabilities: ClientCapabilities): CompletionList {
  const supported = capabilities.textDocument?.completion?.completionList?.itemDefaults ?? [];
  return usedItemDefaults(list).every((name) => supported.includes(name)) ? list : expandItemDefaults(list);
}

export const completionProvider: Provider = {
  capabilities: { completionProvider: { resolveProvider: true, triggerCharacters: ['=', ' ', "'", '-', ':', '.'] } },
  register(ctx) {
    ctx.connection.onCompletion(documentRequest(ctx, 'completion', (doc, p) => forClient(ctx.service.getCompletions(doc, p.position), ctx.clientCapabilities())));
    // On failure the item comes back as it was.
    ctx.connection.onCompletionResolve((item, token) => safe(ctx.connection, 'completion resolve', (i: typeof item) => ctx.service.resolveCompletion(i), item)(item, token));
  },
};
