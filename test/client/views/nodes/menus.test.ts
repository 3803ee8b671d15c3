/**
 * The tree's context menus (package.json `view/item/context`) against the runtime-neutral contextValues
 * `pgha.node.<role>.<lifecycle>[.replayPaused]`: each `when` clause is evaluated here the way VS Code does for
 * `view == … && viewItem =~ /…/` (the only forms the menus use; VS Code has no `not =~`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contextMenuCommands, type MenuEntry } from '../../../support/menus';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'));
const menus = manifest.contributes.menus['view/item/context'] as MenuEntry[];
const commandsFor = (viewItem: string): string[] => contextMenuCommands(manifest, viewItem);

describe('tree context menus', () => {
  it('uses only when-clause forms VS Code supports', () => {
    for (const entry of menus) assert.doesNotMatch(entry.when, /\bnot\s*=~|!=~/, entry.command);
  });

  it('offers failover on a running replica, and pause or resume replay by its state', () => {
    assert.deepEqual(commandsFor('pgha.node.replica.running.streaming'), [
      'pgha.cluster.logs',
      'pgha.monitor.pauseReplay',
      'pgha.monitor.promote',
      'pgha.monitor.removeReplica',
      'pgha.monitor.switchover',
      'pgha.node.kill',
      'pgha.node.psql',
      'pgha.node.restart',
      'pgha.node.stop',
    ]);
    // A replica that answers but does not stream has nothing to pause.
    assert.ok(!commandsFor('pgha.node.replica.running').includes('pgha.monitor.pauseReplay'));
    const paused = commandsFor('pgha.node.replica.running.replayPaused');
    assert.ok(paused.includes('pgha.monitor.resumeReplay') && !paused.includes('pgha.monitor.pauseReplay'), paused.join(', '));
  });

  it('offers start on stopped and dead nodes, stop and kill on running and starting ones, nothing on missing ones', () => {
    assert.deepEqual(commandsFor('pgha.node.primary.stopped'), ['pgha.cluster.logs', 'pgha.monitor.rejoin', 'pgha.node.start']);
    assert.deepEqual(commandsFor('pgha.node.other.dead'), ['pgha.cluster.logs', 'pgha.node.start']);
    assert.deepEqual(commandsFor('pgha.node.primary.starting'), ['pgha.cluster.logs', 'pgha.node.kill', 'pgha.node.restart', 'pgha.node.stop']);
    assert.deepEqual(commandsFor('pgha.node.primary.missing'), []);
    assert.deepEqual(commandsFor('pgha.node.replica.attached'), []);
  });

  it('offers Rejoin as Replica on primaries (a fenced old primary, one side of a split brain), never on replicas', () => {
    for (const item of ['pgha.node.primary.running', 'pgha.node.primary.stopped', 'pgha.node.primary.dead']) assert.ok(commandsFor(item).includes('pgha.monitor.rejoin'), item);
    for (const item of ['pgha.node.replica.running', 'pgha.node.replica.stopped', 'pgha.node.primary.missing']) assert.ok(!commandsFor(item).includes('pgha.monitor.rejoin'), item);
  });

  it('offers Retry on an unreachable runtime', () => {
    assert.deepEqual(commandsFor('pgha.runtimeUnreachable'), ['pgha.clusters.retryRuntime']);
  });
});
