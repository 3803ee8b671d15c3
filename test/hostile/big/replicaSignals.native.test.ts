/**
 * `npm run test:hostile:signals` (with the big cases, not in every CI run): the signal cases of `pgha replica
 * add|remove` beyond the CI one (test/cli/commands/replica.native.test.ts) — one SIGTERM during the copy undoes the
 * add; two SIGINTs after a remove's point of no return leave it to the next command, which finishes it and says so —
 * and one SIGINT past the point of no return of promote and of rejoin: each finishes.
 */
import * as assert from 'node:assert/strict';
import { createNativeRuntime } from '../../../cluster/runtime/native/index';
import { startCli } from '../../support/cliChild';
import { downNativeStack, extras, NOTHING_EXTRA, type NativeStack, upNativeStack } from '../../support/nativeStack';

describe('signals during pgha replica add / remove, promote, rejoin (native servers, real child processes)', function () {
  this.timeout(400_000);
  let stack: NativeStack | undefined;

  before(async function () {
    stack = await upNativeStack(this, 'replica-signals');
  });
  after(() => downNativeStack(stack));

  it('one SIGTERM during the copy undoes the add (the old state) and says so', async () => {
    const { file, env, base } = stack!;
    const run = startCli(['replica', 'add', file, '--name', 'replica3', '--port', String(base + 3)], env);
    await run.waitForOutput(/base backup of primary into a new volume/);
    run.child.kill('SIGTERM');
    const result = await run.exited;
    assert.equal(result.code, 143, result.output);
    assert.match(result.output, /SIGTERM received; stopping at the next safe step/);
    assert.match(result.output, /cancelled before it changed anything.*removed the new node replica3 and slot replica3 again/);
    assert.deepEqual(await extras(stack!), NOTHING_EXTRA);
  });

  it('two SIGINTs after the point of no return of a remove: the next command finishes the removal and says so', async () => {
    const { file, env, base } = stack!;
    const added = await startCli(['replica', 'add', file, '--name', 'replica3', '--port', String(base + 3)], env).exited;
    assert.equal(added.code, 0, added.output);
    const run = startCli(['replica', 'remove', file, 'replica3'], env);
    await run.waitForOutput(/stopping and removing replica3/);
    run.child.kill('SIGINT');
    await run.waitForOutput(/SIGINT received/);
    run.child.kill('SIGINT');
    assert.equal((await run.exited).code, 130);
    const next = await startCli(['replica', 'add', file, '--name', 'replica4', '--port', String(base + 4)], env).exited;
    assert.equal(next.code, 0, next.output);
    assert.match(next.output, /pgha replica add: the last `pgha replica remove .* replica3` \(pid \d+, started [^)]+\) was interrupted after its point of no return; finished — the cluster is as that command meant to leave it: .*(dropped|no) slot replica3 on primary/);
    assert.deepEqual((await extras(stack!)).nodes, ['replica4']);
    const removed = await startCli(['replica', 'remove', file, 'replica4'], env).exited;
    assert.equal(removed.code, 0, removed.output);
    assert.deepEqual(await extras(stack!), NOTHING_EXTRA);
  });

  it('one SIGINT past the point of no return of promote, then of rejoin: each finishes (the new state) and says so', async () => {
    const { file, env } = stack!;
    await createNativeRuntime({ registryFile: env.PGHA_NATIVE_REGISTRY }).nodeControl('stack').signal('primary', 'SIGKILL');
    const promote = startCli(['promote', file, 'replica1', '--force'], env);
    await promote.waitForOutput(/promoting replica1 \(pg_promote\)/);
    promote.child.kill('SIGINT');
    const promoted = await promote.exited;
    assert.equal(promoted.code, 0, promoted.output);
    assert.match(promoted.output, /pgha promote: SIGINT received; stopping at the next safe step \(past the point of no return it finishes\)[\s\S]*replica2 streams from replica1[\s\S]*promote replica1: done in/);
    const rejoin = startCli(['rejoin', file, 'primary'], env);
    await rejoin.waitForOutput(/rewinding primary onto replica1's timeline/);
    rejoin.child.kill('SIGINT');
    const rejoined = await rejoin.exited;
    assert.equal(rejoined.code, 0, rejoined.output);
    assert.match(rejoined.output, /pgha rejoin: SIGINT received[\s\S]*primary streams from replica1[\s\S]*rejoin primary: done in/);
    const status = await startCli(['status', file, '--json'], env).exited;
    const rows = JSON.parse(status.output.slice(status.output.indexOf('{'))).nodes as { service: string; role: string; upstream: string | null }[];
    assert.deepEqual(rows.map((r) => [r.service, r.role, r.upstream]), [['primary', 'replica', 'replica1'], ['replica1', 'primary', null], ['replica2', 'replica', 'replica1']]);
  });
});
