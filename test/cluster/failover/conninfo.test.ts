import * as assert from 'assert';
import { formatConninfo, parseConninfo, repointConninfo } from '../../../cluster/failover/conninfo';

describe('failover/conninfo', () => {
  it('parses what pg_basebackup -R writes, quoted values included', () => {
    const values = parseConninfo(`user=replicator password='it\\'s a \\\\secret' channel_binding=prefer host=primary port=5432 sslmode=prefer`);
    assert.strictEqual(values.get('user'), 'replicator');
    assert.strictEqual(values.get('host'), 'primary');
    assert.strictEqual(values.get('password'), "it's a \\secret");
  });
  it('round-trips values that need quoting', () => {
    const values = new Map([['user', 'postgres'], ['password', "a b'c\\d"], ['host', 'primary']]);
    assert.deepStrictEqual(parseConninfo(formatConninfo(values)), values);
  });
  it('re-points host and port, keeps credentials and options, adds application_name once', () => {
    const next = parseConninfo(repointConninfo('user=rep password=pw host=primary hostaddr=10.0.0.2 port=5432 sslmode=prefer', 'replica1', 5432, 'replica2'));
    assert.deepStrictEqual([...next], [['user', 'rep'], ['password', 'pw'], ['host', 'replica1'], ['port', '5432'], ['sslmode', 'prefer'], ['application_name', 'replica2']]);
    const kept = parseConninfo(repointConninfo('host=a port=1 application_name=mine', 'b', 2, 'other'));
    assert.strictEqual(kept.get('application_name'), 'mine');
  });
});
