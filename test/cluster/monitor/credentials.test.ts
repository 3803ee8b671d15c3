import * as assert from 'assert';
import type { ServiceModel, Topology } from '../../../core/model/topology';
import { clusterReplicationCredentials, hostPathOf, parsePgpass, readSecret, replicationCredentialsOf } from '../../../cluster/monitor/credentials';
import { classifyConnectionError } from '../../../cluster/monitor/errors';
import { fillSecretPasswords, targetsFromTopology } from '../../../cluster/monitor/targets';
import { loadTopology } from '../../../cluster/runtime/topologySource';

function service(name: string, role: ServiceModel['role'], extra: Partial<ServiceModel> = {}): ServiceModel {
  return {
    name, role, flavor: 'official', environment: {}, settings: [], ports: [], volumes: [], dependsOn: [], networks: [], secrets: [], envFiles: [],
    credentials: {}, createdSlots: [], unsupportedKeys: [], ...extra,
  };
}
const port = (hostPort: number) => ({ hostIp: '127.0.0.1', hostPort, containerPort: 5432, protocol: 'tcp' as const });
function topologyOf(services: ServiceModel[], secrets: Topology['secrets'] = {}): Topology {
  return { uri: 'file:///ws/stack/compose.yaml', project: 'stack', services, edges: [], volumes: [], networks: [], secrets };
}
/** A fake file system: reads are recorded, unknown files are absent. */
function files(content: Record<string, string>) {
  const read: string[] = [];
  return { read, readFile: (file: string) => (read.push(file), content[file]) };
}

