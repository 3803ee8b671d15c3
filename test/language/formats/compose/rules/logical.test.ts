import * as assert from 'assert';
import { getLanguageService } from '../../../../../language/service/languageService';
import { SqlParserHost } from '../../../../../language/sql/parser';
import { memoryFs, testCatalog, textDoc } from '../helpers';
import { check, PUB_SCHEMA, stack, SUB_SCHEMA, SUBSCRIPTION } from './logicalSupport';

describe('compose logical replication rules (init SQL read with PostgreSQL’s parser)', function () {
  this.timeout(30_000);

  it('is quiet on a publisher/subscriber pair set up right, but for the sequences it cannot carry', async () => {
    const found = await check({
      'pub/01.sql': 'CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\nCREATE PUBLICATION shop FOR TABLE orders;\n',
      'sub/01.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n' + SUBSCRIPTION,
    });
    assert.deepStrictEqual(found.map((f) => [f.code, f.severity]), [['compose/logical-sequences', 3]]);
    assert.match(found[0].message, /public\.orders_id_seq on "publisher".*setval\(\)/);
  });

  it('predicts the UPDATE/DELETE failure of a published table without a primary key, naming file and line', async () => {
    const found = await check({ 'pub/01.sql': PUB_SCHEMA + 'CREATE PUBLICATION shop FOR TABLE orders, events;\n', 'sub/01.sql': SUB_SCHEMA + SUBSCRIPTION });
    const [identity] = found.filter((f) => f.code === 'compose/logical-no-replica-identity');
    assert.ok(identity, JSON.stringify(found));
    assert.strictEqual(identity.line, 6);
    assert.match(identity.message, /^Table public\.events \(\.\/pub\/01\.sql \(line 2\)\) has no primary key or replica identity, and publication "shop" publishes update and delete: .*"cannot update table "events" because it does not have a replica identity and publishes updates"\. Add a primary key, or ALTER TABLE events REPLICA IDENTITY FULL\.$/);
  });

  it('is quiet when the publication sends inserts only, or the table has REPLICA IDENTITY FULL', async () => {
    for (const pub of ["CREATE PUBLICATION shop FOR TABLE orders, events WITH (publish = 'insert');", 'ALTER TABLE events REPLICA IDENTITY FULL;\nCREATE PUBLICATION shop FOR TABLE orders, events;']) {
      const found = await check({ 'pub/01.sql': PUB_SCHEMA + pub, 'sub/01.sql': SUB_SCHEMA + SUBSCRIPTION });
      assert.deepStrictEqual(found, [], pub);
    }
  });

  it('says CREATE SUBSCRIPTION fails when the subscriber lacks a published table, or creates it only after subscribing', async () => {
    const missing = await check({ 'pub/01.sql': PUB_SCHEMA + 'CREATE PUBLICATION shop FOR TABLE orders;', 'sub/01.sql': SUBSCRIPTION });
    assert.deepStrictEqual(missing.map((f) => f.code), ['compose/logical-table-missing']);
    assert.match(missing[0].message, /"relation "public\.orders" does not exist"\. Logical replication copies rows, not the schema/);
    const late = await check({ 'pub/01.sql': PUB_SCHEMA + 'CREATE PUBLICATION shop FOR TABLE orders;', 'sub/01.sql': SUBSCRIPTION, 'sub/02.sql': SUB_SCHEMA });
    assert.match(late[0].message, /does not create that table before it/);
  });

  it('needs wal_level = logical on the publisher of a subscription in the stack', async () => {
    const found = await check({ 'pub/01.sql': PUB_SCHEMA + 'CREATE PUBLICATION shop FOR TABLE orders;', 'sub/01.sql': SUB_SCHEMA + SUBSCRIPTION }, stack(15, 17, 'postgres -c wal_level=replica'));
    assert.deepStrictEqual(found.map((f) => [f.code, f.line]), [['compose/logical-wal-level', 4]]);
    assert.match(found[0].message, /"logical decoding requires wal_level >= logical"/);
  });

  it('names a missing publication and an unknown host', async () => {
    const wrongName = await check({ 'pub/01.sql': PUB_SCHEMA + 'CREATE PUBLICATION store FOR TABLE orders;', 'sub/01.sql': SUB_SCHEMA + SUBSCRIPTION });
    assert.deepStrictEqual(wrongName.map((f) => f.code), ['compose/logical-publication-missing']);
    const wrongHost = await check({ 'pub/01.sql': PUB_SCHEMA + 'CREATE PUBLICATION shop FOR TABLE orders;', 'sub/01.sql': SUB_SCHEMA + SUBSCRIPTION.replace('host=publisher', 'host=pub') });
    assert.deepStrictEqual(wrongHost.map((f) => f.code), ['compose/logical-host-unknown']);
  });

  it('refuses options and publication features the major does not have, as PostgreSQL would', async () => {
    const found = await check(
      {
        'pub/01.sql': PUB_SCHEMA + 'CREATE PUBLICATION shop FOR TABLE orders WHERE (id > 0);',
        'sub/01.sql': SUB_SCHEMA + SUBSCRIPTION.replace(';', ' WITH (disable_on_error = true, streaming = parallel);'),
      },
      stack(14, 15),
    );
    const messages = found.filter((f) => f.code === 'compose/logical-option-not-in-major').map((f) => f.message);
    assert.strictEqual(messages.length, 2, JSON.stringify(found));
    assert.ok(messages.some((m) => /streaming = parallel exists from PostgreSQL 16 on; 15 accepts only on or off/.test(m)));
    assert.ok(messages.some((m) => /row filters \(WHERE\) and column lists in a publication exist from PostgreSQL 15 on; 14 stops/.test(m)));
  });

  it('reports a syntax error of an init .sql at its line and column, with PostgreSQL’s message', async () => {
    const found = await check({ 'pub/01.sql': 'CREATE TABLE a (id int);\nCREATE TABL b (id int);\n' });
    assert.deepStrictEqual(found.map((f) => f.code), ['compose/init-sql-syntax']);
    assert.match(found[0].message, /^\.\/pub\/01\.sql line 2, column 8: syntax error at or near "TABL"\. The entrypoint runs init SQL with ON_ERROR_STOP/);
  });

  it('leaves SQL the shell expands alone, and waits for the parser instead of guessing', async () => {
    const shell = 'psql <<-EOSQL\n\tCREATE ROLE $USER_NAME$SUFFIX LOGIN;\nEOSQL\n';
    assert.deepStrictEqual(await check({ 'pub/01.sh': shell }), []);
    const unloaded = getLanguageService({ catalog: testCatalog(), fs: memoryFs({ '/work/project/pub/01.sql': 'CREATE TABL x;' }), sql: new SqlParserHost() });
    assert.deepStrictEqual(unloaded.getDiagnostics(textDoc(stack())).filter((d) => String(d.code).startsWith('compose/init-sql')), []);
  });

  describe('room for the processes (slots, WAL senders, workers; thresholds from real servers)', () => {
    const files = (subscriptionOptions = '') => ({ 'pub/01.sql': PUB_SCHEMA + 'CREATE PUBLICATION shop FOR TABLE orders, events;', 'sub/01.sql': SUB_SCHEMA + SUBSCRIPTION.replace(';', `${subscriptionOptions};`) });
    const limits = async (publisher: string, subscriber = 'postgres', options = '') =>
      (await check(files(options), stack(15, 17, `postgres -c wal_level=logical ${publisher}`, subscriber))).filter((f) => !/identity|sequences/.test(f.code));

    it('is quiet with the defaults (10 slots and senders, 4 workers, 8 processes)', async () => {
      assert.deepStrictEqual(await limits(''), []);
    });

    it('says the copy never finishes when the publisher has only the apply worker’s slot or sender', async () => {
      const [slots] = await limits('-c max_replication_slots=1');
      assert.strictEqual(slots.code, 'compose/logical-slots');
      assert.strictEqual(slots.severity, 1);
      assert.match(slots.message, /^"publisher" runs with max_replication_slots = 1 \(the command of "publisher"\) but needs 3 for the slots of subscriptions "s" plus 2 table-sync slots: the apply workers take all 1, .*"all replication slots are in use" \(hint: "Free one or increase max_replication_slots\."\).*Set max_replication_slots=3 or more/);
      const [senders] = await limits('-c max_wal_senders=1');
      assert.strictEqual(senders.code, 'compose/logical-wal-senders');
      assert.match(senders.message, /"number of requested standby connections exceeds max_wal_senders \(currently 1\)"/);
    });

    it('warns when the sync workers cannot all run at once, and is quiet without a copy', async () => {
      const [slots] = await limits('-c max_replication_slots=2');
      assert.deepStrictEqual([slots.code, slots.severity], ['compose/logical-slots', 2]);
      assert.match(slots.message, /the initial copy still finishes, but slower/);
      assert.deepStrictEqual(await limits('-c max_replication_slots=1', 'postgres', ' WITH (copy_data = false)'), []);
      const [none] = await limits('-c max_replication_slots=0');
      assert.match(none.message, /CREATE SUBSCRIPTION fails with "could not create replication slot"/);
    });

    it('counts the subscriber’s logical replication workers and background workers (quoted names from 17 on)', async () => {
      const [workers] = await limits('', 'postgres -c max_logical_replication_workers=1');
      assert.deepStrictEqual([workers.code, workers.severity], ['compose/logical-workers', 1]);
      assert.match(workers.message, /"out of logical replication worker slots" \(hint: "You might need to increase "max_logical_replication_workers"\."\)/);
      const [processes] = await limits('', 'postgres -c max_worker_processes=2');
      assert.deepStrictEqual([processes.code, processes.severity], ['compose/logical-worker-processes', 1]);
      assert.match(processes.message, /needs 4 for the logical replication launcher, the apply workers of "s" plus 2 table-sync workers/);
      assert.deepStrictEqual(await limits('', 'postgres -c max_worker_processes=2', ' WITH (enabled = false)'), []);
    });
  });
});
