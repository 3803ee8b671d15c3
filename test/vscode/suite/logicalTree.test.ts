/**
 * The subscription rows of the Clusters view in a real extension host with real containers: a copy of
 * examples/logical (publisher 15, subscriber 17) started from the command palette, then disable, enable, refresh
 * and skip run from the subscription row's context menu, each checked on the subscriber itself
 * (pg_subscription.subenabled, pg_subscription_rel, the rows that arrive) and on the row's menu. Needs Docker and
 * the 15/17 test images; waits for conditions, never sleeps.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import * as vscode from 'vscode';
import { assertEngineReachable, connectEngine } from '../../../cluster/runtime/docker/engine';
import { listContainers } from '../../../cluster/runtime/docker/manage';
import { tcpPortFree } from '../../../cluster/runtime/tcpPort';
import type { ClusterViewsApi } from '../../../client/src/views';
import type { TreeNode } from '../../../client/src/views/clusterTree';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { menuOf } from './clusterChecks';
import { activatePgha, EXTENSION_ID } from './helpers';

const PROJECT = 'logical';
const IMAGES: Record<string, string> = { 'postgres:15': 'pgha-test/postgres:15', 'postgres:17': 'pgha-test/postgres:17' };

async function whyPartsMissing(): Promise<string | undefined> {
  const engine = connectEngine(process.env);
  try {
    await assertEngineReachable(engine, 3000);
  } catch (error) {
    return (error as Error).message;
  }
  for (const image of Object.values(IMAGES)) {
    if (!(await engine.docker.getImage(image).inspect().then(() => true, () => false))) return `image ${image} is missing (npm run test:images)`;
  }
  if ((await listContainers(engine, PROJECT)).length > 0) return `containers of project ${PROJECT} exist already (pgha down examples/logical/compose.yaml --volumes)`;
  return undefined;
}

/** Two consecutive free loopback ports. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 21000 + 2 * Math.floor(Math.random() * 5000);
    if ((await tcpPortFree('127.0.0.1', base)) && (await tcpPortFree('127.0.0.1', base + 1))) return base;
  }
  throw new Error('no two free ports on 127.0.0.1');
}

/** examples/logical in `dir` on ports base/base+1; the subscriber retries a failed apply worker within 0.2 s. */
function copyLogicalExample(dir: string, base: number): vscode.Uri {
  fs.cpSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'examples/logical'), dir, { recursive: true });
  const file = path.join(dir, 'compose.yaml');
  const text = fs
    .readFileSync(file, 'utf8')
    .replace('127.0.0.1:15442:5432', `127.0.0.1:${base}:5432`)
    .replace('127.0.0.1:15443:5432', `127.0.0.1:${base + 1}:5432`)
    .replace(/(image: postgres:17\n)/, '$1    command: postgres -c wal_retrieve_retry_interval=200ms\n');
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

