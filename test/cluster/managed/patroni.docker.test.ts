/**
 * examples/patroni on real containers (one shared launch: 3 etcd members + 3 Patroni nodes, a port-shifted copy with
 * faster timing): `up` starts etcd first and waits for its quorum, then the nodes, until Patroni reports a leader and
 * two streaming replicas through the published REST API; `pgha status` shows Patroni's view; `pgha switchover` goes
 * through Patroni; pgha's own rejoin refuses; `down` removes every labelled object. The kill-the-leader cycles (new
 * leader within ttl + loop_wait, 0 acknowledged rows lost) run in `npm run soak:patroni` (5 cycles; -- --cycles 20):
 * about 60 s per cycle, beyond this suite's CI budget.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { patroniReadiness } from '../../../cluster/managed/patroniReady';
import { Monitor } from '../../../cluster/monitor/monitor';
import { targetsFromTopology } from '../../../cluster/monitor/targets';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { currentLeader } from '../../../scripts/soak/patroniCycle';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import type { Topology } from '../../../core/model/topology';
import { pgha } from '../../support/cli';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { dockerWhy, freePorts, leftovers, nothingLeft, tempDir } from '../runtime/docker/dockerSupport';
import { copyPatroniExample, patroniImageMapEnv, patroniImagesWhy } from '../../../scripts/soak/patroniStack';

describe('examples/patroni on Docker: etcd quorum, Patroni leader, streaming replicas', function () {
  this.timeout(240_000);
  const engine = connectEngine();
  let dir = '';
  let project = '';
  let topology: Topology;
  let file = '';
  let events: string[] = [];
  const env = { ...process.env, ...patroniImageMapEnv() };

  before(async function () {
    requirePart(this, 'Docker with pgha-test/patroni:3.0-pg15 and pgha-test/etcd:3.4', (await dockerWhy(engine)) ?? (await patroniImagesWhy(engine)));
    dir = tempDir('patroni');
    project = path.basename(dir);
    file = copyPatroniExample(dir, await freePorts(6));
    topology = loadTopology(file);
    const started = Date.now();
    const result = await pgha(['up', file, '--wait'], env);
    assert.equal(result.code, 0, result.out + result.err);
    events = result.out.split('\n').map((line) => line.replace(/^\[\d+\/\d+\]\s*/, ''));
    console.log(`      pgha up (3 etcd + 3 Patroni) to leader + 2 streaming: ${Date.now() - started} ms`);
  });

  after(async () => {
    if (project) await pgha(['down', file, '--volumes'], env).catch(() => undefined);
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

  it('pgha status: Patroni roles and members beside the SQL probes (JSON "manager": "patroni"), one refresh timed', async () => {
    const json = await pgha(['status', file, '--json'], env);
    const status = JSON.parse(json.out);
    assert.equal(status.manager, 'patroni');
    const leader = status.nodes.find((n: { role: string }) => n.role === 'leader');
    assert.equal(leader?.sqlRole, 'primary', json.out);
    assert.equal(status.patroni.leader, leader.patroni.member);
    assert.deepEqual(status.nodes.filter((n: { role: string }) => n.role !== 'leader').map((n: { sqlRole: string }) => n.sqlRole), ['replica', 'replica'], json.out);
    assert.ok(status.nodes.every((n: { patroni: { apiReachable: boolean; dcsReachable: boolean } }) => n.patroni.apiReachable && n.patroni.dcsReachable), json.out);
    const text = await pgha(['status', file], env);
    assert.match(text.out, /Patroni \(scope pgha-demo\): leader patroni\d/);
    const monitor = new Monitor(targetsFromTopology(topology).targets, { managed: topology.managed });
    try {
      await monitor.refresh();
      const times: number[] = [];
      const rest: number[] = [];
      const cpu = process.cpuUsage();
      for (let i = 0; i < 20; i++) {
        const snapshot = await monitor.refresh();
        times.push(snapshot.refreshMs);
        rest.push(snapshot.patroni!.probeMs);
      }
      const used = process.cpuUsage(cpu);
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(`      one refresh (SQL on 3 nodes + Patroni REST): median ${median(times).toFixed(1)} ms (REST ${median(rest).toFixed(1)} ms), our CPU ${((used.user + used.system) / 1000 / 20).toFixed(1)} ms per refresh`);
    } finally {
      await monitor.dispose();
    }
  });

  it('pgha switchover goes through Patroni (POST /switchover): the chosen synchronous standby leads, the rest follow', async () => {
    // With synchronous_mode Patroni takes only its synchronous standby as a candidate, and it names one a few loops
    // after the leader: wait for it (Patroni refuses any other name with HTTP 412).
    type Row = { role: string; service: string; patroni: { member: string } };
    const target = await waitFor(async () => {
      const status = JSON.parse((await pgha(['status', file, '--json'], env)).out) as { nodes: Row[] };
      return status.nodes.find((n) => n.role === 'sync_standby');
    }, 'Patroni naming a synchronous standby', 60_000, 500);
    const result = await pgha(['switchover', file, target.service], env);
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.out, /POST \/switchover/);
    assert.equal(await currentLeader(topology.managed!), target.patroni.member);
    const ready = await patroniReadiness(topology.managed!);
    assert.equal(ready?.streaming.length, 2, result.out);
  });

  it("pgha rejoin refuses on a Patroni cluster and says why (Patroni rejoins a former leader itself)", async () => {
    const result = await pgha(['rejoin', file, 'patroni1'], env);
    assert.equal(result.code, 1);
    assert.match(result.err, /refused: Patroni manages this cluster .*start its node: Patroni rejoins a former leader itself/);
  });

  it('down removes every labelled container, volume and network', async () => {
    assert.equal((await pgha(['down', file, '--volumes'], env)).code, 0);
    assert.deepEqual(await leftovers(engine, project), nothingLeft);
    project = '';
  });
});
