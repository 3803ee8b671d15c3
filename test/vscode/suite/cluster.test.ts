/**
 * The cluster views in a real extension host with real containers: "Start cluster" from the command palette on
 * examples/ha-stack/compose.yaml, the nodes in the tree with roles and lag, the status-bar summary, promote from
 * the tree's context menu (after killing the primary), stop, and remove with volumes. Needs Docker and the test
 * images (npm run test:images); waits for conditions, never sleeps.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { assertEngineReachable, connectEngine } from '../../../cluster/runtime/docker/engine';
import { listContainers } from '../../../cluster/runtime/docker/manage';
import { tcpPortFree } from '../../../cluster/runtime/tcpPort';
import type { ClusterViewsApi } from '../../../client/src/views';
import type { TreeNode } from '../../../client/src/views/clusterTree';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { activatePgha, EXTENSION_ID } from './helpers';

const TEST_IMAGE = 'pgha-test/postgres:17';
const PROJECT = 'ha-stack';

async function whyDockerMissing(): Promise<string | undefined> {
  const engine = connectEngine(process.env);
  try {
    await assertEngineReachable(engine, 3000);
  } catch (error) {
    return (error as Error).message;
  }
  try {
    await engine.docker.getImage(TEST_IMAGE).inspect();
  } catch {
    return `image ${TEST_IMAGE} is missing (npm run test:images)`;
  }
  if ((await listContainers(engine, PROJECT)).length > 0) return `containers of project ${PROJECT} exist already (pgha down examples/ha-stack/compose.yaml --volumes)`;
  for (const port of [15432, 15433, 15434]) if (!(await tcpPortFree('127.0.0.1', port))) return `port ${port} on 127.0.0.1 is in use`;
  return undefined;
}

function nodesOf(views: ClusterViewsApi, project: string): { cluster: TreeNode; nodes: TreeNode[] } | undefined {
  const cluster = views.children().find((n) => n.kind === 'cluster' && n.cluster.project === project);
  return cluster ? { cluster, nodes: views.children(cluster) } : undefined;
}

/** The tree as text, for failure messages. */
function dumpTree(views: ClusterViewsApi): string {
  const lines = [`runtimes: ${views.workspace.unreachableRuntimes.map((u) => `${u.label}: ${u.reason}`).join('; ') || 'reachable'}; loaded: ${views.workspace.hasLoaded}; last refresh error: ${views.workspace.lastRefreshError ?? 'none'}`];
  for (const root of views.children()) {
    lines.push(describe_(views, root));
    for (const child of root.kind === 'cluster' ? views.children(root) : []) lines.push(`  ${describe_(views, child)}`);
  }
  return lines.join('\n');
}

