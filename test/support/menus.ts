/**
 * The tree's context menus (package.json `view/item/context`) evaluated for an item's contextValue the way VS Code
 * does for the forms the manifest uses (`view == …`, `viewItem == …`, `viewItem =~ /…/`, joined by `&&`).
 * Shared by the unit test of the manifest and the VS Code suite that reads live tree items.
 */
export interface MenuEntry {
  command: string;
  when: string;
}

export function whenHolds(when: string, viewItem: string): boolean {
  return when.split(' && ').every((term) => {
    if (term === 'view == pgha.clusters') return true;
    const equals = /^viewItem == (\S+)$/.exec(term);
    if (equals) return equals[1] === viewItem;
    const regex = /^viewItem =~ \/(.+)\/$/.exec(term);
    if (regex) return new RegExp(regex[1]).test(viewItem);
    throw new Error(`a when clause this evaluator does not understand: ${term}`);
  });
}

/** The commands of `view/item/context` shown for an item with this contextValue, sorted. */
export function contextMenuCommands(manifest: { contributes: { menus: Record<string, MenuEntry[]> } }, viewItem: string): string[] {
  const menus = manifest.contributes.menus['view/item/context'];
  return [...new Set(menus.filter((m) => whenHolds(m.when, viewItem)).map((m) => m.command))].sort();
}
