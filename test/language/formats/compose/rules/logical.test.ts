import * as assert from 'assert';
import { getLanguageService } from '../../../../../language/service/languageService';
import { SqlParserHost } from '../../../../../language/sql/parser';
import { memoryFs, testCatalog, textDoc } from '../helpers';

const stack = (publisherMajor = 15, subscriberMajor = 17, publisherCommand = 'postgres -c wal_level=logical') => `services:
  publisher:
    image: postgres:${publisherMajor}
    environment: { POSTGRES_PASSWORD_FILE: /run/secrets/pw }
    command: ${publisherCommand}
    volumes:
      - ./pub:/docker-entrypoint-initdb.d:ro
  subscriber:
    image: postgres:${subscriberMajor}
    environment: { POSTGRES_PASSWORD_FILE: /run/secrets/pw }
    depends_on: { publisher: { condition: service_healthy } }
    volumes:
      - ./sub:/docker-entrypoint-initdb.d:ro
`;

const PUB_SCHEMA = 'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\nCREATE TABLE events (at timestamptz, body jsonb);\n';
const SUB_SCHEMA = 'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\nCREATE TABLE events (at timestamptz, body jsonb);\n';
const SUBSCRIPTION = "CREATE SUBSCRIPTION s CONNECTION 'host=publisher dbname=postgres user=rep password=x' PUBLICATION shop;\n";

async function check(files: Record<string, string>, text = stack()) {
  const sql = new SqlParserHost();
  await sql.load();
  const all = Object.fromEntries(Object.entries(files).map(([name, content]) => [`/work/project/${name}`, content]));
  const service = getLanguageService({ catalog: testCatalog(), fs: memoryFs(all), sql });
  const doc = textDoc(text);
  return service.getDiagnostics(doc).filter((d) => /^compose\/(logical|init-sql)/.test(String(d.code))).map((d) => ({ code: String(d.code), line: d.range.start.line, message: d.message, severity: d.severity }));
}

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
});