/** waitFor that shows the tree when it gives up. */
async function waitForTree<T>(views: ClusterViewsApi, probe: () => T | undefined | false, what: string, timeoutMs: number): Promise<T> {
  try {
    return await waitFor(probe, what, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}\ntree:\n${dumpTree(views)}`);
  }
}

function describe_(views: ClusterViewsApi, node: TreeNode): string {
  const item = views.treeItem(node);
  return `${String(item.label)}: ${String(item.description)}`;
}

/** Whether package.json puts `command` in the context menu of an item with this contextValue (menus match positively). */
function inContextMenu(command: string, contextValue: string): boolean {
  const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/item/context'] as { command: string; when: string }[];
  return menus.some((m) => {
    if (m.command !== command) return false;
    const match = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(m.when);
    return Boolean(match && new RegExp(match[1]).test(contextValue));
  });
}

describe('clusters view with real containers', function () {
  this.timeout(300_000);
  let views: ClusterViewsApi;
  let composeUri: vscode.Uri;
  let started = false;

  before(async function () {
    requirePart(this, 'Docker with the test images', await whyDockerMissing());
    const api = await activatePgha();
    await waitFor(() => api.languageClient, 'a running language client', 20_000);
    views = api.clusterViews;
    const pgha = vscode.workspace.getConfiguration('pgha');
    if (!process.env.PGHA_IMAGE_MAP) await pgha.update('imageMap', { 'postgres:17': TEST_IMAGE }, vscode.ConfigurationTarget.Global);
    await pgha.update('monitor.intervalMs', 500, vscode.ConfigurationTarget.Global);
    composeUri = vscode.Uri.file(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'examples/ha-stack/compose.yaml'));
  });

  after(async () => {
    if (!views) return;
    if (started) await vscode.commands.executeCommand('pgha.cluster.remove', composeUri.toString(), { volumes: true, confirmed: true });
    const engine = connectEngine(process.env);
    assert.deepStrictEqual((await listContainers(engine, PROJECT)).map((c) => c.name), [], 'no container of the test project is left');
    const pgha = vscode.workspace.getConfiguration('pgha');
    await pgha.update('imageMap', undefined, vscode.ConfigurationTarget.Global);
    await pgha.update('monitor.intervalMs', undefined, vscode.ConfigurationTarget.Global);
  });

  it('starts the example from the command palette and shows its nodes in the tree', async () => {
    await vscode.window.showTextDocument(composeUri);
    await vscode.commands.executeCommand('workbench.view.extension.pgha');
    started = true;
    const ok = await vscode.commands.executeCommand<boolean>('pgha.cluster.start');
    assert.strictEqual(ok, true, 'Start Cluster reported a failure (see the PostgreSQL HA output)');
    const shown = await waitForTree(views, () => {
      const found = nodesOf(views, PROJECT);
      return found && found.nodes.length === 3 && found.nodes.every((n) => views.treeItem(n).description?.toString().includes('PG 17')) && found;
    }, 'the three nodes of ha-stack in the tree', 30_000);
    assert.deepStrictEqual(shown.nodes.map((n) => views.treeItem(n).label), ['primary', 'replica1', 'replica2']);
  });

  it('shows roles and lag, and the status-bar summary', async () => {
    const lines = await waitForTree(views, () => {
      const found = nodesOf(views, PROJECT);
      const texts = found?.nodes.map((n) => describe_(views, n)) ?? [];
      return texts.length === 3 && texts[0].startsWith('primary: primary · running') && texts.slice(1).every((t) => /: replica · streaming · lag 0 B/.test(t)) && texts;
    }, 'roles and zero lag in the tree', 60_000);
    assert.match(lines[1], /^replica1: replica · streaming · lag 0 B · .* · TL 1 · :15433 · PG 17$/);
    const status = await waitFor(() => views.statusText, 'the cluster status bar item', 20_000);
    assert.match(status, /1 primary · 2 replicas · max lag 0 B$/);
    const details = await waitForTree(views, () => {
      const primary = nodesOf(views, PROJECT)?.nodes[0];
      const rows = primary ? views.children(primary).map((d) => describe_(views, d)) : [];
      return rows.includes('Slot replica1: active · reserved · holds 0 B') && rows.includes('Slot replica2: active · reserved · holds 0 B') && rows;
    }, 'both slots active in the primary’s details', 30_000);
    assert.ok(details.some((d) => /^→ \S+: streaming · async · replay 0 B/.test(d)), details.join('\n'));
  });

  it('copies the status as Markdown, opens psql and follows logs from the tree', async () => {
    const clusterNode = views.children().find((n) => n.kind === 'cluster' && n.cluster.project === PROJECT)!;
    assert.ok(inContextMenu('pgha.monitor.copyMarkdown', String(views.treeItem(clusterNode).contextValue)));
    const markdown = await vscode.commands.executeCommand<string>('pgha.monitor.copyMarkdown', clusterNode);
    assert.match(markdown, /^### Cluster ha-stack \(ha-stack\/compose\.yaml\)/);
    assert.match(markdown, /\*\*1 primary · 2 replicas · max lag 0 B\*\*/);
    assert.match(markdown, /\| replica1 \| replica \| streaming \| 1 \|/);
    const primary = nodesOf(views, PROJECT)!.nodes[0];
    assert.ok(inContextMenu('pgha.node.psql', String(views.treeItem(primary).contextValue)));
    const terminal = await vscode.commands.executeCommand<vscode.Terminal>('pgha.node.psql', primary);
    assert.strictEqual(terminal?.name, 'psql primary');
    terminal.dispose();
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('pgha.cluster.logs', primary), true);
  });

  it('pauses and resumes replay on a replica from the tree context menu', async () => {
    const replica2 = () => nodesOf(views, PROJECT)!.nodes.find((n) => views.treeItem(n).label === 'replica2')!;
    assert.ok(inContextMenu('pgha.monitor.pauseReplay', String(views.treeItem(replica2()).contextValue)));
    assert.ok(await vscode.commands.executeCommand('pgha.monitor.pauseReplay', replica2()), 'pause replay failed');
    await waitForTree(views, () => String(views.treeItem(replica2()).contextValue).endsWith('.replayPaused') && /replay paused/.test(describe_(views, replica2())), 'replica2 shown paused', 20_000);
    assert.ok(inContextMenu('pgha.monitor.resumeReplay', String(views.treeItem(replica2()).contextValue)));
    assert.ok(!inContextMenu('pgha.monitor.pauseReplay', String(views.treeItem(replica2()).contextValue)));
    assert.ok(await vscode.commands.executeCommand('pgha.monitor.resumeReplay', replica2()), 'resume replay failed');
    await waitForTree(views, () => /^replica2: replica · streaming/.test(describe_(views, replica2())), 'replica2 streaming again', 20_000);
  });

  it('promotes a replica from the tree context menu after the primary is killed', async () => {
    const [primary, replica1] = nodesOf(views, PROJECT)!.nodes;
    assert.ok(inContextMenu('pgha.node.kill', String(views.treeItem(primary).contextValue)));
    await vscode.commands.executeCommand('pgha.node.kill', primary, { confirmed: true });
    await waitForTree(views, () => {
      const now = nodesOf(views, PROJECT)?.nodes.find((n) => views.treeItem(n).label === 'primary');
      return now && /^primary: primary · (stopped|unreachable|exited)/.test(describe_(views, now));
    }, 'the killed primary shown down', 30_000);
    const candidate = nodesOf(views, PROJECT)!.nodes.find((n) => views.treeItem(n).label === 'replica1') ?? replica1;
    assert.ok(inContextMenu('pgha.monitor.promote', String(views.treeItem(candidate).contextValue)), `promote is in the menu of ${views.treeItem(candidate).contextValue}`);
    const report = await vscode.commands.executeCommand<{ steps: string[] } | undefined>('pgha.monitor.promote', candidate, { confirmed: true });
    assert.ok(report, 'promote reported a failure (see the PostgreSQL HA output)');
    await waitForTree(views, () => {
      const texts = nodesOf(views, PROJECT)?.nodes.map((n) => describe_(views, n)) ?? [];
      return texts.some((t) => /^replica1: primary · running · TL 2/.test(t)) && texts.some((t) => /^replica2: replica · streaming/.test(t));
    }, 'replica1 primary on timeline 2 and replica2 streaming again', 60_000);
    const status = await waitFor(() => views.statusText?.includes('1 primary · 1 replica · 1 down') && views.statusText, 'the status bar after failover', 20_000);
    assert.match(status, /1 primary · 1 replica · 1 down/);
  });

  it('stops the cluster and shows it stopped', async () => {
    // Exactly what clicking the compose code lens "Stop cluster" runs.
    const lenses = await waitFor(
      async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', composeUri))?.filter((l) => l.command),
      'code lenses on the compose file',
      10_000,
    );
    const stop = lenses.find((l) => l.command?.command === 'pgha.cluster.stop')?.command;
    assert.ok(stop, `no "Stop cluster" lens among ${lenses.map((l) => l.command?.title).join(', ')}`);
    const ok = await vscode.commands.executeCommand<boolean>(stop.command, ...(stop.arguments ?? []));
    assert.strictEqual(ok, true, 'Stop Cluster reported a failure (see the PostgreSQL HA output)');
    await waitForTree(views, () => {
      const cluster = views.children().find((n) => n.kind === 'cluster' && n.cluster.project === PROJECT);
      return cluster?.kind === 'cluster' && cluster.cluster.state === 'stopped';
    }, 'ha-stack shown stopped', 30_000);
  });
});
