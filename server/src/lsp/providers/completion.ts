import type { ClientCapabilities, CompletionItem, CompletionList } from 'vscode-languageserver/node';
import { expandItemDefaults, usedItemDefaults } from '../../../../language/service/completionList';
import { documentRequest } from '../documentRequest';
import type { Provider } from '../providerContext';
import { safe } from '../safe';

/** Whether the client fills `detail` in through completionItem/resolve (VS Code does). */
function resolvesDetail(capabilities: ClientCapabilities): boolean {
  return capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties.includes('detail') ?? false;
}

/**
 * Lists whose items resolve (they share `data` through itemDefaults) lose `detail` and `documentation` for
 * clients that resolve them lazily: every format's resolve gives both back for the focused item. The lean copy
 * is made once per shared item list (the lists are cached by the language layer, one per catalog and context).
 */
export class LeanLists {
  private readonly lean = new WeakMap<CompletionItem[], CompletionItem[]>();

  of(list: CompletionList): CompletionList {
    if (list.itemDefaults?.data === undefined) return list;
    let items = this.lean.get(list.items);
    if (!items) {
      items = list.items.map(({ detail: _detail, documentation: _documentation, ...lean }) => lean);
      this.lean.set(list.items, items);
    }
    return { ...list, items };
  }
}

/**
 * The list as the client can read it: item defaults it does not support are written into the items; what it
 * resolves lazily is left out.
 */
export function forClient(list: CompletionList, capabilities: ClientCapabilities, lean?: LeanLists): CompletionList {
  const supported = capabilities.textDocument?.completion?.completionList?.itemDefaults ?? [];
  if (!usedItemDefaults(list).every((name) => supported.includes(name))) return expandItemDefaults(list);
  return lean && resolvesDetail(capabilities) ? lean.of(list) : list;
}

export const completionProvider: Provider = {
  capabilities: { completionProvider: { resolveProvider: true, triggerCharacters: ['=', ' ', "'", '-', ':', '.'] } },
  register(ctx) {
    const lean = new LeanLists();
    ctx.connection.onCompletion(documentRequest(ctx, 'completion', (doc, p) => forClient(ctx.service.getCompletions(doc, p.position), ctx.clientCapabilities(), lean)));
    // On failure the item comes back as it was.
    ctx.connection.onCompletionResolve((item, token) => safe(ctx.connection, 'completion resolve', (i: typeof item) => ctx.service.resolveCompletion(i), item)(item, token));
  },
};
