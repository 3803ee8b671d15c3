/**
 * Add and remove a replica on (a port-shifted copy of) examples/ha-stack, on both backends, where the replicas
 * log in with a pgpass secret and the superuser password is a *_FILE secret: credentials come from the compose
 * model, and (Docker) a missing password fails at once with a clear message instead of a pg_basebackup password
 * prompt. Each test creates the data it needs, so any one runs alone; the stack is shared, so they run in the
 * order written.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { loadTopology } from '../../../cluster/runtime/topologySource';
import type { ActionContext } from '../../../cluster/failover/context';
import { DockerRuntime } from '../../../cluster/runtime/docker/runtime';
import { createNativeRuntime } from '../../../cluster/runtime/native/index';
import type { ClusterRuntime, NodeControl } from '../../../cluster/runtime/types';
import { addReplica, removeReplica } from '../../../cluster/failover/replicas';
import { switchover } from '../../../cluster/failover/switchover';
import { Monitor } from '../../../cluster/monitor/monitor';
import { targetsFromTopology } from '../../../cluster/monitor/targets';
import type { NodeTarget } from '../../../cluster/monitor/types';
import type { Topology } from '../../../core/model/topology';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import * as dockerSupport from '../runtime/docker/dockerSupport';
import * as nativeSupport from '../runtime/native/nativeSupport';
import { freePort, queryNode, testBackends, type TestBackend } from '../../../scripts/soak/dockerCluster';

const MAJOR = 17;

/** The example stack on `backend` in a fresh folder: its runtime and topology (skips the test when the part is missing). */
async function exampleOn(ctx: Mocha.Context, backend: TestBackend): Promise<{ dir: string; runtime: ClusterRuntime; topology: Topology }> {
  if (backend === 'docker') {
    const engine = connectEngine();
    requirePart(ctx, `Docker with pgha-test/postgres:${MAJOR}`, (await dockerSupport.dockerWhy(engine)) ?? (await dockerSupport.imagesWhy(engine, [MAJOR])));
    const dir = dockerSupport.tempDir('ha-example');
    const topology = loadTopology(dockerSupport.copyExample(dir, await dockerSupport.freePorts(3)));
    return { dir, runtime: new DockerRuntime({ engine, imageMap: dockerSupport.testImageMap() }), topology };
  }
  requirePart(ctx, `native PostgreSQL ${MAJOR}`, nativeSupport.nativeWhy(MAJOR));
  const dir = nativeSupport.tempDir('ha-example');
  const stack = path.join(dir, `ha-example-${path.basename(dir).slice(-6).toLowerCase()}`);
  const topology = loadTopology(nativeSupport.copyExample(stack, MAJOR, await nativeSupport.freePorts(3)));
  return { dir, runtime: createNativeRuntime({ registryFile: path.join(dir, 'registry.json') }), topology };
}

