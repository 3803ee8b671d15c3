import * as assert from 'assert';
import { TargetMajorRequest, type TargetMajorParams, type TargetMajorResult } from '../../server/src/protocol';
import { LspTestClient } from './support';

describe('lsp pgha/targetMajor (the status bar\'s source)', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  const ask = (uri: string) => client.connection.sendRequest<TargetMajorResult>(TargetMajorRequest.method, { uri } satisfies TargetMajorParams);

  before(async () => {
    client = await LspTestClient.start({ transport: 'ipc', initializationOptions: { pgha: { postgresVersion: 16 } } });
  });
  after(async () => client?.stop());

  it('answers the major from initializationOptions for an open postgresql.conf, with its source', async () => {
    const uri = 'file:///target-major/a/postgresql.conf';
    await client.open(uri, "port = 5432\n");
    const answer = await ask(uri);
    assert.strictEqual(answer?.major, 16);
    assert.match(answer?.source ?? '', /\S/);
  });

  it('follows pgha.postgresVersion sent through didChangeConfiguration', async () => {
    const uri = 'file:///target-major/b/postgresql.conf';
    await client.open(uri, "port = 5432\n");
    await client.changeSettings({ pgha: { postgresVersion: 14 } });
    assert.strictEqual((await ask(uri))?.major, 14);
  });

  it('answers null for documents it does not have or that are not postgresql.conf', async () => {
    assert.strictEqual(await ask('file:///target-major/not-open/postgresql.conf'), null);
    const compose = 'file:///target-major/c/compose.yaml';
    await client.open(compose, 'services: {}\n', 'yaml');
    assert.strictEqual(await ask(compose), null);
  });
});
