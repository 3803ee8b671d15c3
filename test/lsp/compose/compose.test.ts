import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeLens, DocumentSymbol, MarkupContent } from 'vscode-languageserver-protocol';
import { TopologyRequest, type TopologyResult } from '../../../server/src/protocol';
import { requireCatalog } from '../pgconf/requireCatalog';
import { cursor, LspTestClient, repoRoot } from '../support';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'compose');
const uriOf = (relative: string) => pathToFileURL(path.join(FIXTURES, relative)).toString();

describe('lsp compose: diagnostics, features and pgha/topology over the protocol', function () {
  this.timeout(60_000);
  let client: LspTestClient;

  before(async function () {
    requireCatalog(this);
    client = await LspTestClient.start();
  });
  after(async () => client?.stop());

  it("reports the seed stack's real problems with stable codes", async () => {
    const uri = uriOf('seed/docker-compose.yml');
    await client.open(uri, fs.readFileSync(path.join(FIXTURES, 'seed/docker-compose.yml'), 'utf8'), 'dockercompose');
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    const codes = new Set(diagnostics.map((d) => String(d.code)));
    for (const code of [
      'compose/port-all-interfaces',
      'compose/plain-password',
      'compose/hba-in-auth-method',
      'compose/hba-md5',
      'compose/slot-not-created',
      'compose/replication-role-missing',
      'compose/init-script-missing',
    ]) {
      assert.ok(codes.has(code), `${code} in ${[...codes].join(', ')}`);
    }
    const slot = diagnostics.find((d) => d.code === 'compose/slot-not-created')!;
    assert.deepStrictEqual(slot.range, { start: { line: 42, character: 70 }, end: { line: 42, character: 86 } });
    // The replica retries pg_basebackup itself and nothing waits on the healthcheck: no readiness findings.
    assert.ok(!codes.has('compose/depends-on-not-healthy') && !codes.has('compose/healthcheck-socket-only'), [...codes].join(', '));
  });

  it('answers pgha/topology for a compose file that is not open (read from disk)', async () => {
    const topology = (await client.connection.sendRequest(TopologyRequest.method, { uri: uriOf('seed-with-init/docker-compose.yml') })) as TopologyResult;
    assert.ok(topology);
    assert.deepStrictEqual(topology.services.map((s) => [s.name, s.role, s.major]), [
      ['postgres_primary', 'primary', 14],
      ['postgres_replica', 'replica', 14],
    ]);
    assert.deepStrictEqual(topology.edges, [{ from: 'postgres_primary', to: 'postgres_replica', slot: 'replication_slot' }]);
    assert.deepStrictEqual(topology.services[0].createdSlots, ['replication_slot']);
    assert.strictEqual(await client.connection.sendRequest(TopologyRequest.method, { uri: uriOf('nope/compose.yaml') }), null);
  });

  it('completes, hovers, lists the topology and offers cluster lenses', async () => {
    const { text, position } = cursor('services:\n  db:\n    image: postgres:17\n    command: postgres -c shared_buf|\n');
    const uri = 'file:///lsp-compose/features/compose.yaml';
    await client.open(uri, text, 'dockercompose');
    const items = await client.completionItems(uri, position);
    assert.ok(items.some((i) => i.label === 'shared_buffers'));
    const hover = await client.hover(uri, { line: 1, character: 3 });
    assert.match((hover?.contents as MarkupContent).value, /\*\*db\*\* — primary · PostgreSQL 17/);
    const symbols = (await client.documentSymbols(uri)) as DocumentSymbol[];
    assert.deepStrictEqual(symbols.map((s) => s.name), ['db']);
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    assert.deepStrictEqual(lenses.map((l) => l.command?.command), ['pgha.cluster.start', 'pgha.cluster.stop']);
  });

  it('offers quick fixes carried by the diagnostics', async () => {
    const uri = 'file:///lsp-compose/fixes/docker-compose.yml';
    await client.open(uri, 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pw\n    ports:\n      - 5432:5432\n', 'dockercompose');
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'compose/port-all-interfaces'));
    const port = diagnostics.find((d) => d.code === 'compose/port-all-interfaces')!;
    const actions = (await client.codeActions(uri, port.range, [port])) ?? [];
    const edit = 'edit' in actions[0] ? actions[0].edit : undefined;
    assert.strictEqual(edit?.changes?.[uri]?.[0].newText, '"127.0.0.1:5432:5432"');
  });
});
