/**
 * SQL files through the language service, on copies of examples/logical: hovers on logical-replication statements
 * with the facts of the stack that runs the script, PostgreSQL's syntax error on scripts a stack runs (and nowhere
 * else), and the setting that turns it all off.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover, Position } from 'vscode-languageserver-types';
import { nodeFileSystem } from '../../../../core/nodeFileSystem';
import { lazyCatalog } from '../../../../language/catalog/catalog';
import { getLanguageService } from '../../../../language/service/languageService';
import { SqlParserHost } from '../../../../language/sql/parser';

const EXAMPLE = path.resolve(__dirname, '../../../../examples/logical');

describe('SQL files: hovers on logical replication and syntax errors of init scripts', function () {
  this.timeout(30_000);
  const sql = new SqlParserHost();
  let enabled = true;
  const service = getLanguageService({ catalog: lazyCatalog(), fs: nodeFileSystem, sql, settings: () => ({ defaultMajor: 17, initSql: enabled }) });
  let dir = '';

  const open = (file: string, text = fs.readFileSync(file, 'utf8')) => TextDocument.create(pathToFileURL(file).toString(), 'sql', 1, text);
  const hoverText = (hover: Hover | null) => (hover ? (hover.contents as { value: string }).value : '');
  const at = (doc: TextDocument, needle: string): Position => doc.positionAt(doc.getText().indexOf(needle) + 1);

  before(async () => {
    await sql.load();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-initsql-'));
    fs.cpSync(EXAMPLE, path.join(dir, 'logical'), { recursive: true });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => (enabled = true));

  it('reads .sql files as this format, whatever other extension named the language', () => {
    assert.strictEqual(service.formatOf({ uri: 'file:///w/init/01-schema.sql', languageId: 'sql' })?.id, 'sql');
    assert.strictEqual(service.formatOf({ uri: 'file:///w/init/01-schema.sql', languageId: 'pgsql' })?.id, 'sql');
  });

  it('explains CREATE PUBLICATION, streaming versus logical, with the publisher’s wal_level and who subscribes', () => {
    const doc = open(path.join(dir, 'logical/publisher/02-publication.sql'));
    const hover = service.getHover(doc, at(doc, 'CREATE PUBLICATION'));
    const text = hoverText(hover);
    assert.match(text, /^\*\*CREATE PUBLICATION\*\*/);
    assert.match(text, /Streaming replication sends the whole cluster’s WAL to a read-only standby of the same major/);
    assert.match(text, /`wal_level = logical` \(a restart\)/);
    assert.match(text, /\*\*In this stack\*\* \(compose\.yaml, service "publisher"\):/);
    assert.ok(text.includes('- "publisher" (PostgreSQL 15) runs with `wal_level = logical` (the command of "publisher"): logical decoding works.'), text);
    assert.ok(text.includes('- Received by "subscriber" (subscription shop_sub, ./subscriber/02-subscription.sql (line 2)).'), text);
    assert.deepStrictEqual(hover?.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 51 } });
  });

  it('explains CREATE SUBSCRIPTION with the publisher it reaches and the publications that publisher creates', () => {
    const doc = open(path.join(dir, 'logical/subscriber/02-subscription.sql'));
    const text = hoverText(service.getHover(doc, at(doc, 'CREATE SUBSCRIPTION')));
    assert.match(text, /^\*\*CREATE SUBSCRIPTION\*\* — connects this server to a publisher/);
    assert.match(text, /`max_logical_replication_workers` and `max_worker_processes`/);
    assert.ok(text.includes('- Runs on "subscriber" (PostgreSQL 17).'), text);
    assert.ok(text.includes('- Publisher: "publisher" (PostgreSQL 15) runs with `wal_level = logical` (the command of "publisher"): logical decoding works.'), text);
    assert.ok(text.includes('- "publisher" creates `shop` in its init SQL.'), text);
  });

  it('says when the publisher’s wal_level is too low, and when nobody subscribes', () => {
    const copy = path.join(dir, 'low');
    fs.cpSync(path.join(dir, 'logical'), copy, { recursive: true });
    const compose = path.join(copy, 'compose.yaml');
    fs.writeFileSync(compose, fs.readFileSync(compose, 'utf8').replace('-c wal_level=logical ', '').replace('./subscriber:/docker', './nowhere:/docker'));
    const doc = open(path.join(copy, 'publisher/02-publication.sql'));
    const text = hoverText(service.getHover(doc, at(doc, 'CREATE PUBLICATION')));
    assert.ok(text.includes('runs with `wal_level = replica` ("publisher" (the default)): too low for logical replication: subscriptions to it fail until it is `logical`.'), text);
    assert.ok(text.includes('- No service of this stack subscribes to it.'), text);
  });

  it('explains ALTER SUBSCRIPTION actions and the slot functions in any SQL file, without stack facts there', () => {
    const doc = open(path.join(dir, 'loose.sql'), "ALTER SUBSCRIPTION s DISABLE;\nALTER SUBSCRIPTION s SKIP (lsn = '0/1A2B');\nSELECT * FROM pg_create_logical_replication_slot('cdc', 'pgoutput');\nSELECT 1;\n");
    assert.match(hoverText(service.getHover(doc, at(doc, 'DISABLE'))), /^\*\*ALTER SUBSCRIPTION\*\* — starts \(ENABLE\) or stops \(DISABLE\).*the publisher’s disk fills/);
    assert.match(hoverText(service.getHover(doc, at(doc, 'SKIP'))), /PostgreSQL 15 and later/);
    const slot = service.getHover(doc, at(doc, 'pg_create_logical'));
    assert.match(hoverText(slot), /^\*\*pg_create_logical_replication_slot\*\* — .*Needs `wal_level = logical`/);
    assert.ok(!hoverText(slot).includes('In this stack'));
    assert.strictEqual(service.getHover(doc, at(doc, '* FROM pg_create')), null, 'only the function name answers');
    assert.strictEqual(service.getHover(doc, at(doc, 'SELECT 1')), null);
  });

  it('reports PostgreSQL’s syntax error on an init script a stack runs, at the token, naming the service', () => {
    const file = path.join(dir, 'logical/publisher/01-schema.sql');
    const doc = open(file, fs.readFileSync(file, 'utf8').replace('CREATE TABLE orders', 'CREATE TABL orders'));
    const [diagnostic, ...more] = service.getDiagnostics(doc);
    assert.deepStrictEqual(more, []);
    assert.strictEqual(diagnostic.code, 'sql/syntax');
    assert.strictEqual(diagnostic.message.split('. ')[0], 'syntax error at or near "TABL"');
    assert.match(diagnostic.message, /The entrypoint of "publisher" \(compose\.yaml\) runs this script with ON_ERROR_STOP/);
    assert.strictEqual(doc.getText(diagnostic.range), 'TABL');
    assert.deepStrictEqual(service.getDiagnostics(open(file)), [], 'the example itself is clean');
  });

  it('leaves SQL files no stack runs, and scripts using psql variables, without syntax findings', () => {
    assert.deepStrictEqual(service.getDiagnostics(open(path.join(dir, 'loose.sql'), 'SELECT * FROM t LIMIT 1, 2;')), []);
    const file = path.join(dir, 'logical/publisher/01-schema.sql');
    assert.deepStrictEqual(service.getDiagnostics(open(file, 'CREATE TABLE :tbl (id int) :opts;')), []);
  });

  it('explains streaming versus logical on wal_level too, in postgresql.conf and in a compose command', () => {
    const conf = TextDocument.create(pathToFileURL(path.join(dir, 'postgresql.conf')).toString(), 'pgconf', 1, 'wal_level = logical\n');
    const compose = open(path.join(dir, 'logical/compose.yaml'));
    for (const [doc, position] of [[conf, { line: 0, character: 3 }], [compose, at(compose, 'wal_level=logical -c')]] as const) {
      const text = hoverText(service.getHover(doc, position));
      assert.match(text, /Streaming replication copies the whole cluster block for block to standbys of the same major; logical replication sends row changes of chosen tables/, doc.uri);
    }
  });

  it('says nothing when pgha.initSql.enabled is off', () => {
    enabled = false;
    const file = path.join(dir, 'logical/publisher/02-publication.sql');
    const doc = open(file, `${fs.readFileSync(file, 'utf8')}\nCREATE TABL x ();`);
    assert.deepStrictEqual(service.getDiagnostics(doc), []);
    assert.strictEqual(service.getHover(doc, at(doc, 'CREATE PUBLICATION')), null);
  });
});
