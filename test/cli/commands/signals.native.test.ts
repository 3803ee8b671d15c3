/**
 * Signals during a failover command, on real native servers through real `pgha` child processes. A SIGINT past
 * the point of no return (the old primary is stopping) lets the switchover finish: one primary, everyone streams.
 * Two SIGINTs exit at once; the journal says where it stopped, `pgha status` repeats it with the way out.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createNativeRuntime } from '../../../cluster/runtime/native/index';
import { journalPath } from '../../../cluster/history/journal';
import { startCli } from '../../support/cliChild';
import { requirePart } from '../../support/parts';
import { copyExample, freePorts, nativeWhy, postmastersUnder, tempDir } from '../../cluster/runtime/native/nativeSupport';

describe('signals during pgha switchover (native servers, real child processes)', function () {
  this.timeout(400_000);
  let dir = '';
  let file = '';
  let env: NodeJS.ProcessEnv = {};

  before(async function () {
    requirePart(this, 'native PostgreSQL 17', nativeWhy(17));
    dir = tempDir('signals');
    file = copyExample(path.join(dir, 'stack'), 17, await freePorts(3));
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

  it('one SIGINT past the point of no return: the switchover finishes (exit 0)', async () => {
    const run = startCli(['switchover', file, 'replica1'], env);
    await run.waitForOutput(/stopping primary cleanly/);
    run.child.kill('SIGINT');
    const result = await run.exited;
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /pgha switchover: SIGINT received; stopping at the next safe step \(past the point of no return it finishes\)/);
    assert.match(result.output, /primary streams from replica1[\s\S]*replica2 streams from replica1[\s\S]*switchover to replica1: done in/);
    assert.equal(fs.existsSync(journalPath('stack', file)), false);
  });

  it('two SIGINTs exit at once; the next command says where it stopped and how to get out', async () => {
    const run = startCli(['switchover', file, 'primary'], env);
    await run.waitForOutput(/stopping replica1 cleanly/);
    run.child.kill('SIGINT');
    await run.waitForOutput(/SIGINT received/);
    run.child.kill('SIGINT');
    const result = await run.exited;
    assert.equal(result.code, 130, result.output);
    const status = await startCli(['status', file], env).exited;
    assert.match(
      status.output,
      /pgha status: note: The last `pgha switchover .*compose\.yaml primary` \(pid \d+, started [^)]+\) was interrupted at: .+\. Check the cluster with pgha status\. If a node is primary, pgha rejoin the stopped old primary; if none is, promote/,
    );
  });
});
