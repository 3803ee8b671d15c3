import * as assert from 'assert';
import { describeOutdated, RECREATE_ACTION } from '../../../../client/src/commands/cluster/outdated';

describe('commands/cluster/outdated: warning after "Start cluster" reused old containers', () => {
  it('says nothing when every container matches the compose file', () => {
    assert.strictEqual(describeOutdated('ha', []), undefined);
  });

  it('names the outdated services, says the change is not applied, and what the action does', () => {
    const one = describeOutdated('ha', ['replica1'])!;
    assert.match(one, /^PostgreSQL HA: ha: replica1 still runs as created before the compose file changed; the change is not applied\./);
    assert.ok(one.includes(`"${RECREATE_ACTION}"`), one);
    assert.match(one, /volumes and their data are kept/);
    assert.match(describeOutdated('ha', ['primary', 'replica1'])!, /primary, replica1 still run as created/);
  });
});
