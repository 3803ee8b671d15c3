/**
 * `npm run test:hostile:big`: the sizes of #18 that take minutes on a shared machine — a 50 MB file, a compose
 * file of 16,000 services, a 10 MB postgresql.conf of bad lines in the language server. Outcomes only (refused
 * with the reason, finished, capped, still answering); times are printed by `npm run bench:hostile`.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MAX_DIAGNOSTICS_PER_DOCUMENT } from '../../../language/service/capDiagnostics';
import { badPgconf, composeServices } from '../../../scripts/bench/hostile/inputs';
import { LspTestClient } from '../../lsp/support';
import { pghaCheck, put } from '../files';
import { suiteTempDir } from '../../support/tempDir';

const MB = 1000 * 1000;

describe('hostile, big sizes (npm run test:hostile:big)', function () {
  this.timeout(20 * 60_000);
  let dir: string;
  suiteTempDir('pgha-hostile-big-', (made) => (dir = made));

  it('pgha check refuses a 50 MB compose file with the limit, without running out of memory', () => {
    put(dir, 'fifty/compose.yaml', composeServices(1).padEnd(50 * MB, '#'));
    const run = pghaCheck(['fifty/compose.yaml'], dir);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /larger than 16 MiB/);
  });

  it('pgha check finishes a compose file of 16,000 services', () => {
    put(dir, 'many/compose.yaml', composeServices(16_000));
    const run = pghaCheck(['many/compose.yaml'], dir, {}, 15 * 60_000);
    assert.equal(run.signal, null, 'killed: it did not finish');
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /1 file checked: \d+ errors?, \d+ warnings?\n$/);
  });

  it('the language server sends at most the cap for 10 MB of bad lines and answers a hover after', async () => {
    const client = await LspTestClient.start();
    try {
      const uri = pathToFileURL(path.join(dir, 'bad', 'postgresql.conf')).toString();
      await client.open(uri, badPgconf(10 * MB));
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 10 * 60_000);
      assert.ok(diagnostics.length <= MAX_DIAGNOSTICS_PER_DOCUMENT + 1, `${diagnostics.length} diagnostics sent`);
      assert.ok(await client.hover(uri, { line: 1, character: 1 }), 'hover on work_mem');
      assert.equal(client.stderr, '');
    } finally {
      await client.stop();
    }
  });
});
