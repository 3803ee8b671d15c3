/**
 * The language server frees closed documents (#18): over the real process, 20 large documents (512 KB postgresql.conf
 * files of bad lines, 200-service compose files) are opened, checked and closed; after a forced full GC (the
 * test-only `pgha/debug/memory` request) the heap is back near where it started. RSS is printed beside it (the
 * process keeps pages it once used, so RSS is a figure, not the check).
 */
import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { DEBUG_MEMORY_METHOD } from '../../server/src/lsp/providers/debugMemory';
import { badPgconf, composeServices } from '../../scripts/bench/hostile/inputs';
import { LspTestClient } from '../lsp/support';

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

describe('hostile: memory after closing documents (real server process)', function () {
  this.timeout(300_000);
  let client: LspTestClient;
  before(async () => (client = await LspTestClient.start({ env: { PGHA_LSP_DEBUG: '1' }, initializationOptions: { pgha: { postgresVersion: 17 } } })));
  after(() => client?.stop());

  const memory = () => client.request<NodeJS.MemoryUsage>(DEBUG_MEMORY_METHOD, {});
  const docs = Array.from({ length: 20 }, (_, i) =>
    i % 2 ? { uri: pathToFileURL(`/tmp/pgha-memory/${i}/compose.yaml`).toString(), language: 'dockercompose', text: composeServices(200) } : { uri: pathToFileURL(`/tmp/pgha-memory/${i}/postgresql.conf`).toString(), language: 'pgconf', text: badPgconf(512 * 1024) },
  );

  async function openAndClose(): Promise<{ open: NodeJS.MemoryUsage; closed: NodeJS.MemoryUsage }> {
    for (const doc of docs) {
      await client.open(doc.uri, doc.text, doc.language);
      await client.waitForDiagnostics(doc.uri, (d) => d.length > 0, 120_000);
    }
    const open = await memory();
    for (const doc of docs) await client.close(doc.uri);
    await memory(); // the close notifications are handled before this answer; the next figure is after them
    return { open, closed: await memory() };
  }

  it('frees what 20 large documents held once they are closed (heap after a full GC)', async () => {
    const small = pathToFileURL('/tmp/pgha-memory/small/postgresql.conf').toString();
    await client.open(small, 'work_mem = 4MB\nshared_buffers = 1PB\n');
    await client.waitForDiagnostics(small, (d) => d.length > 0, 60_000);
    await client.close(small);
    const base = await memory();
    const first = await openAndClose();
    const second = await openAndClose();
    const held = first.open.heapUsed - base.heapUsed;
    console.log(
      `      heap after GC: start ${mib(base.heapUsed)}, 20 open ${mib(first.open.heapUsed)}, closed ${mib(first.closed.heapUsed)}, ` +
        `again open ${mib(second.open.heapUsed)}, closed ${mib(second.closed.heapUsed)}; RSS ${mib(base.rss)} → ${mib(first.open.rss)} → ${mib(first.closed.rss)} → ${mib(second.closed.rss)}`,
    );
    assert.ok(held > 20 * MiB, `20 open large documents should hold memory (held ${mib(held)})`);
    assert.ok(first.closed.heapUsed - base.heapUsed < held / 5, `closed documents are freed: ${mib(first.closed.heapUsed - base.heapUsed)} of ${mib(held)} left`);
    assert.ok(second.closed.heapUsed - first.closed.heapUsed < 10 * MiB, `a second round leaves no more behind: +${mib(second.closed.heapUsed - first.closed.heapUsed)}`);
  });
});