for (const backend of testBackends()) {
  describe(`add / remove replica on the example stack (secret files, pgpass) on ${backend}`, function () {
    this.timeout(240_000);
    let dir = '';
    let project = '';
    let runtime: ClusterRuntime;
    let targets: NodeTarget[] = [];
    let control: NodeControl;

    const contextFor = (steps: string[], nodes = targets): ActionContext => ({ targets: nodes, control, progress: (m) => steps.push(m), stepTimeoutMs: 60_000 });
    const services = async () => (await runtime.list(project)).map((n) => n.service);

    before(async function () {
      const example = await exampleOn(this, backend);
      ({ dir, runtime } = example);
      project = example.topology.project;
      await runtime.up(example.topology, { wait: true, timeoutMs: 180_000 });
      targets = targetsFromTopology(example.topology).targets;
      control = runtime.nodeControl(project, example.topology);
    });

    after(async () => {
      if (project) await runtime.down(project, { volumes: true }).catch(() => undefined);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('finds the replication login in the pgpass secret and the superuser password in its secret file', () => {
      assert.deepStrictEqual(targets.map((t) => [t.service, t.user, t.password]), [
        ['primary', 'postgres', 'ha-demo-superuser-change-me'],
        ['replica1', 'postgres', 'ha-demo-superuser-change-me'],
        ['replica2', 'postgres', 'ha-demo-superuser-change-me'],
      ]);
      assert.deepStrictEqual(targets[0].replication, { user: 'replicator', password: 'ha-demo-replication-change-me', source: 'replica1: pgpass secret replication_pgpass' });
    });

    it('adds a replica that streams through its own slot, then removes it and drops the slot', async () => {
      await queryNode(targets[0], 'CREATE TABLE before_add AS SELECT generate_series(1, 500) AS id');
      const steps: string[] = [];
      const added = await addReplica(contextFor(steps), { service: 'replica3', hostPort: await freePort() });
      assert.ok(steps.includes('base backup logs in as replicator (credentials from replica1: pgpass secret replication_pgpass)'), steps.join('\n'));
      assert.ok(steps.includes('replica3 streams from primary through slot replica3'), steps.join('\n'));
      const withNew = [...targets, added.target];
      const monitor = new Monitor(withNew);
      try {
        const snapshot = await monitor.refresh();
        const node = snapshot.nodes.find((n) => n.service === 'replica3')!;
        assert.deepStrictEqual([node.state, node.role, node.upstream], ['up', 'replica', 'primary']);
        assert.ok(snapshot.nodes[0].slots.some((s) => s.name === 'replica3' && s.active));
      } finally {
        await monitor.dispose();
      }
      await waitFor(async () => (await queryNode<{ n: string }>(added.target, 'SELECT count(*) AS n FROM before_add').catch(() => []))[0]?.n === '500', '500 rows on replica3');

      const removal = await removeReplica(contextFor([], withNew), 'replica3');
      assert.ok(removal.steps.includes('dropped slot replica3 on primary'), removal.steps.join('\n'));
      const slots = await queryNode<{ slot_name: string }>(targets[0], 'SELECT slot_name FROM pg_replication_slots ORDER BY 1');
      assert.deepStrictEqual(slots.map((s) => s.slot_name), ['replica1', 'replica2']);
      assert.deepStrictEqual(await services(), ['primary', 'replica1', 'replica2']);
      if (backend === 'docker') {
        const left = await dockerSupport.leftovers(connectEngine(), project);
        assert.ok(!left.volumes.some((v) => v.includes('replica3')), left.volumes.join());
      }
    });

    if (backend === 'docker') {
      it('without a known replication password fails at once with a clear message (no prompt, nothing left)', async () => {
        // As before the fix: no credentials in the model, and the replicas' primary_conninfo only names a passfile.
        const blind = targets.map(({ replication: _omitted, ...rest }) => rest);
        await assert.rejects(addReplica(contextFor([], blind), { service: 'replica4', hostPort: await freePort() }), (error: Error) => {
          assert.match(error.message, /pg_basebackup could not log in as 'replicator': no password was found/);
          assert.match(error.message, /pgpass secret/);
          return true;
        });
        const slots = await queryNode<{ slot_name: string }>(targets[0], 'SELECT slot_name FROM pg_replication_slots ORDER BY 1');
        assert.deepStrictEqual(slots.map((s) => s.slot_name), ['replica1', 'replica2']);
        const left = await dockerSupport.leftovers(connectEngine(), project);
        assert.ok(!left.containers.some((c) => c.includes('replica4')) && !left.volumes.some((v) => v.includes('replica4')), JSON.stringify(left));
      });
    }

    it('switches over to replica1: the old primary streams from it with the replication login, replica2 follows', async () => {
      await queryNode(targets[0], 'CREATE TABLE before_switch AS SELECT generate_series(1, 500) AS id');
      const steps: string[] = [];
      const report = await switchover(contextFor(steps), 'replica1');
      assert.deepStrictEqual(report.warnings, [], steps.join('\n'));
      assert.ok(steps.includes('primary streams from replica1'), steps.join('\n'));
      assert.ok(steps.includes('replica2 streams from replica1'), steps.join('\n'));
      await queryNode(targets[1], 'INSERT INTO before_switch VALUES (501)');
      for (const node of [targets[0], targets[2]]) {
        await waitFor(async () => (await queryNode<{ n: string }>(node, 'SELECT count(*) AS n FROM before_switch').catch(() => []))[0]?.n === '501', `501 rows on ${node.service}`, 20_000);
      }
    });

    it('down removes everything, the added replica included', async () => {
      await runtime.down(project, { volumes: true });
      assert.deepStrictEqual(await runtime.list(project), []);
      if (backend === 'docker') assert.deepStrictEqual(await dockerSupport.leftovers(connectEngine(), project), dockerSupport.nothingLeft);
      else assert.deepStrictEqual(nativeSupport.postmastersUnder(dir), []);
      project = '';
    });
  });
}
