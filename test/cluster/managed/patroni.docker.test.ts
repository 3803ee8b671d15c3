/**
 * examples/patroni on real containers (one shared launch: 3 etcd members + 3 Patroni nodes, a port-shifted copy with
 * faster timing): `up` starts etcd first and waits for its quorum, then the nodes, until Patroni reports a leader and
 * two streaming replicas through the published REST API; `down` removes every labelled object.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { patroniReadiness } from '../../../cluster/managed/patroniReady';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { down, up } from '../../../cluster/runtime/docker/index';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import type { Topology } from '../../../core/model/topology';
import { requirePart } from '../../support/parts';
import { dockerWhy, freePorts, leftovers, nothingLeft, tempDir } from '../runtime/docker/dockerSupport';
import { copyPatroniExample, patroniImageMap, patroniImagesWhy } from './patroniSupport';

describe('examples/patroni on Docker: etcd quorum, Patroni leader, streaming replicas', function () {
  this.timeout(240_000);
  const engine = connectEngine();
  let dir = '';
  let project = '';
  let topology: Topology;
  const events: string[] = [];

  before(async function () {
    requirePart(this, 'Docker with pgha-test/patroni:3.0-pg15 and pgha-test/etcd:3.4', (await dockerWhy(engine)) ?? (await patroniImagesWhy(engine)));
    dir = tempDir('patroni');
    project = path.basename(dir);
    topology = loadTopology(copyPatroniExample(dir, await freePorts(6)));
    const started = Date.now();
    await up(topology, { engine, imageMap: patroniImageMap(), wait: true, timeoutMs: 180_000, onProgress: (e) => events.push(e.message) });
    console.log(`      pgha up (3 etcd + 3 Patroni) to leader + 2 streaming: ${Date.now() - started} ms`);
  });

  after(async () => {
    if (project) await down(engine, project, { volumes: true }).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts etcd first, waits for its quorum, then the nodes, until Patroni reports a leader and 2 streaming replicas', async () => {
    const at = (pattern: RegExp) => events.findIndex((e) => pattern.test(e));
    assert.ok(at(/^etcd has a quorum \(3 member/) >= 0, events.join('\n'));
    assert.ok(at(/^etcd has a quorum/) < at(/^Starting patroni1/), events.join('\n'));
    assert.ok(at(/^Starting etcd1/) < at(/^etcd has a quorum/), events.join('\n'));
    assert.ok(at(/^Patroni: patroni\d leads; patroni\d, patroni\d stream/) > at(/^Starting patroni3/), events.join('\n'));
    const ready = await patroniReadiness(topology.managed!);
    assert.equal(ready?.streaming.length, 2);
    assert.ok(!ready.streaming.includes(ready.leader));
  });

  it('down removes every labelled container, volume and network', async () => {
    await down(engine, project, { volumes: true });
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
    project = '';
  });
});
