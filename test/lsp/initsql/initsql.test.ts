/**
 * SQL init scripts over the protocol (the real server process): PostgreSQL's syntax error published on the script
 * once the parser has loaded by itself, hovers on CREATE PUBLICATION / CREATE SUBSCRIPTION with the stack's facts,
 * and pgha.initSql.enabled sent through didChangeConfiguration turning both off.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient, repoRoot } from '../support';

describe('lsp SQL init scripts: syntax errors on the script, hovers on publications and subscriptions', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  let dir = '';
  const uriOf = (relative: string) => pathToFileURL(path.join(dir, relative)).toString();
  const read = (relative: string) => fs.readFileSync(path.join(dir, relative), 'utf8');

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-lsp-initsql-'));
    fs.cpSync(path.join(repoRoot, 'examples/logical'), dir, { recursive: true });
    client = await LspTestClient.start();
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes PostgreSQL’s syntax error on the script a stack runs, at the token', async () => {
    const uri = uriOf('subscriber/01-schema.sql');
    const text = read('subscriber/01-schema.sql').replace('total numeric(12, 2)', 'total numeric(12, 2');
    await client.open(uri, text, 'sql');
    const [diagnostic] = await client.waitForDiagnostics(uri, (d) => d.length > 0, 20_000);
    assert.strictEqual(diagnostic.code, 'sql/syntax');
    assert.match(diagnostic.message, /^syntax error at or near "NOT"\. The entrypoint of "subscriber" \(compose\.yaml\) runs this script with ON_ERROR_STOP/);
    const line = text.split('\n').findIndex((l) => l.includes('numeric(12, 2 NOT'));
    const character = text.split('\n')[line].indexOf('NOT');
    assert.deepStrictEqual(diagnostic.range, { start: { line, character }, end: { line, character: character + 3 } });
  });

  it('hovers CREATE PUBLICATION and CREATE SUBSCRIPTION with what they need and the stack’s facts', async () => {
    const publication = uriOf('publisher/02-publication.sql');
    await client.open(publication, read('publisher/02-publication.sql'), 'sql');
    const pub = (await client.hover(publication, { line: 4, character: 3 }))?.contents as MarkupContent;
    assert.match(pub.value, /^\*\*CREATE PUBLICATION\*\*/);
    assert.match(pub.value, /Streaming replication sends the whole cluster’s WAL/);
    assert.match(pub.value, /- Received by "subscriber" \(subscription shop_sub/);
    const subscription = uriOf('subscriber/02-subscription.sql');
    await client.open(subscription, read('subscriber/02-subscription.sql'), 'sql');
    const sub = (await client.hover(subscription, { line: 1, character: 8 }))?.contents as MarkupContent;
    assert.match(sub.value, /^\*\*CREATE SUBSCRIPTION\*\*/);
    assert.match(sub.value, /- Publisher: "publisher" \(PostgreSQL 15\) runs with `wal_level = logical`/);
    assert.strictEqual(await client.hover(subscription, { line: 0, character: 5 }), null, 'a comment line says nothing');
  });

  it('turns off with pgha.initSql.enabled = false', async () => {
    const uri = uriOf('subscriber/01-schema.sql');
    await client.changeSettings({ pgha: { initSql: { enabled: false } } });
    assert.deepStrictEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 20_000), []);
    assert.strictEqual(await client.hover(uriOf('publisher/02-publication.sql'), { line: 4, character: 3 }), null);
    await client.changeSettings({ pgha: { initSql: { enabled: true } } });
    await client.waitForDiagnostics(uri, (d) => d.length === 1, 20_000);
  });
});
