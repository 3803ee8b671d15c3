import * as assert from 'assert';
import { SqlParserHost } from '../../../language/sql/parser';
import { logicalFacts, publishedTables } from '../../../language/sql/logicalFacts';
import { maskShellVariables, psqlToSql, splitStatements, sqlOfScript } from '../../../language/sql/scripts';

describe('language/sql: init SQL read with PostgreSQL’s own parser', function () {
  this.timeout(30_000);
  const host = new SqlParserHost();

  before(() => host.load());

  it('answers nothing before it is loaded, and shares one parse per text once it is', () => {
    const fresh = new SqlParserHost();
    assert.strictEqual(fresh.parse('SELECT 1'), undefined);
    assert.ok(host.ready, host.loadError);
    const text = 'SELECT 1; SELECT 2;';
    const first = host.parse(text);
    assert.strictEqual(host.parse(text), first);
    assert.ok(first?.ok && first.statements.length === 2);
  });

  it('reports a syntax error with PostgreSQL’s message at its character offset, after non-ASCII text', () => {
    const text = "-- café ☕\nCREATE TABL x ();";
    const parsed = host.parse(text);
    assert.ok(parsed && !parsed.ok);
    assert.strictEqual(parsed.error.message, 'syntax error at or near "TABL"');
    assert.strictEqual(text.slice(parsed.error.offset, parsed.error.offset + 4), 'TABL');
  });

  it('reads blank text as no statements (the server answers it with an empty response), whole or statement by statement', () => {
    assert.deepStrictEqual(host.parse(' \n\n'), { ok: true, statements: [] });
    const text = "CREATE TABLE t (id int); -- the last line\n\n";
    const [whole, pieces] = [host.parse(text), host.parseByStatement(text)];
    assert.ok(whole?.ok && pieces?.ok);
    assert.deepStrictEqual(pieces.statements.map((s) => [s.kind, s.start, s.end]), whole.statements.map((s) => [s.kind, s.start, s.end]));
  });

  it('splits statements where psql does: not inside quotes, comments, dollar quotes, parentheses or BEGIN ATOMIC', () => {
    const text = "SELECT ';'; -- a;\nDO $x$ BEGIN PERFORM 1; END $x$; CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);\nSELECT 1";
    assert.deepStrictEqual(splitStatements(text).map((p) => text.slice(p.offset, p.offset + p.text.length) === p.text && p.text.trim()), [
      "SELECT ';';",
      '-- a;\nDO $x$ BEGIN PERFORM 1; END $x$;',
      'CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);',
      'SELECT 1',
    ]);
    assert.strictEqual(splitStatements('CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END; SELECT 2;').length, 1);
  });

  it('places statements by characters, not bytes', () => {
    const text = "SELECT 'ü';\nCREATE TABLE t (id int);";
    const parsed = host.parse(text);
    assert.ok(parsed?.ok);
    assert.strictEqual(text.slice(parsed.statements[1].start, parsed.statements[1].start + 12), 'CREATE TABLE');
  });

  it('collects tables with their replica identity, publications, subscriptions, roles and slots', () => {
    const sql = [
      'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);',
      'CREATE TABLE events (at timestamptz, body jsonb);',
      'CREATE TABLE audit (id int, note text);',
      'ALTER TABLE audit REPLICA IDENTITY FULL;',
      'CREATE SEQUENCE invoice_no;',
      "CREATE PUBLICATION shop FOR TABLE orders, events WITH (publish = 'insert, update');",
      'CREATE PUBLICATION everything FOR ALL TABLES;',
      "CREATE SUBSCRIPTION shop_sub CONNECTION 'host=publisher dbname=app user=repl' PUBLICATION shop WITH (copy_data = false, disable_on_error = true);",
      "CREATE ROLE repl WITH LOGIN REPLICATION PASSWORD 'x';",
      "SELECT pg_create_logical_replication_slot('shop_slot', 'pgoutput');",
    ].join('\n');
    const parsed = host.parse(sql);
    assert.ok(parsed?.ok);
    const facts = logicalFacts(parsed.statements);
    assert.deepStrictEqual([...facts.tables.values()].map((t) => [t.name, t.identity]), [['public.orders', true], ['public.events', false], ['public.audit', true]]);
    assert.deepStrictEqual(facts.sequences, ['public.invoice_no']);
    const shop = facts.publications.get('shop');
    assert.deepStrictEqual(shop?.publish, ['insert', 'update']);
    assert.deepStrictEqual(publishedTables(shop!, facts), ['public.orders', 'public.events']);
    assert.strictEqual(publishedTables(facts.publications.get('everything')!, facts).length, 3);
    assert.deepStrictEqual(facts.subscriptions.map((s) => [s.name, s.conninfo, s.publications, s.options]), [
      ['shop_sub', 'host=publisher dbname=app user=repl', ['shop'], { copy_data: 'false', disable_on_error: 'true' }],
    ]);
    assert.deepStrictEqual(facts.replicationRoles, ['repl']);
    assert.deepStrictEqual(facts.logicalSlots, ['shop_slot']);
  });

  it('finds the SQL of a .sh script in psql here-documents and -c arguments, at their offsets', () => {
    const script = [
      '#!/bin/bash',
      'set -e',
      'psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" <<-EOSQL',
      "\tCREATE USER ${REPL_USER} WITH REPLICATION PASSWORD '$REPL_PASSWORD';",
      '\tEOSQL',
      `psql -U postgres -c "CREATE PUBLICATION p FOR ALL TABLES;"`,
      "psql <<'EOF'",
      'SELECT $$ $body$ $$;',
      'EOF',
      '',
    ].join('\n');
    const fragments = sqlOfScript('01-init.sh', script);
    assert.strictEqual(fragments.length, 3);
    assert.ok(fragments[0].sql.startsWith('\tCREATE USER x___________ WITH REPLICATION'), fragments[0].sql);
    assert.strictEqual(script.slice(fragments[1].offset, fragments[1].offset + 18), 'CREATE PUBLICATION');
    assert.strictEqual(fragments[2].sql, 'SELECT $$ $body$ $$;\n');
    for (const fragment of fragments) assert.ok(host.parse(fragment.sql)?.ok, fragment.sql);
  });

  it('keeps SQL dollar quotes and positional parameters when masking shell variables', () => {
    assert.strictEqual(maskShellVariables('$$ $1 $fn$ $HOME ${A:-b}'), '$$ $1 $fn$ x____ x______');
  });
});

describe('language/sql: SQL as psql runs it', () => {
  it('turns meta-commands into statement ends and psql variables into names of the same length', () => {
    const text = "CREATE DATABASE app;\n\\connect app\nSELECT 'CREATE ROLE r' \\gexec\nSELECT :'pw', :n, 1::int, ':x', $$ \\c $$;\n";
    const { sql, variables } = psqlToSql(text);
    assert.strictEqual(sql.length, text.length);
    assert.strictEqual(sql, `CREATE DATABASE app;\n;${' '.repeat(11)}\nSELECT 'CREATE ROLE r' ;     \nSELECT 'xxx', xx, 1::int, ':x', $$ \\c $$;\n`);
    assert.ok(variables);
  });
});
