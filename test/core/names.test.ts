import * as assert from 'node:assert/strict';
import { containerName, networkName, serviceHostNames, volumeName } from '../../core/names';

describe('core/names (compose v2 naming)', () => {
  it('names containers, volumes and networks as docker compose does', () => {
    assert.equal(containerName('ha', 'db'), 'ha-db-1');
    assert.equal(containerName('ha', 'db', 'main-db'), 'main-db');
    assert.equal(volumeName('ha', 'db-data'), 'ha_db-data');
    assert.equal(networkName('ha', 'default'), 'ha_default');
  });

  it('lists the host names other containers reach a service by, container_name included', () => {
    assert.deepEqual(serviceHostNames('ha', 'db'), ['db', 'ha-db-1', 'ha_db_1']);
    assert.deepEqual(serviceHostNames('ha', 'db', 'main-db'), ['db', 'main-db']);
    assert.deepEqual(serviceHostNames('ha', 'db', 'db'), ['db']);
  });
});
