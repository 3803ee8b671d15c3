import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ServiceModel, Topology } from '../../../core/model/topology';
import { evaluateCluster } from '../../../cluster/monitor/evaluate';
import { targetsFromConnectionStrings, targetsFromTopology } from '../../../cluster/monitor/targets';
import { DEFAULT_THRESHOLDS, type NodeStatus } from '../../../cluster/monitor/types';

function service(name: string, role: ServiceModel['role'], extra: Partial<ServiceModel> = {}): ServiceModel {
  return {
    name, role, flavor: 'official', environment: {}, settings: [], ports: [], volumes: [], dependsOn: [], networks: [], secrets: [], envFiles: [],
    credentials: {}, createdSlots: [], unsupportedKeys: [], ...extra,
  };
}
const port = (hostPort: number, hostIp?: string, containerPort = 5432) => ({ hostIp, hostPort, containerPort, protocol: 'tcp' as const });

describe('monitor/targets', () => {
  it('takes published ports and compose credentials; replicas log in with their primary’s superuser', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-targets-'));
    const secret = path.join(dir, 'pg_password.txt');
    fs.writeFileSync(secret, 'from-secret\n');
    try {
      const topology: Topology = {
        uri: 'file:///x/compose.yaml', project: 'ha', edges: [], volumes: [], networks: [], secrets: { pg_password: { file: secret } },
        services: [
          service('db', 'primary', { ports: [port(5433, '127.0.0.1')], credentials: { user: 'admin', passwordFile: '/run/secrets/pg_password', database: 'app' } }),
          service('standby', 'replica', { ports: [port(5434)], upstream: 'db', slot: 'standby_slot', credentials: { user: 'replicator', password: 'rep' } }),
          service('hidden', 'replica', { upstream: 'db' }),
          service('custom-port', 'primary', { ports: [port(6000, '0.0.0.0', 6543)], settings: [{ name: 'port', value: '6543' }] }),
          service('bouncer', 'pooler', { ports: [port(6432)] }),
        ],
      };
      const { targets, problems } = targetsFromTopology(topology);
      assert.deepStrictEqual(targets.map((t) => [t.service, t.host, t.port, t.user, t.password, t.database, t.expectedRole, t.upstream, t.slot]), [
        ['db', '127.0.0.1', 5433, 'admin', 'from-secret', 'app', 'primary', undefined, undefined],
        ['standby', '127.0.0.1', 5434, 'admin', 'from-secret', 'app', 'replica', 'db', 'standby_slot'],
        ['custom-port', '127.0.0.1', 6000, 'postgres', undefined, 'postgres', 'primary', undefined, undefined],
      ]);
      assert.deepStrictEqual(targets[1].aliases, ['standby', 'ha-standby-1', 'ha_standby_1']);
      assert.strictEqual(problems.length, 1);
      assert.match(problems[0].message, /service 'hidden' publishes no port for PostgreSQL; add e.g. "127.0.0.1:5433:5432" under ports:/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('knows a node by its container_name when a replica streams from it by that name', () => {
    const topology: Topology = {
      uri: 'file:///x/compose.yaml', project: 'ha', edges: [], volumes: [], networks: [], secrets: {},
      services: [
        service('db', 'primary', { ports: [port(5433)], containerName: 'pg-main', credentials: { password: 'pw' } }),
        service('standby', 'replica', { ports: [port(5434)], upstream: 'db' }),
      ],
    };
    const { targets } = targetsFromTopology(topology);
    assert.deepStrictEqual(targets[0].aliases, ['db', 'pg-main']);
    const status = (name: string, extra: Partial<NodeStatus>): NodeStatus => ({
      service: name, host: '127.0.0.1', port: 1, state: 'up', role: 'replica', replication: [], slots: [], publications: [], subscriptions: [], probeMs: 1, ...extra,
    });
    const receiver = { status: 'streaming', senderHost: 'pg-main', senderPort: 5432, slotName: null, receivedTimeline: 1, flushedLsn: null, lastMessageReceiptTime: null };
    const snapshot = evaluateCluster([status('db', { role: 'primary' }), status('standby', { walReceiver: receiver })], targets, DEFAULT_THRESHOLDS, 0, 1);
    assert.strictEqual(snapshot.nodes[1].upstream, 'db');
  });

  it('reads connection strings of an existing cluster (URI and key=value)', () => {
    const targets = targetsFromConnectionStrings([
      'postgresql://mon:p%40ss@127.0.0.1:6001/appdb?application_name=east',
      "host=127.0.0.1 port=6002 user=mon password='a b' dbname=appdb",
    ]);
    assert.deepStrictEqual(targets.map((t) => [t.service, t.host, t.port, t.user, t.password, t.database]), [
      ['east', '127.0.0.1', 6001, 'mon', 'p@ss', 'appdb'],
      ['127.0.0.1:6002', '127.0.0.1', 6002, 'mon', 'a b', 'appdb'],
    ]);
    assert.throws(() => targetsFromConnectionStrings(['user=x']), /connection 1 \('user=x'\) names no host or port/);
    assert.throws(() => targetsFromConnectionStrings(['host=a port=99999']), /port '99999' is not a TCP port/);
  });
});
