/** The subscription actions of the Clusters tree: command table, manifest, and which row state offers which action. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { subscriptionRow } from '../../client/src/views/details/detailRows';
import type { NodeView } from '../../cluster/monitor/types';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const ACTIONS = ['enable', 'disable', 'refresh', 'skip'];

type Sub = NodeView['subscriptions'][number];
const sub = (enabled: boolean, pid: number | null): Sub => ({ name: 'shop_sub', enabled, pid, tables: { ready: 2 } }) as unknown as Sub;

/** The actions the tree's context menu shows on a row with this contextValue. */
function offered(contextValue: string): string[] {
  const items = manifest.contributes.menus['view/item/context'] as { command: string; when: string }[];
  return items
    .filter((i) => i.command.startsWith('pgha.subscription.'))
    .filter((i) => new RegExp(/viewItem =~ \/(.*)\/$/.exec(i.when)![1]).test(contextValue) && i.when.startsWith('view == pgha.clusters'))
    .map((i) => i.command.slice('pgha.subscription.'.length));
}

describe('subscription actions in the Clusters tree', () => {
  it('registers one command per action, each contributed with a title and hidden from the palette', () => {
    const source = fs.readFileSync(path.join(root, 'client/src/commands/monitor/subscription.ts'), 'utf8');
    const registered = [...source.matchAll(/'pgha\.subscription\.(\w+)': subscriptionCommand\('(\w+)'\)/g)].map((m) => [m[1], m[2]]);
    assert.deepStrictEqual(registered, ACTIONS.map((a) => [a, a]));
    for (const action of ACTIONS) {
      const command = manifest.contributes.commands.find((c: { command: string }) => c.command === `pgha.subscription.${action}`);
      assert.ok(command?.title, action);
      assert.ok(manifest.contributes.menus.commandPalette.some((c: { command: string; when: string }) => c.command === command.command && c.when === 'false'), action);
    }
    assert.match(fs.readFileSync(path.join(root, 'client/src/commands/monitor/index.ts'), 'utf8'), /\.\.\.SUBSCRIPTION_COMMANDS/);
  });

  it('offers by state: running → disable/refresh; disabled → enable/refresh/skip; failing → disable/refresh/skip', () => {
    const running = subscriptionRow(sub(true, 42));
    const disabled = subscriptionRow(sub(false, null));
    const failing = subscriptionRow(sub(true, null));
    assert.deepStrictEqual([running.contextValue, disabled.contextValue, failing.contextValue], ['pgha.subscription.running', 'pgha.subscription.disabled', 'pgha.subscription.failing']);
    assert.deepStrictEqual(offered(running.contextValue!), ['disable', 'refresh']);
    assert.deepStrictEqual(offered(disabled.contextValue!), ['enable', 'refresh', 'skip']);
    assert.deepStrictEqual(offered(failing.contextValue!), ['disable', 'refresh', 'skip']);
    assert.deepStrictEqual(offered('pgha.detail'), []);
  });
});
