import * as assert from 'node:assert/strict';
import { admitsReplication, parseHbaLine } from '../../core/hbaLine';

describe('core/hbaLine', () => {
  it('reads local and host lines, with a CIDR address or an address and mask apart', () => {
    assert.deepEqual(parseHbaLine('local   all   all   peer'), { type: 'local', databases: ['all'], users: ['all'], address: undefined, method: 'peer' });
    assert.deepEqual(parseHbaLine('hostssl replication,app rep,adm 10.0.0.0/8 scram-sha-256 clientcert=verify-ca # tls'), {
      type: 'hostssl', databases: ['replication', 'app'], users: ['rep', 'adm'], address: '10.0.0.0/8', method: 'scram-sha-256',
    });
    assert.equal(parseHbaLine('host replication all 10.0.0.0 255.0.0.0 md5')?.method, 'md5');
    assert.equal(parseHbaLine('host all all samenet trust')?.address, 'samenet');
  });

  it('is nothing for comments, blank, unknown or incomplete lines', () => {
    for (const line of ['', '# host all all all md5', 'include other.conf', 'host all all', 'host replication all all']) assert.equal(parseHbaLine(line), undefined, line);
  });

  it('admits replication only through the replication keyword', () => {
    assert.equal(admitsReplication(parseHbaLine('host replication all all md5')!), true);
    assert.equal(admitsReplication(parseHbaLine('host all all all md5')!), false);
  });
});
