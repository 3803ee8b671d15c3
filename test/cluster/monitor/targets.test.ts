import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ServiceModel, Topology } from '../../../core/model/topology';
import { targetsFromConnectionStrings, targetsFromTopology } from '../../../cluster/monitor/targets';

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
