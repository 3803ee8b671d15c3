import type { ClientCapabilities, CompletionItem, CompletionList } from 'vscode-languageserver/node';
import { expandItemDefaults, usedItemDefaults } from '../../../../language/service/completionList';
import { documentRequest } from '../documentRequest';
import type { Provider } from '../providerContext';
import type { SerializedAnswers } from '../transport';
import { safe } from '../safe';

/** Whether the client fills `detail` in through completionItem/resolve (VS Code does). */
function resolvesDetail(capabilities: ClientCapabilities): boolean {
  return capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties.includes('detail') ?? false;
}

/**
 * Lists whose items resolve (they share `data` through itemDefaults) lose `detail` and `documentation` for
 * clients that resolve them lazily: every format's resolve gives both back for the focused item. The lean copy
 * is made once per shared item list (the lists are cached by the language layer, one per catalog and context),
 * and so is its JSON text: the stdio writer sends a repeated list (365 items, 63 KiB) without serialising it again.
 */
export class LeanLists {
  private readonly lean = new WeakMap<CompletionItem[], { items: CompletionItem[]; text: string }>();

  constructor(private readonly answers?: SerializedAnswers) {}

  of(list: CompletionList): CompletionList {
    if (list.itemDefaults?.data === undefined) return list;
    let lean = this.lean.get(list.items);
    if (!lean) {
      const items = list.items.map(({ detail: _detail, documentation: _documentation, ...item }) => item);
      lean = { items, text: JSON.stringify(items) };
      this.lean.set(list.items, lean);
    }
    const answer = { ...list, items: lean.items };
    const { items: _items, ...rest } = answer;
    return this.answers ? this.answers.remember(answer, [`${JSON.stringify(rest).slice(0, -1)},"items":`, lean.text, '}']) : answer;
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
    const lean = new LeanLists(ctx.answers);
    ctx.connection.onCompletion(documentRequest(ctx, 'completion', (doc, p) => forClient(ctx.service.getCompletions(doc, p.position), ctx.clientCapabilities(), lean)));
    // On failure the item comes back as it was.
    ctx.connection.onCompletionResolve((item, token) => safe(ctx.connection, 'completion resolve', (i: typeof item) => ctx.service.resolveCompletion(i), item)(item, token));
  },
};
