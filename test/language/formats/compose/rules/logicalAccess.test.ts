import * as assert from 'assert';
import { check, PUB_SCHEMA, stack, SUB_SCHEMA, SUBSCRIPTION } from './logicalSupport';

const PUBLICATION = 'CREATE PUBLICATION shop FOR TABLE orders, events WITH (publish = insert);\n';
const subscribe = (user: string, extra = '') => `CREATE SUBSCRIPTION s CONNECTION 'host=publisher dbname=app user=${user} password=x' PUBLICATION shop${extra};\n`;
const access = async (pub: string, user: string, options: { text?: string; extraFiles?: Record<string, string>; extra?: string } = {}) =>
  (await check({ 'pub/01.sql': PUB_SCHEMA + pub + PUBLICATION, 'sub/01.sql': SUB_SCHEMA + subscribe(user, options.extra), ...options.extraFiles }, options.text)).filter((f) => /user|hba/.test(f.code));

describe('compose logical replication: the subscription’s role and pg_hba line on the publisher', function () {
  this.timeout(30_000);

  it('is quiet for a role with REPLICATION and SELECT, the image’s superuser, a SUPERUSER role, or pg_read_all_data', async () => {
    assert.deepStrictEqual(await access('CREATE ROLE rep LOGIN REPLICATION;\nGRANT SELECT ON orders, events TO rep;\n', 'rep'), []);
    assert.deepStrictEqual(await access('', 'postgres'), []);
    assert.deepStrictEqual(await access('CREATE USER admin SUPERUSER;\n', 'admin'), []);
    assert.deepStrictEqual(await access('CREATE ROLE rep LOGIN REPLICATION;\nGRANT pg_read_all_data TO rep;\n', 'rep'), []);
    assert.deepStrictEqual(await access('CREATE ROLE rep LOGIN REPLICATION;\nGRANT SELECT ON ALL TABLES IN SCHEMA public TO rep;\n', 'rep'), []);
  });

  it('says the role is missing, lacks REPLICATION (wording by major) or SELECT, with the servers’ messages', async () => {
    const [missing] = await access('', 'ghost');
    assert.strictEqual(missing.code, 'compose/logical-user-missing');
    assert.match(missing.message, /"password authentication failed for user "ghost""/);
    const norep = await access('CREATE ROLE rep LOGIN;\nGRANT SELECT ON orders TO rep;\n', 'rep', { text: stack(17, 17) });
    assert.deepStrictEqual(norep.map((f) => f.code), ['compose/logical-user-no-replication', 'compose/logical-user-no-select']);
    assert.match(norep[0].message, /"permission denied to start WAL sender"\. Give it the attribute: ALTER ROLE rep REPLICATION\.$/);
    assert.match(norep[1].message, /may not read events: the initial copy stops with "could not start initial contents copy for table "public\.events": ERROR: {2}permission denied for table events"/);
    const [old] = await access('CREATE ROLE rep LOGIN;\nGRANT SELECT ON orders, events TO rep;\n', 'rep', { text: stack(15, 17) });
    assert.match(old.message, /"must be superuser or replication role to start walsender"/);
  });

  it('stays quiet when the files cannot tell: shell scripts, memberships, default privileges, SET ROLE, no copy', async () => {
    const sh = { 'pub/02.sh': '#!/bin/sh\npsql -c "CREATE ROLE $REPL_USER LOGIN REPLICATION"\n' };
    assert.deepStrictEqual(await access('', 'ghost', { extraFiles: sh }), []);
    assert.deepStrictEqual(await access('CREATE ROLE rep LOGIN REPLICATION;\nGRANT readers TO rep;\n', 'rep'), []);
    assert.deepStrictEqual(await access('CREATE ROLE rep LOGIN REPLICATION;\nALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO rep;\n', 'rep'), []);
    assert.deepStrictEqual(await access('CREATE ROLE rep LOGIN REPLICATION;\nSET ROLE rep;\n', 'rep'), []);
    assert.deepStrictEqual(await access('CREATE ROLE rep LOGIN REPLICATION;\n', 'rep', { extra: ' WITH (copy_data = false)' }), []);
  });

  it('reads a mounted pg_hba.conf: a logical subscription is matched by its database, not by "replication"', async () => {
    const withHba = (lines: string) => ({
      text: stack(17, 17, 'postgres -c wal_level=logical -c hba_file=/etc/postgresql/pg_hba.conf').replace('      - ./pub:/docker-entrypoint-initdb.d:ro\n', '      - ./pub:/docker-entrypoint-initdb.d:ro\n      - ./hba.conf:/etc/postgresql/pg_hba.conf:ro\n'),
      extraFiles: { 'hba.conf': lines },
    });
    const role = 'CREATE ROLE rep LOGIN REPLICATION;\nGRANT SELECT ON orders, events TO rep;\n';
    const [missing] = await access(role, 'rep', withHba('host replication rep samenet scram-sha-256\n'));
    assert.strictEqual(missing?.code, 'compose/logical-hba');
    assert.match(missing.message, /no line of the pg_hba\.conf mounted into "publisher" \(\.\/hba\.conf\) lets it in .*"no pg_hba\.conf entry for host …, user "rep", database "app", …"\. .*add "host app rep samenet scram-sha-256"/);
    const [rejected] = await access(role, 'rep', withHba('host all rep 0.0.0.0/0 reject\nhost all all samenet scram-sha-256\n'));
    assert.match(rejected.message, /line 1 of the pg_hba\.conf .* rejects it/);
    assert.deepStrictEqual(await access(role, 'rep', withHba('host app rep samenet scram-sha-256\n')), []);
    assert.deepStrictEqual(await access(role, 'rep', withHba('host app rep 172.18.0.0/16 scram-sha-256\n')), [], 'an address that may be the stack’s: cannot tell');
  });
});

