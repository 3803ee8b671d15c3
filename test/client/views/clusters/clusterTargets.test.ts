import * as assert from 'assert';
import { mergeClusters } from '../../../../client/src/views/clusters/clusterList';
import { loadTopology } from '../../../../cluster/runtime/topologySource';
import { clusterTargets, fillSecretPasswords, inheritPrimaryCredentials } from '../../../../client/src/views/clusters/clusterTargets';
import { runtimeNode, runtimeProject, target, topology } from '../fixtures';

describe('cluster targets', () => {
  it('gives replicas without a password their primary’s credentials (a physical copy has the same roles)', () => {
    const primary = { ...target('primary', 15432, 'primary'), user: 'admin', password: 'secret', database: 'app' };
    const replica = { ...target('replica1', 15433, 'replica'), password: undefined, upstream: 'primary' };
    const [, inherited] = inheritPrimaryCredentials([primary, replica]);
    assert.deepStrictEqual([inherited.user, inherited.password, inherited.database], ['admin', 'secret', 'app']);
  });

  it('keeps a replica’s own password and leaves unknown ones unknown (asked once later)', () => {
    const own = { ...target('replica1', 15433, 'replica'), password: 'mine' };
    const lonely = { ...target('replica2', 15434, 'replica'), password: undefined };
    const [a, b] = inheritPrimaryCredentials([own, lonely]);
    assert.strictEqual(a.password, 'mine');
    assert.strictEqual(b.password, undefined);
  });

  it('adds running containers the compose model does not know (a replica added from the tree)', () => {
    const t = topology();
    t.services[0].environment = { POSTGRES_PASSWORD: 'pw' };
    const [cluster] = mergeClusters(
      [{ uri: t.uri, fsPath: '/ws/ha-stack/compose.yaml', topology: t }],
      [runtimeProject([runtimeNode('primary', 'primary'), runtimeNode('replica3', 'replica', 'running', 15435)], 'ha-stack')],
      [],
    );
    const { targets } = clusterTargets(cluster);
    assert.deepStrictEqual(targets.map((x) => [x.service, x.port, x.password]), [
      ['primary', 15432, 'pw'],
      ['replica1', 15433, 'pw'],
      ['replica2', 15434, 'pw'],
      ['replica3', 15435, 'pw'],
    ]);
  });

  it('reports a bad attached connection string instead of throwing', () => {
    const { targets, problems } = clusterTargets({ id: 'attached', project: 'attached', nodes: [], state: 'attached', connections: ['nonsense'] });
    assert.deepStrictEqual(targets, []);
    assert.match(problems[0], /pgha.attach.connections: connection 1/);
  });
});

describe('cluster targets from compose secrets', () => {
  it('reads POSTGRES_PASSWORD_FILE=/run/secrets/<name> from the secret file next to the compose file', () => {
    const t = topology('ha-stack', 'file:///ws/ha-stack/compose.yaml');
    t.services[0].credentials = { user: 'postgres', passwordFile: '/run/secrets/postgres_password', database: 'postgres' };
    t.secrets = { postgres_password: { file: './secrets/pw.txt' } };
    const read: string[] = [];
    const [primary] = fillSecretPasswords(t, [{ ...target('primary', 15432, 'primary'), password: undefined }], (file) => {
      read.push(file);
      return 'from-file\n';
    });
    assert.strictEqual(primary.password, 'from-file');
    assert.deepStrictEqual(read, ['/ws/ha-stack/secrets/pw.txt']);
  });

  it('gives the real example stack a password for every node', () => {
    const example = loadTopology('examples/ha-stack/compose.yaml');
    const [cluster] = mergeClusters([{ uri: example.uri, fsPath: '/x', topology: example }], [], []);
    const { targets } = clusterTargets(cluster);
    assert.deepStrictEqual(targets.map((x) => [x.service, x.user, typeof x.password]), [
      ['primary', 'postgres', 'string'],
      ['replica1', 'postgres', 'string'],
      ['replica2', 'postgres', 'string'],
    ]);
  });
});
