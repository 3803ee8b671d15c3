/**
 * Signals during `pgha up` / `pgha down` on real containers, sent to a real child process at a progress line (never
 * after a fixed sleep). One signal cancels cleanly and leaves nothing (orphans counted by label: 0); two exit at
 * once and the journal tells the next command what was left, which then finishes or undoes it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { journalPath } from '../../../cluster/history/journal';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { startCli } from '../../support/cliChild';
import { requirePart } from '../../support/parts';
import { dockerWhy, freePorts, imagesWhy, leftovers, nothingLeft, tempDir, testImageMapEnv } from '../../cluster/runtime/docker/dockerSupport';

const engine = connectEngine();

function stackFile(dir: string, port: number): string {
  const file = path.join(dir, 'compose.yaml');
  const service = (name: string, n: number) =>
    `  ${name}:\n    image: postgres:17\n    environment: { POSTGRES_PASSWORD: secret }\n    ports: ["127.0.0.1:${port + n}:5432"]\n    volumes: [${name}-data:/var/lib/postgresql/data]\n`;
  fs.writeFileSync(file, `services:\n${service('primary', 0)}${service('replica1', 1)}volumes:\n  primary-data:\n  replica1-data:\n`);
  return file;
}

describe('signals during pgha up / down (real child processes, real containers)', function () {
  this.timeout(300_000);
  let dir = '';
  let project = '';
  let file = '';

  before(async function () {
    requirePart(this, 'docker', await dockerWhy(engine));
    requirePart(this, 'test images', await imagesWhy(engine, [17]));
    dir = tempDir('signals');
    project = path.basename(dir);
    file = stackFile(dir, await freePorts(2));
  });

  after(async () => {
    if (!dir) return;
    const cleanup = await startCli(['down', file, '--volumes'], testImageMapEnv()).exited;
    assert.equal(cleanup.code, 0, cleanup.output);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`one ${signal} during up removes what the run created and says so`, async () => {
      const run = startCli(['up', file, '--backend', 'docker'], testImageMapEnv());
      await run.waitForOutput(/Creating container/);
      const sent = Date.now();
      run.child.kill(signal);
      const result = await run.exited;
      console.log(`      ${signal} during up: exit ${result.code} ${((result.endedAt - sent) / 1000).toFixed(1)} s after the signal`);
      assert.equal(result.code, { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal], result.output); // 128 + the signal's number
      assert.match(result.output, new RegExp(`pgha up: ${signal} received; stopping and removing what this run created…`));
      assert.match(result.output, new RegExp(`pgha up: Cancelled before project '${project}' was up \\(\\d container\\(s\\), 1 network\\(s\\), 2 volume\\(s\\) created in this run\\)\\. Everything created in this run was removed\\.`));
      assert.deepEqual(await leftovers(engine, project), nothingLeft);
      assert.equal(fs.existsSync(journalPath(project, file)), false, 'a cleanly cancelled run leaves no journal');
    });
  }

  it('a second SIGINT exits at once; the journal tells the next command, and down removes every orphan', async () => {
    const run = startCli(['up', file, '--backend', 'docker'], testImageMapEnv());
    await run.waitForOutput(/Creating container/);
    run.child.kill('SIGINT');
    await run.waitForOutput(/SIGINT received/);
    const sent = Date.now();
    run.child.kill('SIGINT');
    const result = await run.exited;
    console.log(`      second SIGINT during up: exit ${result.code} ${((result.endedAt - sent) / 1000).toFixed(2)} s after it`);
    assert.equal(result.code, 130, result.output);
    assert.match(result.output, /pgha up: SIGINT again; exiting now\./);
    const journal = JSON.parse(fs.readFileSync(journalPath(project, file), 'utf8')) as { operation: string; steps: string[] };
    assert.equal(journal.operation, 'up');
    assert.ok(journal.steps.length > 0);
    const down = await startCli(['down', file, '--volumes'], testImageMapEnv()).exited;
    assert.equal(down.code, 0, down.output);
    assert.match(down.output, /pgha down: note: The last `pgha up .*compose\.yaml --backend docker` \(pid \d+, started [^)]+\) was interrupted at: .+\. Run it again to finish \(it reuses what exists\), or pgha down on the same file to remove what it created\./);
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
    assert.equal(fs.existsSync(journalPath(project, file)), false);
  });

  it('one SIGINT during down --volumes keeps the data, says what is left, and the next down finishes', async () => {
    const up = await startCli(['up', file, '--backend', 'docker'], testImageMapEnv()).exited;
    assert.equal(up.code, 0, up.output);
    const run = startCli(['down', file, '--volumes'], testImageMapEnv());
    await run.waitForOutput(/Removing container/); // the containers go first, then networks and volumes
    run.child.kill('SIGINT');
    const result = await run.exited;
    assert.equal(result.code, 130, result.output);
    assert.match(result.output, new RegExp(`pgha down: Cancelled: removed 2 of 2 container\\(s\\) of project '${project}'; its network and its volumes \\(the data is kept\\) are still there\\. Run the same down again to finish\\.`));
    const left = await leftovers(engine, project);
    assert.deepEqual([left.containers.length, left.networks.length, left.volumes.length], [0, 1, 2]);
    const again = await startCli(['down', file, '--volumes'], testImageMapEnv()).exited;
    assert.equal(again.code, 0, again.output);
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
  });
});
