/** The Patroni cluster the compose model derives from examples/patroni (nodes, etcd members, ports, timing, logins). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTopology } from '../../../../cluster/runtime/topologySource';

describe('compose model: managed (Patroni) cluster', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-managed-'));
    fs.cpSync(path.resolve(__dirname, '../../../../examples/patroni'), dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.env'), 'PATRONI_SUPERUSER_PASSWORD=su\nPATRONI_RESTAPI_PASSWORD=api\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the 3 nodes with their published REST/PostgreSQL ports, the etcd members, timing and logins', () => {
    const topology = loadTopology(path.join(dir, 'compose.yaml'));
    const managed = topology.managed!;
    assert.equal(managed.manager, 'patroni');
    assert.equal(managed.scope, 'pgha-demo');
    assert.deepEqual(managed.dcs, ['etcd1', 'etcd2', 'etcd3']);
    assert.deepEqual(
      managed.nodes.map((n) => [n.member, n.restHost?.port, n.pgHost?.port]),
      [['patroni1', 28001, 25541], ['patroni2', 28002, 25542], ['patroni3', 28003, 25543]],
    );
    assert.deepEqual([managed.ttl, managed.loopWait, managed.synchronousMode], [30, 10, true]);
    assert.deepEqual(managed.restAuth, { username: 'patroni', password: 'api' });
    assert.deepEqual(managed.superuser, { user: 'postgres', password: 'su' });
    // The container gets the value Compose would interpolate from .env, not the reference.
    assert.equal(topology.services.find((s) => s.name === 'patroni1')?.environment.PATRONI_SUPERUSER_PASSWORD, 'su');
  });

  it('a stack without Patroni has no managed cluster', () => {
    assert.equal(loadTopology(path.resolve(__dirname, '../../../../examples/ha-stack/compose.yaml')).managed, undefined);
  });
});