describe('monitor/credentials', () => {
  it('parses pgpass lines, escapes, comments and wildcards', () => {
    assert.deepStrictEqual(parsePgpass('# comment\n*:*:*:replicator:pw\nhost\\:x:5432:db:u:p\\:a:ss\n\nbad:line\n'), [
      { host: '*', port: '*', database: '*', user: 'replicator', password: 'pw' },
      { host: 'host:x', port: '5432', database: 'db', user: 'u', password: 'p:a:ss' },
    ]);
  });

  it('maps container paths to host files: compose secrets next to the compose file, bind mounts, nothing else', () => {
    const db = service('db', 'primary', { volumes: [{ type: 'bind', source: '/ws/stack/conf', target: '/etc/pg', readOnly: true }] });
    const t = topologyOf([db], { pw: { file: './secrets/pw.txt' }, abs: { file: '/opt/pw' } });
    assert.strictEqual(hostPathOf(t, db, '/run/secrets/pw'), '/ws/stack/secrets/pw.txt');
    assert.strictEqual(hostPathOf(t, db, '/run/secrets/abs'), '/opt/pw');
    assert.strictEqual(hostPathOf(t, db, '/etc/pg/pgpass'), '/ws/stack/conf/pgpass');
    // A container-only path must not be read from this machine, where it names some other file.
    assert.strictEqual(hostPathOf(t, db, '/tmp/pgpass'), undefined);
    assert.strictEqual(hostPathOf(t, db, '/run/secrets/unknown'), undefined);
    const fs = files({ '/ws/stack/secrets/pw.txt': 'secret\r\n' });
    assert.strictEqual(readSecret(t, db, '/run/secrets/pw', fs.readFile), 'secret');
    assert.strictEqual(readSecret(t, db, '/tmp/pgpass', fs.readFile), undefined);
    assert.deepStrictEqual(fs.read, ['/ws/stack/secrets/pw.txt']);
  });

  it('finds a replica’s replication login: environment, *_FILE, PGPASSFILE through a mount, pgpass secret', () => {
    const secrets = { rep: { file: './rep.txt' }, pgpass: { file: './pgpass' }, other: { file: './other.txt' } };
    const fs = files({ '/ws/stack/rep.txt': 'from-file\n', '/ws/stack/pgpass': 'h:5432:replication:repl:from-pgpass\n', '/ws/stack/conf/.pgpass': '*:*:*:*:from-passfile\n', '/ws/stack/other.txt': 'plain\n' });
    const cases: [Partial<ServiceModel>, unknown][] = [
      [{ replicationUser: 'repl', environment: { PGPASSWORD: 'inline' } }, { user: 'repl', password: 'inline', source: 'r: PGPASSWORD' }],
      [{ replicationUser: 'repl', environment: { POSTGRES_REPLICATION_PASSWORD_FILE: '/run/secrets/rep' } }, { user: 'repl', password: 'from-file', source: 'r: POSTGRES_REPLICATION_PASSWORD_FILE' }],
      [
        { replicationUser: 'repl', environment: { PGPASSFILE: '/conf/.pgpass' }, volumes: [{ type: 'bind', source: '/ws/stack/conf', target: '/conf', readOnly: true }] },
        { user: 'repl', password: 'from-passfile', source: 'r: PGPASSFILE' },
      ],
      [{ replicationUser: 'repl', environment: { PGPASSFILE: '/tmp/pgpass' }, secrets: ['other', 'pgpass'] }, { user: 'repl', password: 'from-pgpass', source: 'r: pgpass secret pgpass' }],
      [{ replicationUser: 'nobody', secrets: ['pgpass'] }, { user: 'nobody', source: 'r: user only (no password found)' }],
      [{ environment: { POSTGRESQL_REPLICATION_USER: 'bn', POSTGRESQL_REPLICATION_PASSWORD: 'x' } }, { user: 'bn', password: 'x', source: 'r: POSTGRESQL_REPLICATION_PASSWORD' }],
    ];
    for (const [extra, expected] of cases) {
      const replica = service('r', 'replica', extra);
      assert.deepStrictEqual(replicationCredentialsOf(topologyOf([replica], secrets), replica, fs.readFile), expected, JSON.stringify(extra));
    }
    assert.strictEqual(clusterReplicationCredentials(topologyOf([service('p', 'primary')])), undefined);
  });

  it('gives every target the superuser password from a relative secret file and the cluster’s replication login', () => {
    const fs = files({ '/ws/stack/secrets/pw.txt': 'super\n', '/ws/stack/secrets/rep.pgpass': '*:*:*:replicator:rep\n' });
    const t = topologyOf(
      [
        service('db', 'primary', { ports: [port(15432)], credentials: { user: 'postgres', passwordFile: '/run/secrets/pw' } }),
        service('r1', 'replica', { ports: [port(15433)], upstream: 'db', replicationUser: 'replicator', credentials: { user: 'replicator' }, secrets: ['pw', 'rep'] }),
      ],
      { pw: { file: './secrets/pw.txt' }, rep: { file: 'secrets/rep.pgpass' } },
    );
    const { targets } = targetsFromTopology(t, fs.readFile);
    assert.deepStrictEqual(targets.map((x) => [x.service, x.user, x.password, x.replication?.user, x.replication?.password]), [
      ['db', 'postgres', 'super', 'replicator', 'rep'],
      ['r1', 'postgres', 'super', 'replicator', 'rep'],
    ]);
    const [filled] = fillSecretPasswords(t, [{ ...targets[0], password: undefined }], fs.readFile);
    assert.strictEqual(filled.password, 'super');
  });

  it('reads the real example stack’s secret files whatever the working directory', () => {
    const cwd = process.cwd();
    const example = loadTopology('examples/ha-stack/compose.yaml');
    try {
      process.chdir('/');
      const { targets } = targetsFromTopology(example);
      assert.deepStrictEqual(targets.map((x) => [x.service, x.user, typeof x.password]), [
        ['primary', 'postgres', 'string'],
        ['replica1', 'postgres', 'string'],
        ['replica2', 'postgres', 'string'],
      ]);
      assert.deepStrictEqual([targets[0].replication?.user, typeof targets[0].replication?.password], ['replicator', 'string']);
    } finally {
      process.chdir(cwd);
    }
  });

  it('says what to do when no password is known (instead of node-postgres’ "must be a string")', () => {
    const { state, detail } = classifyConnectionError(new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'));
    assert.strictEqual(state, 'authentication failed');
    assert.match(detail, /no password known for this node.*set PGPASSWORD/);
  });
});
