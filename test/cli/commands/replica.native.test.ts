/**
 * `pgha replica add|remove` on real native servers through real `pgha` child processes, with signals in the middle:
 * one signal leaves the old state (before the point of no return) or the new one (after); two exit at once and the
 * next pgha command settles what was left and says which. Orphans counted by our records (runtime list, postmasters
 * under the stack, slots on the primary): 0.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { journalPath } from '../../../cluster/history/journal';
import { createNativeRuntime } from '../../../cluster/runtime/native/index';
import { startCli } from '../../support/cliChild';
import { requirePart } from '../../support/parts';
import { copyExample, freePorts, nativeWhy, postmastersUnder, query, tempDir } from '../../cluster/runtime/native/nativeSupport';

describe('pgha replica add / remove (native servers, real child processes, signals)', function () {
  this.timeout(400_000);
  let dir = '';
  let file = '';
  let base = 0;
  let env: NodeJS.ProcessEnv = {};

  /** What the stack has beyond its three compose nodes: runtime records, postmasters, slots. */
  async function extras(): Promise<{ nodes: string[]; postmasters: number; slots: string[] }> {
    const nodes = (await createNativeRuntime({ registryFile: env.PGHA_NATIVE_REGISTRY }).list('stack')).map((n) => n.service).filter((s) => !['primary', 'replica1', 'replica2'].includes(s));
    const slots = (await query<{ slot_name: string }>(base, 'SELECT slot_name FROM pg_replication_slots ORDER BY 1')).map((r) => r.slot_name).filter((s) => !['replica1', 'replica2'].includes(s));
    return { nodes, postmasters: postmastersUnder(dir).length - 3, slots };
  }
  const none = { nodes: [], postmasters: 0, slots: [] };

  before(async function () {
    requirePart(this, 'native PostgreSQL 17', nativeWhy(17));
    dir = tempDir('replica');
    base = await freePorts(6);
    file = copyExample(path.join(dir, 'stack'), 17, base);
    env = { PGHA_NATIVE_REGISTRY: path.join(dir, 'registry.json') };
    const up = await startCli(['up', file, '--backend', 'native', '--wait'], env).exited;
    assert.equal(up.code, 0, up.output);
  });

  after(async () => {
    if (!dir) return;
    await createNativeRuntime({ registryFile: env.PGHA_NATIVE_REGISTRY }).down('stack', { volumes: true, composeFile: file }).catch(() => undefined);
    assert.deepEqual(postmastersUnder(dir), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('adds a replica that streams and shows in ps/status, then removes it with its slot', async () => {
    const added = await startCli(['replica', 'add', file, '--name', 'replica3', '--port', String(base + 3)], env).exited;
    assert.equal(added.code, 0, added.output);
    assert.match(added.output, /replica3 streams from primary through slot replica3[\s\S]*add replica replica3: done in/);
    const status = await startCli(['status', file, '--json'], env).exited;
    const rows = JSON.parse(status.output.slice(status.output.indexOf('{'))).nodes as { service: string; upstream: string | null }[];
    assert.deepEqual(rows.find((r) => r.service === 'replica3')?.upstream, 'primary');
    assert.deepEqual((await extras()).nodes, ['replica3']);
    const removed = await startCli(['replica', 'remove', file, 'replica3'], env).exited;
    assert.equal(removed.code, 0, removed.output);
    assert.match(removed.output, /dropped slot replica3 on primary/);
    assert.deepEqual(await extras(), none);
    assert.equal(fs.existsSync(journalPath('stack', file)), false);
  });

  it('one SIGTERM during the copy undoes the add (the old state) and says so', async () => {
    const run = startCli(['replica', 'add', file, '--name', 'replica3', '--port', String(base + 3)], env);
    await run.waitForOutput(/base backup of primary into a new volume/);
    run.child.kill('SIGTERM');
    const result = await run.exited;
    assert.equal(result.code, 143, result.output);
    assert.match(result.output, /SIGTERM received; stopping at the next safe step/);
    assert.match(result.output, /cancelled before it changed anything.*removed the new node replica3 and slot replica3 again/);
    assert.deepEqual(await extras(), none);
  });

  it('two SIGINTs during the copy exit at once; the next command undoes the half-made node and says so', async () => {
    const run = startCli(['replica', 'add', file, '--name', 'replica3', '--port', String(base + 3)], env);
    await run.waitForOutput(/base backup of primary into a new volume/);
    run.child.kill('SIGINT');
    await run.waitForOutput(/SIGINT received/);
    run.child.kill('SIGINT');
    const result = await run.exited;
    assert.equal(result.code, 130, result.output);
    const left = JSON.parse(fs.readFileSync(journalPath('stack', file), 'utf8')) as { operation: string; committed?: boolean; detail: { service: string } };
    assert.deepEqual([left.operation, left.committed ?? false, left.detail.service], ['replica add', false, 'replica3']);
    const next = await startCli(['sync', file, 'off'], env).exited;
    assert.equal(next.code, 0, next.output);
    assert.match(next.output, /pgha sync: the last `pgha replica add .* --name replica3 .*` \(pid \d+, started [^)]+\) was interrupted before its point of no return; undone — the cluster is as it was before it: /);
    assert.deepEqual(await extras(), none);
    assert.equal(fs.existsSync(journalPath('stack', file)), false);
  });

  it('two SIGINTs after the point of no return of a remove: the next command finishes the removal and says so', async () => {
    const added = await startCli(['replica', 'add', file, '--name', 'replica3', '--port', String(base + 3)], env).exited;
    assert.equal(added.code, 0, added.output);
    const run = startCli(['replica', 'remove', file, 'replica3'], env);
    await run.waitForOutput(/stopping and removing replica3/);
    run.child.kill('SIGINT');
    await run.waitForOutput(/SIGINT received/);
    run.child.kill('SIGINT');
    const result = await run.exited;
    assert.equal(result.code, 130, result.output);
    const next = await startCli(['replica', 'add', file, '--name', 'replica4', '--port', String(base + 4)], env).exited;
    assert.equal(next.code, 0, next.output);
    assert.match(next.output, /pgha replica add: the last `pgha replica remove .* replica3` \(pid \d+, started [^)]+\) was interrupted after its point of no return; finished — the cluster is as that command meant to leave it: .*(dropped|no) slot replica3 on primary/);
    assert.deepEqual((await extras()).nodes, ['replica4']);
    const removed = await startCli(['replica', 'remove', file, 'replica4'], env).exited;
    assert.equal(removed.code, 0, removed.output);
    assert.deepEqual(await extras(), none);
  });
});