describe('subscription actions in the clusters view with real containers (15 → 17)', function () {
  this.timeout(240_000);
  let views: ClusterViewsApi;
  let composeUri: vscode.Uri;
  let started = false;
  let copyDir = '';
  const clients: Client[] = [];
  let publisher: Client;
  let subscriber: Client;

  const subscriberNode = () => {
    const cluster = views.children().find((n) => n.kind === 'cluster' && n.cluster.project === PROJECT);
    return cluster && views.children(cluster).find((n) => n.kind === 'node' && n.node.service === 'subscriber');
  };
  const row = (): TreeNode | undefined => {
    const node = subscriberNode();
    return node && views.children(node).find((d) => d.kind === 'detail' && d.row.id === 'sub:shop_sub');
  };
  const rowText = () => {
    const found = row();
    return found ? String(views.treeItem(found).description) : '';
  };
  const waitForRow = (pattern: RegExp, what: string) => waitFor(() => pattern.test(rowText()) && row(), `${what} (row: "${rowText()}")`, 60_000);
  const enabled = async () => (await subscriber.query("SELECT subenabled FROM pg_subscription WHERE subname = 'shop_sub'")).rows[0]?.subenabled as boolean;

  before(async function () {
    requirePart(this, 'Docker with the 15 and 17 test images', await whyPartsMissing());
    const api = await activatePgha();
    await waitFor(() => api.languageClient, 'a running language client', 20_000);
    views = api.clusterViews;
    const pgha = vscode.workspace.getConfiguration('pgha');
    if (!process.env.PGHA_IMAGE_MAP) await pgha.update('imageMap', IMAGES, vscode.ConfigurationTarget.Global);
    await pgha.update('monitor.intervalMs', 500, vscode.ConfigurationTarget.Global);
    await pgha.update('backend', 'docker', vscode.ConfigurationTarget.Global);
    copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-vscode-logical-'));
    const base = await freePortPair();
    composeUri = copyLogicalExample(path.join(copyDir, PROJECT), base);
    await vscode.window.showTextDocument(composeUri);
    started = true;
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('pgha.cluster.start'), true, 'Start Cluster reported a failure (see the PostgreSQL HA output)');
    const password = fs.readFileSync(path.join(copyDir, PROJECT, 'secrets/postgres_password.txt'), 'utf8').trim();
    for (const port of [base, base + 1]) {
      const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'app' });
      await client.connect();
      clients.push(client);
    }
    [publisher, subscriber] = clients;
  });

  after(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
    if (started) await vscode.commands.executeCommand('pgha.cluster.remove', composeUri.toString(), { volumes: true, confirmed: true });
    if (views) assert.deepStrictEqual((await listContainers(connectEngine(process.env), PROJECT)).map((c) => c.name), [], 'no container of the test project is left');
    const pgha = vscode.workspace.getConfiguration('pgha');
    for (const key of ['imageMap', 'monitor.intervalMs', 'backend']) await pgha.update(key, undefined, vscode.ConfigurationTarget.Global);
    if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
  });

  it('shows the subscription row running with both tables ready, with Disable and Refresh in its menu', async () => {
    const shown = await waitForRow(/^running · 2 ready$/, 'the subscription running with both tables ready');
    const menu = menuOf(views, shown);
    assert.ok(menu.includes('pgha.subscription.disable') && menu.includes('pgha.subscription.refresh'), menu.join(', '));
    assert.ok(!menu.includes('pgha.subscription.enable') && !menu.includes('pgha.subscription.skip'), menu.join(', '));
  });

  it('disables and enables the subscription from its row: pg_subscription.subenabled follows', async () => {
    assert.ok(await vscode.commands.executeCommand('pgha.subscription.disable', row()), 'Disable reported a failure');
    assert.strictEqual(await enabled(), false);
    const disabled = await waitForRow(/^disabled · /, 'the row shown disabled');
    assert.ok(menuOf(views, disabled).includes('pgha.subscription.enable'), menuOf(views, disabled).join(', '));
    assert.ok(await vscode.commands.executeCommand('pgha.subscription.enable', disabled), 'Enable reported a failure');
    assert.strictEqual(await enabled(), true);
    await waitForRow(/^running · /, 'the row shown running again');
  });

  it('refreshes the publication from its row: a table added on the publisher is copied', async () => {
    for (const client of [publisher, subscriber]) await client.query('CREATE TABLE notes (id int PRIMARY KEY, body text)');
    await publisher.query("INSERT INTO notes VALUES (1, 'copied by the refresh'); GRANT SELECT ON notes TO replicator; ALTER PUBLICATION shop ADD TABLE notes");
    assert.ok(await vscode.commands.executeCommand('pgha.subscription.refresh', row()), 'Refresh reported a failure');
    const tables = await subscriber.query("SELECT count(*)::int AS n FROM pg_subscription_rel r JOIN pg_subscription s ON s.oid = r.srsubid WHERE s.subname = 'shop_sub'");
    assert.strictEqual(tables.rows[0].n, 3);
    await waitForRow(/^running · 3 ready$/, 'three tables ready');
    assert.strictEqual((await subscriber.query('SELECT body FROM notes WHERE id = 1')).rows[0]?.body, 'copied by the refresh');
  });

  it('skips a conflicting transaction from its row (17): the local row stays and the next one arrives', async () => {
    await subscriber.query("INSERT INTO customers (id, name) VALUES (100, 'local')");
    await publisher.query("INSERT INTO customers (id, name) OVERRIDING SYSTEM VALUE VALUES (100, 'remote')");
    await waitFor(async () => Number((await subscriber.query("SELECT count(*) FROM pg_stat_subscription_stats WHERE subname = 'shop_sub' AND apply_error_count > 0")).rows[0].count) === 1, 'the apply error counted', 60_000, 200);
    const failing = await waitForRow(/ · \d+ errors\b/, 'the row showing the apply errors');
    // The monitor's SQL sees only counts: the text comes from the subscriber's log, in the row's tooltip.
    await waitFor(() => String(views.treeItem(row()!).tooltip).includes('last error (from the log): duplicate key value violates unique constraint "customers_pkey"'), `PostgreSQL's message in the row's tooltip (${String(views.treeItem(row()!).tooltip)})`, 30_000);
    assert.ok(await vscode.commands.executeCommand('pgha.subscription.skip', failing, { confirmed: true }), 'Skip reported a failure');
    await publisher.query("INSERT INTO customers (name) VALUES ('after the skip')");
    await waitFor(async () => (await subscriber.query("SELECT 1 FROM customers WHERE name = 'after the skip'")).rowCount === 1, 'the row after the skipped one', 60_000, 200);
    assert.strictEqual((await subscriber.query('SELECT name FROM customers WHERE id = 100')).rows[0].name, 'local');
    assert.strictEqual((await subscriber.query("SELECT subskiplsn::text AS lsn FROM pg_subscription WHERE subname = 'shop_sub'")).rows[0].lsn, '0/0');
  });
});
