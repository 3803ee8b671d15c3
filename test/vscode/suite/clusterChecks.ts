/**
 * Checks the cluster suite makes on live tree items: the context menu each item gets by its state (the manifest's
 * when-clauses evaluated for the item's contextValue), and a psql terminal's output.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ClusterViewsApi } from '../../../client/src/views';
import type { TreeNode } from '../../../client/src/views/clusterTree';
import { contextMenuCommands } from '../../support/menus';
import { waitFor } from '../../support/waitFor';
import { EXTENSION_ID } from './helpers';

/** The context-menu commands VS Code shows for a tree item now. */
export function menuOf(views: ClusterViewsApi, node: TreeNode): string[] {
  return contextMenuCommands(vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON, String(views.treeItem(node).contextValue));
}

/**
 * Every node of the project gets only the actions its state allows: Pause Replay only on a running replica whose
 * replay runs, Resume only on a paused one, Start only on a stopped node, Stop/Kill/psql only on a running one, Promote only on
 * a running replica; the cluster item never gets node actions.
 */
export function assertMenusFitState(views: ClusterViewsApi, project: string): void {
  const cluster = views.children().find((n) => n.kind === 'cluster' && n.cluster.project === project);
  assert.ok(cluster, `no cluster ${project}`);
  const clusterMenu = menuOf(views, cluster);
  for (const command of ['pgha.monitor.pauseReplay', 'pgha.monitor.resumeReplay', 'pgha.node.stop', 'pgha.monitor.promote']) assert.ok(!clusterMenu.includes(command), `${command} on the cluster item`);
  for (const node of views.children(cluster).filter((n): n is Extract<TreeNode, { kind: 'node' }> => n.kind === 'node')) {
    const menu = menuOf(views, node);
    const text = `${String(views.treeItem(node).label)}: ${String(views.treeItem(node).description)} [${menu.join(', ')}]`;
    const description = String(views.treeItem(node).description);
    const running = node.node.instance?.lifecycle === 'running';
    const replica = description.startsWith('replica');
    const paused = /· replay paused/.test(description);
    const streaming = /^replica · streaming/.test(description);
    assert.strictEqual(menu.includes('pgha.monitor.pauseReplay'), running && streaming && !paused, text);
    assert.strictEqual(menu.includes('pgha.monitor.resumeReplay'), running && replica && paused, text);
    assert.strictEqual(menu.includes('pgha.node.start'), !running && node.node.instance !== undefined, text);
    assert.strictEqual(menu.includes('pgha.node.stop'), running, text);
    assert.strictEqual(menu.includes('pgha.node.psql'), running, text);
    assert.strictEqual(menu.includes('pgha.monitor.promote'), running && replica, text);
  }
}

/** Opens psql on `node` from the tree, waits for its prompt, runs `sql`, and returns what the terminal showed. */
export async function psqlTranscript(node: TreeNode, sql: string, expect: RegExp): Promise<string> {
  let output = '';
  const terminal = await vscode.commands.executeCommand<vscode.Terminal>('pgha.node.psql', node, { onOutput: (text: string) => (output += text) });
  assert.ok(terminal, 'psql opened no terminal');
  try {
    await waitFor(() => /\w+=[#>] ?$/m.test(output), `the psql prompt (terminal so far: ${JSON.stringify(output.slice(-300))})`, 30_000);
    terminal.sendText(sql, true);
    await waitFor(() => expect.test(output), `psql to answer ${sql} (terminal so far: ${JSON.stringify(output.slice(-300))})`, 20_000);
    return output;
  } finally {
    terminal.dispose();
  }
}
