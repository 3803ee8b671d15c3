/**
 * The cluster views in a real extension host with real containers: "Start cluster" from the command palette on
 * a copy of examples/ha-stack/compose.yaml in a temp folder (a failover writes history beside the file: never into
 * the checkout), the nodes in the tree with roles and lag, the status-bar summary, promote from
 * the tree's context menu (after killing the primary), stop, and remove with volumes. Needs Docker and the test
 * images (npm run test:images); waits for conditions, never sleeps.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { assertEngineReachable, connectEngine } from '../../../cluster/runtime/docker/engine';
import { listContainers } from '../../../cluster/runtime/docker/manage';
import { tcpPortFree } from '../../../cluster/runtime/tcpPort';
import type { ClusterViewsApi } from '../../../client/src/views';
import type { TreeNode } from '../../../client/src/views/clusterTree';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { assertMenusFitState, menuOf, psqlTranscript } from './clusterChecks';
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

/** Whether the item's context menu (the manifest's when-clauses for its contextValue) has `command`. */
const inContextMenu = (views: ClusterViewsApi, command: string, node: TreeNode): boolean => menuOf(views, node).includes(command);

describe('clusters view with real containers', function () {
  this.timeout(300_000);
  let views: ClusterViewsApi;
  let composeUri: vscode.Uri;
  let started = false;
  let copyDir = '';

  before(async function () {
    requirePart(this, 'Docker with the test images', await whyDockerMissing());
    const api = await activatePgha();
    await waitFor(() => api.languageClient, 'a running language client', 20_000);
    views = api.clusterViews;
    const pgha = vscode.workspace.getConfiguration('pgha');
    if (!process.env.PGHA_IMAGE_MAP) await pgha.update('imageMap', { 'postgres:17': TEST_IMAGE }, vscode.ConfigurationTarget.Global);
    await pgha.update('monitor.intervalMs', 500, vscode.ConfigurationTarget.Global);
    copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-vscode-'));
    fs.cpSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'examples/ha-stack'), path.join(copyDir, PROJECT), { recursive: true });
    composeUri = vscode.Uri.file(path.join(copyDir, PROJECT, 'compose.yaml'));
  });

  after(async () => {
    if (!views) return;
    if (started) await vscode.commands.executeCommand('pgha.cluster.remove', composeUri.toString(), { volumes: true, confirmed: true });
    const engine = connectEngine(process.env);
    assert.deepStrictEqual((await listContainers(engine, PROJECT)).map((c) => c.name), [], 'no container of the test project is left');
    const pgha = vscode.workspace.getConfiguration('pgha');
    await pgha.update('imageMap', undefined, vscode.ConfigurationTarget.Global);
    await pgha.update('monitor.intervalMs', undefined, vscode.ConfigurationTarget.Global);
    if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
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

  it('code lenses on the compose file follow the live state: Stop only, each service with its lag and its actions', async () => {
    await vscode.window.showTextDocument(composeUri);
    const titles = await waitFor(async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', composeUri)) ?? [];
      const shown = lenses.map((l) => l.command?.title ?? '');
      return shown.some((t) => /^replica · streaming · lag 0 B · /.test(t)) && shown;
    }, 'live code lenses on the compose file', 20_000);
    assert.ok(titles.includes('■ Stop cluster'), titles.join(' | '));
    assert.ok(!titles.some((t) => t.startsWith('▶ Start cluster')), `a running cluster offers Start: ${titles.join(' | ')}`);
    assert.ok(titles.some((t) => /^\$\(database\) ha-stack: running · 1 primary · 2 replicas · max lag 0 B$/.test(t)), titles.join(' | '));
    assert.ok(titles.includes('primary · running') && titles.includes('⇧ Promote') && titles.includes('psql'), titles.join(' | '));
  });

  it('context menus fit each node\'s state, and a confirmation answered Cancel changes nothing', async () => {
    assertMenusFitState(views, PROJECT);
    const replica1 = () => nodesOf(views, PROJECT)!.nodes.find((n) => views.treeItem(n).label === 'replica1')!;
    const before = nodesOf(views, PROJECT)!.nodes.map((n) => [n.kind === 'node' ? n.node.instance?.lifecycle : '', views.treeItem(n).contextValue]);
    assert.strictEqual(await vscode.commands.executeCommand('pgha.node.stop', replica1(), { confirmed: false }), false);
    assert.strictEqual(await vscode.commands.executeCommand('pgha.monitor.promote', replica1(), { confirmed: false }), undefined);
    assert.strictEqual(await vscode.commands.executeCommand('pgha.cluster.remove', composeUri.toString(), { confirmed: false }), false);
    await vscode.commands.executeCommand('pgha.clusters.refresh');
    await views.workspace.ensureLoaded();
    assert.deepStrictEqual(nodesOf(views, PROJECT)!.nodes.map((n) => [n.kind === 'node' ? n.node.instance?.lifecycle : '', views.treeItem(n).contextValue]), before);
    assert.match(views.statusText ?? '', /1 primary · 2 replicas/);
    // pgha.confirmations off: the action runs without a modal (one would block this call until the timeout).
    const pgha = vscode.workspace.getConfiguration('pgha');
    await pgha.update('confirmations', false, vscode.ConfigurationTarget.Global);
    try {
      assert.strictEqual(await vscode.commands.executeCommand('pgha.node.restart', replica1()), true);
    } finally {
      await pgha.update('confirmations', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForTree(views, () => /^replica1: replica · streaming/.test(describe_(views, replica1())), 'replica1 streaming again after its restart', 60_000);
  });

  it('copies the status as Markdown, opens psql and follows logs from the tree', async () => {
    const clusterNode = views.children().find((n) => n.kind === 'cluster' && n.cluster.project === PROJECT)!;
    assert.ok(inContextMenu(views, 'pgha.monitor.copyMarkdown', clusterNode));
    const markdown = await vscode.commands.executeCommand<string>('pgha.monitor.copyMarkdown', clusterNode);
    assert.match(markdown, /^### Cluster ha-stack \(ha-stack\/compose\.yaml\)/);
    assert.match(markdown, /\*\*1 primary · 2 replicas · max lag 0 B\*\*/);
    assert.match(markdown, /\| replica1 \| replica \| streaming \| 1 \|/);
    const primary = nodesOf(views, PROJECT)!.nodes[0];
    assert.ok(inContextMenu(views, 'pgha.node.psql', primary));
    const terminal = await vscode.commands.executeCommand<vscode.Terminal>('pgha.node.psql', primary);
    assert.strictEqual(terminal?.name, 'psql primary');
    terminal.dispose();
    // On a replica psql logs in as the superuser (not the replication user), shows its prompt and answers.
    const replica1 = nodesOf(views, PROJECT)!.nodes.find((n) => views.treeItem(n).label === 'replica1')!;
    assert.ok(inContextMenu(views, 'pgha.node.psql', replica1));
    await psqlTranscript(replica1, 'SELECT pg_is_in_recovery();', /-+\r?\n t\r?\n\(1 row\)/);
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('pgha.cluster.logs', primary), true);
  });

  it('pauses and resumes replay on a replica from the tree context menu', async () => {
    const replica2 = () => nodesOf(views, PROJECT)!.nodes.find((n) => views.treeItem(n).label === 'replica2')!;
    assert.ok(inContextMenu(views, 'pgha.monitor.pauseReplay', replica2()));
    assert.ok(await vscode.commands.executeCommand('pgha.monitor.pauseReplay', replica2()), 'pause replay failed');
    await waitForTree(views, () => String(views.treeItem(replica2()).contextValue).endsWith('.replayPaused') && /replay paused/.test(describe_(views, replica2())), 'replica2 shown paused', 20_000);
    assert.ok(inContextMenu(views, 'pgha.monitor.resumeReplay', replica2()));
    assertMenusFitState(views, PROJECT);
    assert.ok(!inContextMenu(views, 'pgha.monitor.pauseReplay', replica2()));
    assert.ok(await vscode.commands.executeCommand('pgha.monitor.resumeReplay', replica2()), 'resume replay failed');
    await waitForTree(views, () => /^replica2: replica · streaming/.test(describe_(views, replica2())), 'replica2 streaming again', 20_000);
  });

  it('promotes a replica from the tree context menu after the primary is killed', async () => {
    const [primary, replica1] = nodesOf(views, PROJECT)!.nodes;
    assert.ok(inContextMenu(views, 'pgha.node.kill', primary));
    await vscode.commands.executeCommand('pgha.node.kill', primary, { confirmed: true });
    await waitForTree(views, () => {
      const now = nodesOf(views, PROJECT)?.nodes.find((n) => views.treeItem(n).label === 'primary');
      return now && /^primary: primary · (stopped|unreachable|exited)/.test(describe_(views, now));
    }, 'the killed primary shown down', 30_000);
    const candidate = nodesOf(views, PROJECT)!.nodes.find((n) => views.treeItem(n).label === 'replica1') ?? replica1;
    assert.ok(inContextMenu(views, 'pgha.monitor.promote', candidate), `promote is in the menu of ${views.treeItem(candidate).contextValue}`);
    // The primary is gone, so replica1's lag is unknown: promote would ask "Proceed Anyway"; the test accepts ahead.
    const report = await vscode.commands.executeCommand<{ steps: string[] } | undefined>('pgha.monitor.promote', candidate, { confirmed: true, force: true });
    assert.ok(report, 'promote reported a failure (see the PostgreSQL HA output)');
    await waitForTree(views, () => {
      const texts = nodesOf(views, PROJECT)?.nodes.map((n) => describe_(views, n)) ?? [];
      return texts.some((t) => /^replica1: primary · running · TL 2/.test(t)) && texts.some((t) => /^replica2: replica · streaming/.test(t));
    }, 'replica1 primary on timeline 2 and replica2 streaming again', 60_000);
    const status = await waitFor(() => views.statusText?.includes('1 primary · 1 replica · 1 down') && views.statusText, 'the status bar after failover', 20_000);
    assert.match(status, /1 primary · 1 replica · 1 down/);
  });

  it('a primary started behind pgha\'s back is a split brain (tree row, status bar), and Rejoin from the row repairs it', async () => {
    const old = nodesOf(views, PROJECT)!.nodes.find((n) => views.treeItem(n).label === 'primary')!;
    assert.ok(old.kind === 'node' && old.node.instance, 'the old primary has no container');
    assertMenusFitState(views, PROJECT);
    await connectEngine(process.env).docker.getContainer(old.node.instance.id).start();
    const row = await waitForTree(views, () => {
      const cluster = views.children().find((n) => n.kind === 'cluster' && n.cluster.project === PROJECT);
      return cluster && views.children(cluster).find((n) => n.kind === 'message' && n.contextValue === 'pgha.splitBrain');
    }, 'the split-brain row', 60_000);
    const item = views.treeItem(row);
    assert.strictEqual(item.label, 'Split brain');
    assert.match(String(item.description), /primary and replica1 accept writes|replica1 and primary accept writes/);
    assert.strictEqual(item.command?.command, 'pgha.monitor.rejoin');
    const status = await waitFor(() => views.statusText?.includes('split brain') && views.statusText, 'the status bar saying split brain', 20_000);
    assert.match(status, /^\$\(error\) ha-stack: split brain$/);
    const report = await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []), { confirmed: true });
    assert.ok(report, 'Rejoin as Replica reported a failure (see the PostgreSQL HA output)');
    await waitForTree(views, () => {
      const texts = nodesOf(views, PROJECT)?.nodes.map((n) => describe_(views, n)) ?? [];
      return texts.some((t) => /^primary: replica · streaming/.test(t)) && texts.some((t) => /^replica1: primary · running/.test(t)) && !nodesOf(views, PROJECT)!.nodes.some((n) => n.kind === 'message');
    }, 'one primary again: the old primary streaming from replica1', 120_000);
    await waitFor(() => /1 primary · 2 replicas/.test(views.statusText ?? ''), 'the status bar with one primary', 20_000);
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
