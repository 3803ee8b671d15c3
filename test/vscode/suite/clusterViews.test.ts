/**
 * The cluster views without containers: Docker unreachable is a tree item with a Retry action (no pop-up),
 * the view's contributions are in place, and the New HA Cluster wizard writes, opens and models its files.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { TopologyRequest, type TopologyResult } from '../../../server/src/protocol';
import type { ClusterViewsApi } from '../../../client/src/views';
import { waitFor } from '../../support/waitFor';
import { activatePgha, EXTENSION_ID } from './helpers';

describe('clusters view', function () {
  this.timeout(60_000);
  let views: ClusterViewsApi;

  before(async () => {
    const api = await activatePgha();
    await waitFor(() => api.languageClient, 'a running language client', 20_000);
    views = api.clusterViews;
  });

  it('contributes the activity-bar container, the view, its welcome buttons and the commands', async () => {
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes;
    assert.strictEqual(contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === 'pgha')?.title, 'PostgreSQL HA');
    assert.deepStrictEqual(contributes.views.pgha.map((v: { id: string }) => v.id), ['pgha.clusters']);
    assert.match(contributes.viewsWelcome.find((w: { view: string }) => w.view === 'pgha.clusters').contents, /\(command:pgha\.cluster\.new\)/);
    const registered = await vscode.commands.getCommands(true);
    for (const { command, category } of contributes.commands as { command: string; category: string }[]) {
      assert.ok(registered.includes(command), `${command} is contributed but not registered`);
      assert.strictEqual(category, 'PostgreSQL HA', command);
    }
    for (const id of ['pgha.cluster.start', 'pgha.cluster.stop', 'pgha.monitor.promote', 'pgha.monitor.copyMarkdown', 'pgha.node.psql']) {
      assert.ok(registered.includes(id), `${id} is not registered`);
    }
  });

  it('shows an unreachable Docker engine as a tree item with a Retry action, and recovers', async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${path.join(os.tmpdir(), 'pgha-no-docker.sock')}`;
    try {
      await vscode.commands.executeCommand('pgha.clusters.refresh');
      const item = await waitFor(() => views.children().find((n) => n.kind === 'message' && n.id === 'docker-unreachable'), 'the Docker item', 20_000);
      const treeItem = views.treeItem(item);
      assert.strictEqual(treeItem.label, 'Docker is not reachable');
      assert.strictEqual(treeItem.command?.command, 'pgha.clusters.retryRuntime');
      assert.match(String(treeItem.tooltip), /Cannot reach the Docker engine at unix:\/\/.*pgha-no-docker\.sock.*Start Docker/);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
    await vscode.commands.executeCommand('pgha.clusters.retryRuntime');
    const dockerThere = await fs.promises.access('/var/run/docker.sock').then(() => true, () => false);
    if (dockerThere && !process.env.DOCKER_HOST) {
      await waitFor(() => !views.children().some((n) => n.kind === 'message'), 'the Docker item to go away', 20_000);
    }
  });

  it('New HA Cluster writes a compose stack, opens it, and the server models its primary and replicas', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-wizard-'));
    const target = path.join(folder, 'pg15-ha');
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('pgha.cluster.new', {
        major: 15,
        replicas: 2,
        mode: 'sync',
        pgbouncer: false,
        basePort: 25432,
        folder: target,
        noStartOffer: true,
      });
      assert.ok(uri, 'the wizard wrote nothing (see the PostgreSQL HA output)');
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, path.join(target, 'compose.yaml'));
      assert.ok(fs.existsSync(path.join(target, 'init/01-replication.sql')));
      const api = await activatePgha();
      const topology = await waitFor(
        () => api.languageClient?.sendRequest<TopologyResult>(TopologyRequest.method, { uri: uri.toString() }),
        'the compose model of the generated file',
        10_000,
      );
      assert.ok(topology);
      assert.deepStrictEqual(topology.services.filter((s) => s.role !== 'other').map((s) => [s.name, s.role, s.major]), [
        ['primary', 'primary', 15],
        ['replica1', 'replica', 15],
        ['replica2', 'replica', 15],
      ]);
      const again = await vscode.commands.executeCommand<vscode.Uri | undefined>('pgha.cluster.new', { major: 15, replicas: 1, mode: 'async', pgbouncer: false, basePort: 25432, folder: target, noStartOffer: true });
      assert.strictEqual(again, undefined, 'a second run into the same folder must not overwrite anything');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
