import * as assert from 'assert';
import { parseConninfo } from '../../../core/conninfo';
import { unquoteGucString } from '../../../core/guc';
import { repointConninfo, standbyEnvironment } from '../../../cluster/failover/conninfo';

describe('failover/conninfo', () => {
  it('re-points host and port, keeps credentials and options, adds application_name once', () => {
    const next = parseConninfo(repointConninfo('user=rep password=pw host=primary hostaddr=10.0.0.2 port=5432 sslmode=prefer', 'replica1', 5432, 'replica2'));
    assert.deepStrictEqual([...next], [['user', 'rep'], ['password', 'pw'], ['host', 'replica1'], ['port', '5432'], ['sslmode', 'prefer'], ['application_name', 'replica2']]);
    const kept = parseConninfo(repointConninfo('host=a port=1 application_name=mine', 'b', 2, 'other'));
    assert.strictEqual(kept.get('application_name'), 'mine');
  });

  it('writes the standby lines quoted twice: for libpq inside, for the config file outside', () => {
    const password = "it's a \\ secret\\'";
    const env = standbyEnvironment(new Map([['user', 'replicator'], ['password', password], ['host', 'primary']]), 'replica3');
    assert.strictEqual(env.PGHA_CONNINFO_LINE, "primary_conninfo = 'user=replicator password=''it\\\\''s a \\\\\\\\ secret\\\\\\\\\\\\'''' host=primary'");
    const conninfo = unquoteGucString(env.PGHA_CONNINFO_LINE.slice('primary_conninfo = '.length));
    assert.strictEqual(parseConninfo(conninfo).get('password'), password);
    assert.strictEqual(env.PGHA_REPLICATION, 'user=replicator host=primary');
    assert.strictEqual(env.PGHA_PASSWORD, password);
    assert.strictEqual(env.PGHA_SLOT_LINE, "primary_slot_name = 'replica3'");
  });
});
