/**
 * A Docker engine that accepts connections and never answers: every call ends at its deadline with a message that
 * names the engine, and the CLI exits (no request left open keeps it alive). The socket is real, not a mock.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertEngineReachable, connectEngine } from '../../../../cluster/runtime/docker/engine';
import { deadlineFor, DEFAULT_DEADLINE_MS } from '../../../../cluster/runtime/docker/deadline';
import { startCli } from '../../../support/cliChild';
import { muteSocket, type MuteSocket } from '../../../support/muteSocket';
import { waitFor } from '../../../support/waitFor';
import { tempDir } from './dockerSupport';

describe('docker: a mute engine', function () {
  this.timeout(120_000);
  let mute: MuteSocket;
  let dir = '';
  before(async () => {
    mute = await muteSocket();
    dir = tempDir('mute-engine');
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  db:\n    image: postgres:17\n    environment: { POSTGRES_PASSWORD: x }\n');
  });
  after(async () => {
    await mute.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives each call a deadline: streams until their answer, waits none, stop its grace period', () => {
    assert.equal(deadlineFor({ path: '/containers/x/json?', method: 'GET' }, DEFAULT_DEADLINE_MS), DEFAULT_DEADLINE_MS);
    assert.equal(deadlineFor({ path: '/_ping', method: 'GET' }, DEFAULT_DEADLINE_MS), 5000);
    assert.equal(deadlineFor({ path: '/containers/x/wait?', method: 'POST' }, DEFAULT_DEADLINE_MS), undefined);
    assert.equal(deadlineFor({ path: '/containers/x/stop?', method: 'POST', options: { t: 10 } }, 1000), 11_000);
  });

  it('aborts a call at its deadline and closes the connection', async () => {
    const engine = connectEngine({ DOCKER_HOST: `unix://${mute.path}`, PGHA_DOCKER_DEADLINE_MS: '300' });
    const before = mute.closedByClient();
    await assert.rejects(engine.docker.getContainer('pgha-x').inspect(), /the Docker engine at unix:\/\/.*docker\.sock did not answer GET \/containers\/pgha-x\/json within 0\.3 s/);
    await waitFor(() => mute.closedByClient() > before, 'the aborted request to close its connection');
    await assert.rejects(assertEngineReachable(engine, 300), /Cannot reach the Docker engine at unix:\/\/.*\(it accepts connections but did not answer within 0\.3 s\)\. Start Docker/);
  });

  for (const [args, code] of [
    [['ps'], 0],
    [['down', 'compose.yaml'], 1],
    [['up', 'compose.yaml', '--backend', 'docker'], 1],
  ] as const) {
    it(`pgha ${args.join(' ')} says the engine does not answer and exits (${code})`, async () => {
      const started = Date.now();
      const run = startCli([...args], { DOCKER_HOST: `unix://${mute.path}` }, dir);
      const result = await run.exited;
      console.log(`      pgha ${args[0]} on a mute engine: exit ${result.code} after ${((result.endedAt - started) / 1000).toFixed(1)} s (process start included)`);
      assert.equal(result.code, code, result.output);
      assert.match(result.output, /Cannot reach the Docker engine at unix:\/\/.*\(it accepts connections but did not answer within \d+ s\)/);
    });
  }
});
