import * as assert from 'node:assert/strict';
import type { PublishedPort, ServiceModel } from '../../core/model/topology';
import { postgresContainerPort, postgresEndpoint, reachableHost } from '../../core/postgresPort';

const port = (containerPort: number, hostPort?: number, hostIp?: string, protocol: 'tcp' | 'udp' = 'tcp'): PublishedPort => ({ containerPort, hostPort, hostIp, protocol });
type Facts = Pick<ServiceModel, 'settings' | 'environment' | 'ports' | 'flavor'>;
const service = (extra: Partial<Facts>): Facts => ({ settings: [], environment: {}, ports: [], flavor: 'official', ...extra });

describe('core/postgresPort', () => {
  it('takes the port from the command line, then PGPORT, then (Bitnami) POSTGRESQL_PORT_NUMBER, else 5432', () => {
    assert.equal(postgresContainerPort(service({})), 5432);
    assert.equal(postgresContainerPort(service({ environment: { PGPORT: '6000' } })), 6000);
    const command = [{ name: 'port', value: '6001' }, { name: 'port', value: '6002' }];
    assert.equal(postgresContainerPort(service({ settings: command, environment: { PGPORT: '6000' } })), 6002, 'the last -c port= wins, as in postgres');
    assert.equal(postgresContainerPort(service({ environment: { POSTGRESQL_PORT_NUMBER: '6003' } })), 5432, 'only Bitnami images read it');
    assert.equal(postgresContainerPort(service({ flavor: 'bitnami', environment: { POSTGRESQL_PORT_NUMBER: '6003' } })), 6003);
    assert.equal(postgresContainerPort(service({ environment: { PGPORT: 'x' } })), 5432, 'not a port: the default');
  });

  it('finds the published TCP port of that port and the address to dial', () => {
    const published = service({ environment: { PGPORT: '6000' }, ports: [port(5432, 15432), port(6000, 16000, '0.0.0.0', 'udp'), port(6000, 16001, '::')] });
    assert.deepEqual(postgresEndpoint(published), { host: '127.0.0.1', port: 16001 });
    assert.equal(postgresEndpoint(service({ ports: [port(5432)] })), undefined, 'no host port: not reachable');
    assert.deepEqual(postgresEndpoint(service({ ports: [port(5432, 15432, '192.0.2.1')] })), { host: '192.0.2.1', port: 15432 });
    assert.equal(reachableHost(undefined), '127.0.0.1');
  });
});
