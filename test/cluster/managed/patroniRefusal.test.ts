/**
 * On a Patroni cluster pgha never changes roles behind the engine's back: its own pg_promote step and rejoin refuse
 * before touching any node, saying why and what to use instead (no server needed: the refusal comes first).
 */
import * as assert from 'node:assert/strict';
import type { ActionContext } from '../../../cluster/failover/context';
import { ActionLog } from '../../../cluster/failover/context';
import { promoteNode } from '../../../cluster/failover/promote';
import { rejoin } from '../../../cluster/failover/rejoin';
import { patroniClusterJson, patroniNodeJson, renderPatroniText } from '../../../cluster/managed/patroniFormat';
import type { PatroniStatus } from '../../../cluster/managed/patroniMonitor';
import { renderTable } from '../../../cluster/monitor/format';
import type { ManagedCluster } from '../../../core/model/topology';
import type { NodeControl } from '../../../cluster/runtime/types';

const managed: ManagedCluster = {
  manager: 'patroni',
  scope: 'demo',
  dcs: ['etcd1'],
  nodes: [{ service: 'patroni1', member: 'patroni1', restPort: 8008, pgPort: 5432 }],
  ttl: 30,
  loopWait: 10,
  synchronousMode: false,
  superuser: { user: 'postgres' },
};

const untouchable = new Proxy({}, { get: () => () => assert.fail('a refused action touched the node') }) as NodeControl;
const ctx: ActionContext = { targets: [{ service: 'patroni1', host: '127.0.0.1', port: 1, user: 'postgres', database: 'postgres', aliases: [] }], control: untouchable, managed };

describe('Patroni cluster: pgha refuses its own role changes', () => {
  it('pg_promote refuses and names Patroni, the leader key and what to use', async () => {
    await assert.rejects(promoteNode(ctx, new ActionLog('promote', ctx), 'patroni1'), /pg_promote on patroni1 refused: Patroni manages this cluster \(scope demo\) and holds the leader key in etcd.*use pgha promote \/ pgha switchover, which go through Patroni's REST API/);
  });

  it('rejoin refuses: Patroni rejoins a former leader itself', async () => {
    await assert.rejects(rejoin(ctx, 'patroni1'), /rejoin of patroni1 refused: .*start its node: Patroni rejoins a former leader itself/);
  });
});

describe('Patroni status output', () => {
  const status: PatroniStatus = {
    manager: 'patroni',
    scope: 'demo',
    leader: 'patroni1',
    paused: false,
    probeMs: 3.2,
    problems: [],
    members: [
      { service: 'patroni1', member: 'patroni1', role: 'leader', state: 'running', timeline: 2, lagBytes: null, pendingRestart: false, apiReachable: true, dcsReachable: true },
      { service: 'patroni2', member: 'pg2', role: 'sync_standby', state: 'streaming', timeline: 2, lagBytes: 0, pendingRestart: true, apiReachable: true, dcsReachable: null },
    ],
  };

  it('renders a member table with role, state, timeline, lag, pending restart and etcd reachability', () => {
    const text = renderPatroniText(status, renderTable);
    assert.match(text, /Patroni \(scope demo\): leader patroni1 {3}\(REST 3\.2 ms\)/);
    assert.match(text, /patroni2 \(pg2\) +sync_standby +streaming +2 +0 B +yes +ok +–/);
  });

  it('gives JSON the manager, Patroni roles and member fields', () => {
    assert.deepEqual(patroniClusterJson(status), { manager: 'patroni', patroni: { scope: 'demo', leader: 'patroni1', paused: false } });
    assert.equal(patroniNodeJson(status, 'patroni2')?.role, 'sync_standby');
    assert.equal(patroniNodeJson(status, 'other'), undefined);
  });
});