describe('compose logical replication: table definitions that differ between the two sides (DDL is not replicated)', function () {
  this.timeout(30_000);
  const differs = async (pub: string, sub: string, subscriberMajor = 17) =>
    (await check({ 'pub/01.sql': pub + 'CREATE PUBLICATION shop FOR TABLE orders;\n', 'sub/01.sql': sub + SUBSCRIPTION }, stack(15, subscriberMajor))).filter((f) => f.code === 'compose/logical-ddl-differs');

  it('warns of columns the subscriber lacks with the server’s message (by major), informs of other types, accepts extra columns', async () => {
    const [missing] = await differs('CREATE TABLE orders (id int PRIMARY KEY, note text, extra int);\n', 'CREATE TABLE orders (id integer PRIMARY KEY);\n');
    assert.strictEqual(missing.severity, 2);
    assert.match(missing.message, /lacks note, extra: the copy and every change stop with "logical replication target relation "public\.orders" is missing replicated columns: "note", "extra""/);
    const [old] = await differs('CREATE TABLE orders (id int PRIMARY KEY, note text);\n', 'CREATE TABLE orders (id int PRIMARY KEY);\n', 13);
    assert.match(old.message, /"logical replication target relation "public\.orders" is missing some replicated columns"/);
    const [retyped] = await differs('CREATE TABLE orders (id int PRIMARY KEY, total numeric);\n', 'CREATE TABLE orders (id int PRIMARY KEY, total int);\n');
    assert.deepStrictEqual([retyped.severity, /total \(numeric → int4\)/.test(retyped.message)], [3, true]);
    assert.deepStrictEqual(await differs('CREATE TABLE orders (id int PRIMARY KEY);\n', 'CREATE TABLE orders (id int PRIMARY KEY, local_note text);\nALTER TABLE orders ADD COLUMN more int;\n'), []);
    assert.deepStrictEqual(await differs('CREATE TABLE orders (id int PRIMARY KEY, note text);\n', 'CREATE TABLE orders (id int PRIMARY KEY);\nALTER TABLE orders ADD COLUMN note text;\n'), []);
    assert.deepStrictEqual(await differs('CREATE TABLE base (id int PRIMARY KEY, note text);\nCREATE TABLE orders (LIKE base);\n', 'CREATE TABLE orders (id int PRIMARY KEY);\n'), []);
  });
});
