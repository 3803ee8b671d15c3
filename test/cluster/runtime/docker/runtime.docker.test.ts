/**
 * DockerRuntime behind the runtime interface, against a real engine: availability for the registry's 'auto'
 * (engine, images present or pullable), lifecycle of a container that never started, and the event stream.
 * Launch, logs, exec and stop through the interface are covered by launcher.docker.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { connectEngine } from '../../../../cluster/runtime/docker/engine';
import { LABEL } from '../../../../cluster/runtime/docker/labels';
import { parseDockerEvent } from '../../../../cluster/runtime/docker/events';
import { lifecycleOf } from '../../../../cluster/runtime/docker/manage';
import { DockerRuntime } from '../../../../cluster/runtime/docker/runtime';
import { loadTopology } from '../../../../cluster/runtime/topologySource';
import type { RuntimeEvent } from '../../../../cluster/runtime/types';
import { requirePart } from '../../../support/parts';
import { waitFor } from '../../../support/waitFor';
import { copyExample, dockerWhy, imagesWhy, leftovers, nothingLeft, tempDir, testImageMap } from './dockerSupport';

const engine = connectEngine();

describe('Docker runtime states and events (no engine needed)', () => {
  it('maps Docker states onto the runtime-neutral lifecycle', () => {
    const states = ['running', 'created', 'exited', 'paused', 'restarting', 'removing', 'dead'];
    assert.deepEqual(states.map(lifecycleOf), ['running', 'stopped', 'stopped', 'paused', 'restarting', 'dead', 'dead']);
  });

  it('reads project, service and action from an event line', () => {
    const line = JSON.stringify({ Type: 'container', Action: 'die', Actor: { Attributes: { [LABEL.project]: 'ha', [LABEL.service]: 'primary', exitCode: '137' } } });
    assert.deepEqual(parseDockerEvent(line), { project: 'ha', service: 'primary', action: 'die' });
    assert.equal(parseDockerEvent('not json'), undefined);
  });

  it('reports a dead engine as unavailable and ends its event subscription', async () => {
    const runtime = new DockerRuntime({ env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
    const availability = await runtime.available();
    assert.equal(availability.ok, false);
    assert.match(availability.reason ?? '', /^Cannot reach the Docker engine at unix:\/\/\/nonexistent\/docker\.sock/);
    const events: RuntimeEvent[] = [];
    const subscription = runtime.events((e) => events.push(e));
    await waitFor(() => events.length > 0, 'the ended event', 10_000, 20);
    subscription.dispose();
    assert.deepEqual(events, [{ action: 'ended' }]);
    const malformed = new DockerRuntime({ env: { DOCKER_HOST: 'ftp://x' } });
    assert.match((await malformed.available()).reason ?? '', /DOCKER_HOST='ftp:\/\/x' is not understood/);
    await assert.rejects(malformed.list(), /DOCKER_HOST='ftp:\/\/x' is not understood/);
  });
});

describe('Docker runtime with a real engine', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  before(async function () {
    requirePart(this, 'docker', await dockerWhy(engine));
    requirePart(this, 'test images', await imagesWhy(engine, [17]));
  });

  it('is available for a topology whose images are here, and says which image is neither here nor pullable', async () => {
    const dir = tempDir('runtime-available');
    dirs.push(dir);
    const topology = loadTopology(copyExample(dir, 25432));
    assert.deepEqual(await new DockerRuntime({ engine, imageMap: testImageMap() }).available(topology), { ok: true });
    const missing = await new DockerRuntime({ engine, imageMap: new Map([['postgres:17', 'pgha-missing/postgres:99']]) }).available(topology);
    assert.equal(missing.ok, false);
    assert.match(missing.reason ?? '', /image pgha-missing\/postgres:99 is not available locally and cannot be pulled/);
  });

  it('lists a container that never started as stopped, and streams its events to subscribers', async () => {
    const dir = tempDir('runtime-events');
    dirs.push(dir);
    const project = path.basename(dir);
    const runtime = new DockerRuntime({ engine });
    const events: RuntimeEvent[] = [];
    const subscription = runtime.events((e) => events.push(e));
    const labels = { [LABEL.managed]: 'true', [LABEL.project]: project, [LABEL.service]: 'probe', [LABEL.role]: 'other', 'pgha.test': '1' };
    const container = await engine.docker.createContainer({ name: `${project}-probe-1`, Image: 'pgha-test/postgres:17', Entrypoint: ['true'], Labels: labels });
    try {
      assert.deepEqual((await runtime.list(project)).map((n) => [n.service, n.lifecycle, n.runtime]), [['probe', 'stopped', 'docker']]);
      assert.deepEqual((await runtime.listProjects()).filter((p) => p.project === project).map((p) => p.nodes.length), [1]);
      await container.start();
      await waitFor(() => events.some((e) => e.project === project && e.service === 'probe' && e.action === 'die'), 'the die event of the probe', 20_000, 50);
    } finally {
      subscription.dispose();
      await container.remove({ force: true });
    }
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
  });
});
