import * as assert from 'node:assert/strict';
import { loginOf } from '../../../../client/src/commands/cluster/psqlLogin';
import { service } from '../../views/fixtures';

describe('psql login', () => {
  const primary = { ...service('primary', 'primary'), credentials: { user: 'admin', database: 'app' } };
  const replica = { ...service('replica1', 'replica'), credentials: { user: 'replicator' } };
  const topology = { services: [primary, replica] } as never;

  it('logs in on a replica as the compose model superuser, not the replication role', () => {
    assert.deepEqual(loginOf({ topology }, replica), { user: 'admin', database: 'app' });
  });

  it('uses the node\'s own credentials on a primary, and postgres when nothing is known', () => {
    assert.deepEqual(loginOf({ topology }, primary), { user: 'admin', database: 'app' });
    assert.deepEqual(loginOf({ topology: undefined }, undefined), { user: 'postgres', database: 'postgres' });
  });
});
