/** The real language server on hostile files: each refused with a diagnostic that says why, and it keeps answering. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../lsp/support';
import { mkfifo, put, symlinkLoop } from './files';

const uriOf = (file: string) => pathToFileURL(file).toString();
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));

describe('hostile: language server (real process)', function () {
  this.timeout(120_000);
  let dir: string;
  let client: LspTestClient;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-hostile-lsp-'));
    client = await LspTestClient.start({ initializationOptions: { pgha: { postgresVersion: 17 } } });
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The server still answers a plain request on a plain file (it did not block on the hostile one). */
  async function stillAnswers(): Promise<void> {
    const uri = uriOf(path.join(dir, 'plain', 'postgresql.conf'));
    await client.open(uri, 'work_mem = 4MB\n');
    const hover = await client.hover(uri, { line: 0, character: 2 });
    assert.ok(hover, 'hover on work_mem');
    await client.close(uri);
  }

  it('refuses included FIFOs, devices and symbolic-link loops on their lines', async () => {
    const conf = path.join(dir, 'inc');
    fs.mkdirSync(conf);
    mkfifo(path.join(conf, 'pipe.conf'));
    symlinkLoop(conf, 'loop-a.conf', 'loop-b.conf');
    const uri = uriOf(path.join(conf, 'postgresql.conf'));
    await client.open(uri, "include 'pipe.conf'\ninclude '/dev/zero'\ninclude 'loop-a.conf'\n");
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length >= 3, 60_000);
    assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.code]), [0, 1, 2].map((line) => [line, 'pgconf/include-refused']));
    assert.match(diagnostics[0].message, /FIFO/);
    assert.match(diagnostics[1].message, /device/);
    assert.match(diagnostics[2].message, /Too many levels of symbolic links/);
    await stillAnswers();
  });

  it('names the FIFO init script and the /dev/zero env_file of a compose file', async () => {
    const proj = path.join(dir, 'proj');
    fs.mkdirSync(proj);
    mkfifo(path.join(proj, 'init.sql'));
    const uri = uriOf(path.join(proj, 'compose.yaml'));
    const text = 'services:\n  db:\n    image: postgres:17.2\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pw\n    env_file: /dev/zero\n    volumes:\n      - ./init.sql:/docker-entrypoint-initdb.d/init.sql\n';
    await client.open(uri, text, 'dockercompose');
    const diagnostics = await client.waitForDiagnostics(uri, (d) => codes(d).filter((c) => c === 'compose/file-refused').length >= 2, 60_000);
    const refused = diagnostics.filter((d) => d.code === 'compose/file-refused').map((d) => [d.range.start.line, /\((FIFO|device)\)/.exec(d.message)?.[1]]);
    refused.sort((a, b) => Number(a[0]) - Number(b[0]));
    assert.deepEqual(refused, [[5, 'device'], [7, 'FIFO']]);
    await stillAnswers();
  });

  it('answers pgha/topology for a FIFO, a device and a folder named like a compose file (null) without blocking', async () => {
    const fifo = mkfifo(path.join(dir, 'compose.yaml'));
    fs.mkdirSync(path.join(dir, 'folder', 'compose.yaml'), { recursive: true });
    for (const file of [fifo, '/dev/zero', path.join(dir, 'folder', 'compose.yaml')]) {
      assert.equal(await client.connection.sendRequest('pgha/topology', { uri: uriOf(file) }), null, file);
    }
    const real = put(dir, 'real/compose.yaml', 'services:\n  db:\n    image: postgres:17.2\n');
    const topology = (await client.connection.sendRequest('pgha/topology', { uri: uriOf(real) })) as { services?: unknown[] } | null;
    assert.equal(topology?.services?.length, 1);
  });

  it('checks a postgresql.conf whose folder holds a FIFO compose.yaml (read for the target major)', async () => {
    const beside = path.join(dir, 'beside');
    fs.mkdirSync(beside);
    mkfifo(path.join(beside, 'compose.yaml'));
    const uri = uriOf(path.join(beside, 'postgresql.conf'));
    await client.open(uri, 'no_such_parameter = 1\n');
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 60_000);
    assert.deepEqual(codes(diagnostics), ['pgconf/unknown-parameter']);
  });

  it('survives documents of binary and replacement characters', async () => {
    const uri = uriOf(path.join(dir, 'bin', 'postgresql.conf'));
    await client.open(uri, `work_mem = '\u0000\uFFFD\uFFFD'\n\u0000\u0001\u0002\n${'\uFFFD'.repeat(1000)}\n`);
    await client.waitForDiagnostics(uri, (d) => d.length > 0, 60_000);
    const compose = uriOf(path.join(dir, 'bin', 'compose.yaml'));
    await client.open(compose, `services:\n  db:\n    image: "postgres:17\u0000\uFFFD"\n    <<: *nowhere\n`, 'dockercompose');
    const diagnostics = await client.waitForDiagnostics(compose, (d) => d.length > 0, 60_000);
    assert.ok(codes(diagnostics).includes('compose/yaml-syntax'), JSON.stringify(diagnostics));
    await stillAnswers();
    assert.equal(client.stderr, '', 'no crash trace');
  });
});
