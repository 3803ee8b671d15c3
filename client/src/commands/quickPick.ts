import * as vscode from 'vscode';

/**
 * A single-choice quick pick whose `preselected` item is highlighted, so Enter takes the recommended or current
 * choice (showQuickPick always highlights the first item). Resolves undefined when dismissed.
 */
export function pickWithDefault<T extends vscode.QuickPickItem>(items: T[], options: { title: string; placeholder?: string; preselected?: T }): Promise<T | undefined> {
  const quickPick = vscode.window.createQuickPick<T>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeholder;
  quickPick.ignoreFocusOut = true;
  quickPick.items = items;
  if (options.preselected) quickPick.activeItems = [options.preselected];
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0] ?? quickPick.activeItems[0]);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
