import * as assert from 'node:assert/strict';
import { admitsReplication, hbaRulesOf } from '../../../../language/formats/pghba/rulesOf';

describe('pghba/rulesOf: rules in text found elsewhere (init scripts, environment values)', () => {
  it('reads local and host lines, a separate netmask included, and skips what is no rule', () => {
    const [local, ssl, masked] = hbaRulesOf('local all all peer\nhostssl replication,app rep,adm 10.0.0.0/8 scram-sha-256 # tls\n# host all all all md5\nhost replication all 10.0.0.0 255.0.0.0 md5\n');
    assert.deepEqual([local.connectionType, local.method, local.address], ['local', 'peer', undefined]);
    assert.deepEqual([ssl.connectionType, ssl.databases.map((t) => t.text), ssl.roles.map((t) => t.text), ssl.method], ['hostssl', ['replication', 'app'], ['rep', 'adm'], 'scram-sha-256']);
    assert.equal(masked.method, 'md5');
    assert.deepEqual(hbaRulesOf(''), []);
  });

  it('admits replication only through the unquoted replication keyword', () => {
    const verdicts = hbaRulesOf('host replication all all md5\nhost all all all md5\nhost "replication" all all md5').map(admitsReplication);
    assert.deepEqual(verdicts, [true, false, false]);
  });
});
