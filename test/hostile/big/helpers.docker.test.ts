/**
 * `npm run test:hostile:signals`: a replica add killed during its base-backup helper (the next command undoes it:
 * helper, volume, slot gone), and a switchover killed (two SIGINTs) while its helper container rewinds the old
 * primary. The helper carries our labels: `pgha ps` lists it, `pgha down --volumes` removes it with everything else
 * (no HTTP 409 from a volume it still holds); counted by label afterwards: 0 containers, volumes, networks.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { LABEL } from '../../../cluster/runtime/docker/labels';
import { startCli } from '../../support/cliChild';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { copyExample, dockerWhy, freePorts, imagesWhy, leftovers, nothingLeft, tempDir, testImageMapEnv } from '../../cluster/runtime/docker/dockerSupport';

const engine = connectEngine();

describe('helper containers a killed pgha leaves (real containers, real child processes)', function () {
  this.timeout(600_000);
  let dir = '';
  let file = '';
  let project = '';
  let base = 0;
  const helpers = () => engine.docker.listContainers({ all: true, filters: { label: [`${LABEL.project}=${project}`, `${LABEL.role}=helper`] } });

  before(async function () {
    requirePart(this, 'docker', await dockerWhy(engine));
    requirePart(this, 'test images', await imagesWhy(engine, [17]));
    dir = tempDir('helper');
    base = await freePorts(4);
    file = copyExample(dir, base);
    project = path.basename(dir);
    const up = await startCli(['up', file, '--backend', 'docker', '--wait'], testImageMapEnv()).exited;
    assert.equal(up.code, 0, up.output);
  });

  after(async () => {
    if (!dir) return;
    await startCli(['down', file, '--volumes'], testImageMapEnv()).exited;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a replica add killed during its base backup helper is undone by the next command (helper, volume, slot)', async () => {
    const run = startCli(['replica', 'add', file, '--name', 'replica3', '--port', String(base + 3)], testImageMapEnv());
    await run.waitForOutput(/base backup of primary into a new volume/);
    await waitFor(async () => (await helpers()).length > 0, 'the base backup helper', 60_000);
    run.child.kill('SIGINT');
    await run.waitForOutput(/SIGINT received/);
    run.child.kill('SIGINT');
    assert.equal((await run.exited).code, 130);
    const left = await leftovers(engine, project);
    console.log(`      left by the killed add: ${(await helpers()).length} helper(s), volumes ${left.volumes.filter((v) => v.includes('replica3')).join(', ')}`);
    const next = await startCli(['sync', file, 'off'], testImageMapEnv()).exited;
    assert.equal(next.code, 0, next.output);
    assert.match(next.output, /interrupted before its point of no return; undone — the cluster is as it was before it: removed the half-made node replica3 and its data; no slot replica3 left on primary/);
    assert.equal((await helpers()).length, 0);
    assert.deepEqual((await leftovers(engine, project)).volumes.filter((v) => v.includes('replica3')), []);
  });

  it('ps lists the helper a killed switchover left, and down --volumes removes everything', async () => {
    const run = startCli(['switchover', file, 'replica1'], testImageMapEnv());
    await run.waitForOutput(/rewinding primary onto replica1's timeline/);
    await waitFor(async () => (await helpers()).length > 0, 'the helper container', 60_000);
    run.child.kill('SIGINT');
    await run.waitForOutput(/SIGINT received/);
    run.child.kill('SIGINT');
    assert.equal((await run.exited).code, 130);
    const ps = await startCli(['ps', file, '--json'], testImageMapEnv()).exited;
    const rows = JSON.parse(ps.output.slice(ps.output.indexOf('['))) as { service: string; role: string }[];
    console.log(`      left by the killed switchover: ${(await helpers()).length} helper container(s); ps rows: ${rows.map((r) => `${r.service}/${r.role}`).join(', ')}`);
    assert.ok(rows.some((r) => r.role === 'helper' && r.service === 'primary-helper'), ps.output);
    const down = await startCli(['down', file, '--volumes'], testImageMapEnv()).exited;
    assert.equal(down.code, 0, down.output);
    assert.doesNotMatch(down.output, /409|in use/);
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
  });
});
