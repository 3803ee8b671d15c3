/**
 * Cluster history against the data it describes, on real native servers: a switchover stamps the history with each
 * node's system identifier (the one PostgreSQL reports); a restart on the same data keeps the roles; once the data
 * is removed behind pgha's back (a runtime down --volumes that left the history) the next `pgha up` retires the
 * history and starts from the compose roles instead of waiting for "primary" to stream from an empty replica1.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ActionCancelledError, type ActionContext } from '../../../cluster/failover/context';
import { addReplica, removeReplica } from '../../../cluster/failover/replicas';
import { FileHistoryStore } from '../../../cluster/history/store';
import { loadClusterFile } from '../../../cli/clusterFile';
import { createNativeRuntime } from '../../../cluster/runtime/native/index';
import { capture, pgha as run } from '../../support/cli';
import { requirePart } from '../../support/parts';
import { copyExample, freePorts, nativeWhy, postmastersUnder, query, tempDir } from '../../cluster/runtime/native/nativeSupport';

describe('native example stack: the cluster history follows its data; pgha sync', function () {
  this.timeout(400_000);
  let dir = '';
  let file = '';
  let base = 0;
  let env: NodeJS.ProcessEnv = {};
  const pgha = (...args: string[]) => run(args, env, dir);
  const inRecovery = async (port: number) => (await query<{ r: boolean }>(port, 'SELECT pg_is_in_recovery() AS r'))[0].r;

  before(async function () {
    requirePart(this, 'native PostgreSQL 17', nativeWhy(17));
    dir = tempDir('history');
    base = await freePorts(3);
    file = copyExample(path.join(dir, 'stack'), 17, base);
    env = { ...process.env, PGHA_NATIVE_REGISTRY: path.join(dir, 'registry.json') };
    const up = await pgha('up', file, '--backend', 'native', '--wait');
    assert.equal(up.code, 0, up.out + up.err);
  });

  after(async () => {
    if (!dir) return;
    await createNativeRuntime({ registryFile: env.PGHA_NATIVE_REGISTRY }).down('stack', { volumes: true, composeFile: file }).catch(() => undefined);
    assert.deepEqual(postmastersUnder(dir), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a switchover records every node’s system identifier; a restart on the same data keeps the roles', async () => {
    const switched = await pgha('switchover', file, 'replica1');
    assert.equal(switched.code, 0, switched.out + switched.err);
    const [{ id }] = await query<{ id: string }>(base + 1, 'SELECT system_identifier::text AS id FROM pg_control_system()');
    const history = FileHistoryStore.forProject('stack', file).read();
    assert.equal(history.primary, 'replica1');
    assert.deepEqual(history.data, { primary: `system ${id}`, replica1: `system ${id}`, replica2: `system ${id}` });
    assert.equal((await pgha('down', file)).code, 0);
    const again = await pgha('up', file, '--backend', 'native', '--wait', '--timeout', '90');
    assert.equal(again.code, 0, again.out + again.err);
    assert.doesNotMatch(again.err, /retired/);
    assert.equal(await inRecovery(base + 1), false, 'replica1 is still the primary');
    assert.equal(await inRecovery(base), true, 'primary still streams from replica1');
  });

  it('data removed behind pgha’s back: the next up retires the history and starts the compose roles', async () => {
    await createNativeRuntime({ registryFile: env.PGHA_NATIVE_REGISTRY }).down('stack', { volumes: true, composeFile: file });
    assert.equal(FileHistoryStore.forProject('stack', file).read().primary, 'replica1', 'the runtime alone leaves the history');
    const up = await pgha('up', file, '--backend', 'native', '--wait', '--timeout', '90');
    assert.equal(up.code, 0, up.out + up.err);
    assert.match(up.err, /note: the recorded cluster history \(replica1 primary\) describes data that is no longer here: no node has data any more \(fresh data\); it was retired/);
    assert.equal(await inRecovery(base), false, 'primary is the primary again');
    assert.equal(await inRecovery(base + 1), true);
    assert.equal(FileHistoryStore.forProject('stack', file).read().primary, undefined);
    assert.ok(fs.existsSync(path.join(dir, 'stack', '.pgha', 'stack.history.retired.json')));
  });

  it('pgha sync on|off switches the primary to waiting for the first of its replicas (by service name) and back', async () => {
    const on = await pgha('sync', file, 'on');
    assert.equal(on.code, 0, on.out + on.err);
    assert.match(on.out, /primary: synchronous_standby_names = FIRST 1 \("replica1", "replica2"\), reloaded/);
    const rows = await query<{ a: string; s: string }>(base, 'SELECT application_name AS a, sync_state AS s FROM pg_stat_replication ORDER BY 1');
    assert.deepEqual(rows, [{ a: 'replica1', s: 'sync' }, { a: 'replica2', s: 'potential' }]);
    const off = await pgha('sync', file, 'off');
    assert.equal(off.code, 0, off.out + off.err);
    assert.deepEqual((await query<{ s: string }>(base, 'SELECT DISTINCT sync_state AS s FROM pg_stat_replication')).map((r) => r.s), ['async']);
    assert.equal((await pgha('sync', file, 'maybe')).code, 2);
  });

  it('a cancel during add replica undoes it (the old state: no node, no slot); one after remove replica’s point of no return finishes', async () => {
    const cluster = loadClusterFile(file, capture(dir, env));
    assert.ok(typeof cluster !== 'string', String(cluster));
    const runtime = createNativeRuntime({ registryFile: env.PGHA_NATIVE_REGISTRY });
    const controller = new AbortController();
    const ctx: ActionContext = { targets: cluster.targets, control: runtime.nodeControl('stack', cluster.topology), signal: controller.signal, progress: (m) => m.startsWith('base backup of') && controller.abort() };
    const port = await freePorts(1);
    await assert.rejects(addReplica(ctx, { service: 'replica3', hostPort: port }), (error: Error) => error instanceof ActionCancelledError && /removed the new node replica3 and slot replica3 again/.test(error.message));
    assert.deepEqual((await runtime.list('stack')).map((n) => n.service), ['primary', 'replica1', 'replica2']);
    assert.deepEqual(await query(base, "SELECT slot_name FROM pg_replication_slots WHERE slot_name = 'replica3'"), []);
    const added = await addReplica({ ...ctx, signal: undefined, progress: undefined }, { service: 'replica3', hostPort: port });
    const removing = new AbortController();
    const withTarget: ActionContext = { ...ctx, targets: [...cluster.targets, added.target], signal: removing.signal, progress: (m) => m.startsWith('removed') && removing.abort() };
    const report = await removeReplica(withTarget, 'replica3');
    assert.deepEqual(report.steps, ['stopping and removing replica3', 'removed the container of replica3 and its data volume', 'dropped slot replica3 on primary']);
    assert.deepEqual((await runtime.list('stack')).map((n) => n.service), ['primary', 'replica1', 'replica2']);
  });
});
