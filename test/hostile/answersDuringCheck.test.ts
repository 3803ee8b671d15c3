/**
 * Requests are not held behind the check of a huge file (#18): while the real server process checks a big
 * postgresql.conf or compose file, hovers on a small other document keep being answered, one after the other,
 * before the big file's diagnostics arrive. The check runs in slices (lines, settings, parsed text, services)
 * with the connection's queue served between them; a check in one or two long steps answers at most one or two
 * of these hovers before its diagnostics. Ordering and counts, never times.
 */
import * as assert from 'node:assert/strict';
import type { Position } from 'vscode-languageserver-protocol';
import { composeServices, validPgconf } from '../../scripts/bench/hostile/inputs';
import { processCpuMs } from '../../scripts/bench/lsp/client';
import { LspTestClient } from '../lsp/support';
import { requireCatalog } from '../lsp/pgconf/requireCatalog';
import { waitFor } from '../support/waitFor';

/** CPU the process used so far, in ms (Linux /proc). */
const cpuMs = (pid: number): number => processCpuMs(pid) ?? assert.fail('no /proc: the test needs Linux');

interface Race {
  /** Hovers answered after the check was seen running and before the big file's diagnostics. */
  answeredDuring: number;
  /** The diagnostics came before the server was seen working (the file was too small to tell anything). */
  diagnosticsArrived: boolean;
}

/**
 * Opens the big document, waits until the server is seen working on it (its CPU time grows), then sends one
 * hover on the small document after the other until the big file's diagnostics arrive.
 */
async function hoversDuringCheck(client: LspTestClient, big: { uri: string; text: string; languageId: string }, small: { uri: string; at: Position }): Promise<Race> {
  const pid = client.process.pid!;
  const before = cpuMs(pid);
  let diagnosticsArrived = false;
  await client.open(big.uri, big.text, big.languageId);
  const diagnostics = client.waitForDiagnostics(big.uri, () => true, 300_000).then(() => (diagnosticsArrived = true));
  await waitFor(() => diagnosticsArrived || cpuMs(pid) >= before + 150, 'the server working on the big file', 60_000, 5);
  const race: Race = { answeredDuring: 0, diagnosticsArrived };
  while (!diagnosticsArrived) {
    const hover = await client.hover(small.uri, small.at);
    assert.ok(hover, 'hover on the small document');
    if (!diagnosticsArrived) race.answeredDuring++;
  }
  await diagnostics;
  return race;
}

describe('hostile: requests answered while a huge file is checked (real process)', function () {
  this.timeout(300_000);
  let client: LspTestClient;
  const small = { uri: 'file:///during/small/postgresql.conf', at: { line: 0, character: 2 } };

  before(async function () {
    requireCatalog(this);
    client = await LspTestClient.start({ initializationOptions: { pgha: { postgresVersion: 17 } } });
    await client.open(small.uri, 'work_mem = 4MB\n');
    await client.waitForDiagnostics(small.uri);
  });
  after(async () => client?.stop());

  it('a 2 MB postgresql.conf: hovers on another document keep being answered before its diagnostics', async () => {
    const race = await hoversDuringCheck(client, { uri: 'file:///during/big/postgresql.conf', text: validPgconf(2_000_000), languageId: 'pgconf' }, small);
    assert.equal(race.diagnosticsArrived, false, 'the check was still running when the first hover was sent');
    assert.ok(race.answeredDuring >= 5, `${race.answeredDuring} hovers answered while the big file was checked`);
  });

  it('a 1,000-service compose file: hovers on another document keep being answered before its diagnostics', async () => {
    const race = await hoversDuringCheck(client, { uri: 'file:///during/big/compose.yaml', text: composeServices(1_000), languageId: 'dockercompose' }, small);
    assert.equal(race.diagnosticsArrived, false, 'the check was still running when the first hover was sent');
    // The rule families alone are 15 steps: more answers than that means the model build itself was sliced.
    assert.ok(race.answeredDuring >= 20, `${race.answeredDuring} hovers answered while the big file was checked`);
  });
});
