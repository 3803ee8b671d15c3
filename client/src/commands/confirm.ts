/**
 * Confirmations for actions that change a running cluster (switchover, promote, stop/kill/start node, remove,
 * rejoin): a modal that says what will happen, with the safe choice first (the default button) — never the action.
 * The `pgha.confirmations` setting turns them off for rehearsal-heavy users.
 */
import * as vscode from 'vscode';

export const CANCEL = 'Cancel';

export function confirmationsOn(): boolean {
  return vscode.workspace.getConfiguration('pgha').get<boolean>('confirmations', true) !== false;
}

/**
 * Asks before `action`; resolves to the chosen action title, or undefined when cancelled. With confirmations off
 * (or `confirmed: true`), resolves to the first action without asking. `confirmed: false` is a caller's answer
 * of Cancel given ahead (scripts, tests): nothing is asked and nothing happens.
 */
export async function confirmAction(message: string, detail: string, actions: string[], confirmed?: boolean): Promise<string | undefined> {
  if (confirmed === false) return undefined;
  if (confirmed || !confirmationsOn()) return actions[0];
  const cancel: vscode.MessageItem = { title: CANCEL, isCloseAffordance: true };
  const pick = await vscode.window.showWarningMessage(message, { modal: true, detail }, cancel, ...actions.map((title) => ({ title })));
  return pick && pick !== cancel ? pick.title : undefined;
}
