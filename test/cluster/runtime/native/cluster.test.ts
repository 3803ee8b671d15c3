/**
 * The example stack (primary + 2 replicas) as native processes on every major 13–18: up until both replicas
 * stream; kill the primary → promote a replica → writes succeed there and the other replica follows; rejoin the
 * dead old primary (a fresh base backup: no pg_rewind in the packages); a switchover, which re-seeds the old
 * primary the same way; add/remove a replica with synchronous replication; down leaves no process and, with
 * volumes, no data. Timings are printed, never asserted.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { MAJORS } from '../../../../core/majors';
import { loadTopology } from '../../../../cluster/runtime/topologySource';
import { createNativeRuntime } from '../../../../cluster/runtime/native/index';
import type { ClusterRuntime } from '../../../../cluster/runtime/types';
import type { ActionContext } from '../../../../cluster/failover/context';
import { promote } from '../../../../cluster/failover/promote';
import { rejoin } from '../../../../cluster/failover/rejoin';
import { switchover } from '../../../../cluster/failover/switchover';
import { addReplica, removeReplica } from '../../../../cluster/failover/replicas';
import { setReplicationMode } from '../../../../cluster/failover/settings';
import { targetsFromTopology } from '../../../../cluster/monitor/targets';
import type { Topology } from '../../../../core/model/topology';
import { requirePart } from '../../../support/parts';
import { waitFor } from '../../../support/waitFor';
import { copyExample, freePorts, nativeWhy, postmastersUnder, query, tempDir } from './nativeSupport';

function streamingFrom(port: number): Promise<string[]> {
  return query<{ application_name: string }>(port, `SELECT application_name FROM pg_stat_replication WHERE state = 'streaming' ORDER BY 1`).then((rows) => rows.map((r) => r.application_name));
}

for (const major of MAJORS) {
  describe(`native cluster on PostgreSQL ${major}`, function () {
    this.timeout(300_000);
    let dir = '';
    let runtime: ClusterRuntime;
    let topology: Topology;
    let base = 0;
    let project = '';

    before(async function () {
      requirePart(this, `native PostgreSQL ${major}`, nativeWhy(major));
      dir = tempDir(`pg${major}`);
      base = await freePorts(3);
      topology = loadTopology(copyExample(path.join(dir, 'stack'), major, base));
      project = topology.project;
      runtime = createNativeRuntime({ registryFile: path.join(dir, 'registry.json') });
    });

    after(async () => {
      if (runtime && project) await runtime.down(project, { volumes: true }).catch(() => undefined);
      if (dir) {
        assert.deepStrictEqual(postmastersUnder(dir), []);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('starts the example stack until both replicas stream', async () => {
      const started = Date.now();
      const result = await runtime.up(topology, { timeoutMs: 240_000 });
      console.log(`      PostgreSQL ${major}: up to all streaming in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      assert.deepStrictEqual(result.nodes.map((n) => [n.service, n.role, n.hostPort]), [['primary', 'primary', base], ['replica1', 'replica', base + 1], ['replica2', 'replica', base + 2]]);
      assert.deepStrictEqual(await streamingFrom(base), ['replica1', 'replica2']);
      const nodes = await runtime.list(project);
      assert.deepStrictEqual(nodes.map((n) => [n.service, n.role, n.lifecycle, n.runtime]), [['primary', 'primary', 'running', 'native'], ['replica1', 'replica', 'running', 'native'], ['replica2', 'replica', 'running', 'native']]);
      assert.strictEqual(postmastersUnder(dir).length, 3);
      const again = await runtime.up(topology, {});
      assert.strictEqual(again.created, 0);
    });

    it('survives losing the primary: promote replica1, write there, replica2 follows', async () => {
      const ctx: ActionContext = { targets: targetsFromTopology(topology).targets, control: runtime.nodeControl(project, topology), stepTimeoutMs: 60_000 };
      await query(base, 'CREATE TABLE before_failover AS SELECT 1 AS id');
      await waitFor(async () => (await query(base + 2, `SELECT 1 FROM pg_class WHERE relname = 'before_failover'`)).length === 1, 'the table on replica2');
      await ctx.control.signal('primary', 'SIGKILL');
      await ctx.control.waitStopped('primary', 10_000);
      const started = Date.now();
      const report = await promote({ ...ctx, force: true }, 'replica1'); // primary unreachable: its lag is unknown
      console.log(`      PostgreSQL ${major}: promote in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      assert.ok(report.steps.includes('replica2 streams from replica1'), report.steps.join('\n'));
      await query(base + 1, 'INSERT INTO before_failover VALUES (2)');
      await waitFor(async () => (await query<{ n: string }>(base + 2, 'SELECT count(*) AS n FROM before_failover'))[0]?.n === '2', 'the new row on replica2', 30_000);
      const nodes = await runtime.list(project);
      assert.deepStrictEqual(nodes.map((n) => [n.service, n.role, n.lifecycle]), [['primary', 'primary', 'stopped'], ['replica1', 'primary', 'running'], ['replica2', 'replica', 'running']]);
    });

    if (major === 13) {
      it('after the failover, stop + start and up again never bring the old primary back beside the new one', async () => {
        assert.strictEqual(await runtime.stop(project), 2);
        const notes: string[] = [];
        assert.strictEqual(await runtime.start(project, { onProgress: (m) => notes.push(m) }), 2);
        assert.ok(notes.some((m) => m.startsWith('not starting primary: replica1 is the primary now, and primary would be a second one (split brain).')), notes.join('\n'));
        const again = await runtime.up(topology, { onProgress: (e) => notes.push(e.message) });
        assert.deepStrictEqual(again.nodes.map((n) => [n.service, n.role]), [['primary', 'primary'], ['replica1', 'primary'], ['replica2', 'replica']]);
        await assert.rejects(runtime.nodeAction(`${project}/primary`, 'start'), /not starting primary: replica1 is the primary now/);
        assert.deepStrictEqual((await runtime.list(project)).map((n) => [n.service, n.lifecycle]), [['primary', 'stopped'], ['replica1', 'running'], ['replica2', 'running']]);
      });
    }

    it('rejoins the dead old primary as a replica of replica1 by a fresh base backup', async () => {
      const ctx: ActionContext = { targets: targetsFromTopology(topology).targets, control: runtime.nodeControl(project, topology), stepTimeoutMs: 60_000 };
      const started = Date.now();
      const report = await rejoin(ctx, 'primary');
      console.log(`      PostgreSQL ${major}: rejoin in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      assert.ok(report.steps.includes('primary: no pg_rewind in the native packages; taking a fresh base backup'), report.steps.join('\n'));
      assert.ok(report.steps.includes('primary streams from replica1'), report.steps.join('\n'));
      assert.deepStrictEqual((await query<{ n: string }>(base, 'SELECT count(*) AS n FROM before_failover'))[0].n, '2');
      assert.deepStrictEqual((await runtime.list(project)).map((n) => [n.service, n.role, n.lifecycle]), [['primary', 'replica', 'running'], ['replica1', 'primary', 'running'], ['replica2', 'replica', 'running']]);
      // up with the history's roles waits for the demoted primary to stream, not for the promoted replica.
      const notes: string[] = [];
      await runtime.up(topology, { currentRoles: { primary: 'replica', replica1: 'primary', replica2: 'replica' }, onProgress: (e) => notes.push(e.message) });
      assert.ok(notes.includes('primary: streaming from replica1'), notes.join('\n'));
      assert.ok(notes.includes('replica1: runs as a primary now (promoted by a failover), not as a replica of primary'), notes.join('\n'));
    });

    it('switches over to replica2 and re-seeds the old primary by base backup; the rejoined node follows', async () => {
      const ctx: ActionContext = { targets: targetsFromTopology(topology).targets, control: runtime.nodeControl(project, topology), stepTimeoutMs: 60_000 };
      const report = await switchover(ctx, 'replica2');
      assert.ok(report.steps.includes('replica1: no pg_rewind in the native packages; taking a fresh base backup'), report.steps.join('\n'));
      assert.ok(report.steps.includes('replica1 streams from replica2'), report.steps.join('\n'));
      assert.ok(report.steps.includes('primary streams from replica2'), report.steps.join('\n'));
      await query(base + 2, 'INSERT INTO before_failover VALUES (3)');
      await waitFor(async () => (await query<{ n: string }>(base + 1, 'SELECT count(*) AS n FROM before_failover'))[0]?.n === '3', 'the row on replica1', 30_000);
    });

    it('adds a replica by base backup into a new node, with synchronous replication, then removes it and its slot', async () => {
      const ctx: ActionContext = { targets: targetsFromTopology(topology).targets, control: runtime.nodeControl(project, topology), stepTimeoutMs: 60_000 };
      const hostPort = await freePorts(1);
      const added = await addReplica(ctx, { service: 'replica3', hostPort });
      assert.ok(added.steps.includes('replica3 streams from replica2 through slot replica3'), added.steps.join('\n'));
      const withNew: ActionContext = { ...ctx, targets: [...ctx.targets, added.target] };
      await setReplicationMode(withNew, 'sync');
      await query(base + 2, 'INSERT INTO before_failover VALUES (4)');
      await waitFor(async () => (await query<{ n: string }>(hostPort, 'SELECT count(*) AS n FROM before_failover'))[0]?.n === '4', 'the row on replica3', 30_000);
      await setReplicationMode(withNew, 'async');
      const removed = await removeReplica(withNew, 'replica3');
      assert.ok(removed.steps.includes('dropped slot replica3 on replica2'), removed.steps.join('\n'));
      assert.deepStrictEqual((await runtime.list(project)).map((n) => n.service), ['primary', 'replica1', 'replica2']);
    });

    it('down removes every process, and with volumes every data folder', async () => {
      const result = await runtime.down(project, { volumes: true });
      assert.deepStrictEqual([result.removed, result.volumesRemoved, result.kept], [3, 3, []]);
      assert.deepStrictEqual(postmastersUnder(dir), []);
      assert.strictEqual(fs.existsSync(path.join(dir, 'stack', '.pgha')), false);
      assert.deepStrictEqual(await runtime.list(project), []);
    });
  });
}
