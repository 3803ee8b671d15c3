/**
 * `pgha replica add|remove` and the promote's data-loss message on real native servers through real `pgha` child
 * processes. Two SIGINTs during an add exit at once; the next pgha command undoes the half-made node and says so;
 * the add then works, status lists the node, remove takes node and slot (orphans counted by our records: 0). With the primary dead, promote says how much WAL acknowledged by it may be
 * lost from the LSN `pgha status` last recorded. More signal cases: test/hostile/big/replicaSignals.native.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { journalPath } from '../../../cluster/history/journal';
import { lastSeenPath } from '../../../cluster/history/lastSeen';
import { createNativeRuntime } from '../../../cluster/runtime/native/index';
import { lsnDistance } from '../../../cluster/monitor/lsn';
import { startCli } from '../../support/cliChild';
import { downNativeStack, extras, NOTHING_EXTRA, type NativeStack, upNativeStack } from '../../support/nativeStack';
import { waitFor } from '../../support/waitFor';
import { query } from '../../cluster/runtime/native/nativeSupport';

describe('pgha replica add / remove and promote data-loss honesty (native servers, real child processes)', function () {
  this.timeout(400_000);
  let stack: NativeStack | undefined;

  before(async function () {
    stack = await upNativeStack(this, 'replica');
  });
  after(() => downNativeStack(stack));

  it('two SIGINTs during an add exit at once; the next add undoes the half-made node, says so, adds it; remove leaves 0 orphans', async () => {
    const { file, env, base } = stack!;
    const add = ['replica', 'add', file, '--name', 'replica3', '--port', String(base + 3)];
    const run = startCli(add, env);
    await run.waitForOutput(/base backup of primary into a new volume/);
    run.child.kill('SIGINT');
    await run.waitForOutput(/SIGINT received/);
    run.child.kill('SIGINT');
    const result = await run.exited;
    assert.equal(result.code, 130, result.output);
    const left = JSON.parse(fs.readFileSync(journalPath('stack', file), 'utf8')) as { operation: string; committed?: boolean; detail: { service: string } };
    assert.deepEqual([left.operation, left.committed ?? false, left.detail.service], ['replica add', false, 'replica3']);
    const next = await startCli(add, env).exited;
    assert.equal(next.code, 0, next.output);
    assert.match(next.output, /pgha replica add: the last `pgha replica add .* --name replica3 .*` \(pid \d+, started [^)]+\) was interrupted before its point of no return; undone — the cluster is as it was before it: removed the half-made node replica3 and its data; no slot replica3 left on primary\./);
    assert.match(next.output, /replica3 streams from primary through slot replica3[\s\S]*add replica replica3: done in/);
    const status = await startCli(['status', file, '--json'], env).exited;
    const rows = JSON.parse(status.output.slice(status.output.indexOf('{'))).nodes as { service: string; upstream: string | null }[];
    assert.equal(rows.find((r) => r.service === 'replica3')?.upstream, 'primary');
    const removed = await startCli(['replica', 'remove', file, 'replica3'], env).exited;
    assert.equal(removed.code, 0, removed.output);
    assert.match(removed.output, /dropped slot replica3 on primary/);
    assert.deepEqual(await extras(stack!), NOTHING_EXTRA);
    assert.equal(fs.existsSync(journalPath('stack', file)), false);
  });

  it('with the primary dead, promote says how much WAL it acknowledged may be lost, from the LSN status last saw', async () => {
    const { file, env, base } = stack!;
    // The replicas stop receiving; the primary writes on: WAL only the primary has.
    for (const port of [base + 1, base + 2]) await query(port, `ALTER SYSTEM SET primary_conninfo = ''`).then(() => query(port, 'SELECT pg_reload_conf()'));
    await waitFor(async () => (await Promise.all([base + 1, base + 2].map((p) => query(p, 'SELECT 1 FROM pg_stat_wal_receiver')))).every((rows) => rows.length === 0), 'the WAL receivers to stop');
    await query(base, 'CREATE TABLE lost AS SELECT generate_series(1, 20000) AS n');
    const status = await startCli(['status', file], env).exited;
    const seen = JSON.parse(fs.readFileSync(lastSeenPath('stack', file), 'utf8')) as { nodes: Record<string, { role: string; lsn: string; at: string }> };
    assert.equal(seen.nodes.primary.role, 'primary', status.output);
    assert.ok(fs.statSync(lastSeenPath('stack', file)).size < 32 * 1024);
    const [received] = await query<{ lsn: string }>(base + 1, 'SELECT pg_last_wal_receive_lsn()::text AS lsn');
    const [other] = await query<{ lsn: string }>(base + 2, 'SELECT pg_last_wal_receive_lsn()::text AS lsn');
    await createNativeRuntime({ registryFile: env.PGHA_NATIVE_REGISTRY }).nodeControl('stack').signal('primary', 'SIGKILL');
    const refused = await startCli(['promote', file, 'replica1'], env).exited;
    assert.equal(refused.code, 1, refused.output);
    const missing = lsnDistance(seen.nodes.primary.lsn, received.lsn);
    console.log(`      primary last seen at ${seen.nodes.primary.lsn}; replica1 received ${received.lsn}, replica2 ${other.lsn}: ${missing} bytes may be lost`);
    assert.ok(missing! > 0);
    const best = lsnDistance(received.lsn, other.lsn)! > 0 || received.lsn === other.lsn ? 'replica1' : 'replica2';
    assert.match(
      refused.output,
      new RegExp(`Known: up to [^(]+ \\(${missing} bytes\\) of WAL acknowledged by primary, last seen at ${seen.nodes.primary.at} at ${seen.nodes.primary.lsn.replace('/', '\\/')}, may be lost on replica1, plus whatever it acknowledged after that\\. ${best} is the most advanced replica`),
    );
  });
});
