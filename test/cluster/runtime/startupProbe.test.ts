/**
 * The readiness probe asks like pg_isready and leaves no failed login in the server's log; a made-up login does
 * (the old probe, kept here as the contrast). Real server: the test image in Docker, password authentication.
 */
import * as assert from 'node:assert/strict';
import { Client } from 'pg';
import { connectEngine } from '../../../cluster/runtime/docker/engine';
import { logTail } from '../../../cluster/runtime/docker/probes';
import { parseFirstAnswer, probeStartup } from '../../../cluster/runtime/startupProbe';
import { testImageTag } from '../../../scripts/images/build';
import { requirePart } from '../../support/parts';
import { waitFor } from '../../support/waitFor';
import { dockerWhy, freePorts, imagesWhy } from './docker/dockerSupport';

function errorResponse(code: string, message: string): Buffer {
  const body = Buffer.from(`SFATAL\0C${code}\0M${message}\0\0`);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

describe('startup probe', function () {
  this.timeout(120_000);

  it('reads the first answer: authentication request, cannot-connect-now, other errors, partial data', () => {
    assert.deepEqual(parseFirstAnswer(Buffer.from([0x52, 0, 0, 0, 12, 0, 0, 0, 10])), { kind: 'ready', authentication: 10 });
    assert.deepEqual(parseFirstAnswer(errorResponse('57P03', 'the database system is starting up')), { kind: 'not-ready', code: '57P03', message: 'the database system is starting up' });
    assert.deepEqual(parseFirstAnswer(errorResponse('28000', 'no pg_hba.conf entry')), { kind: 'error', code: '28000', message: 'no pg_hba.conf entry' });
    assert.equal(parseFirstAnswer(errorResponse('57P03', 'x').subarray(0, 9)), undefined);
    assert.equal(parseFirstAnswer(Buffer.from([0x52, 0, 0])), undefined);
  });

  it('answers no-answer when nothing listens', async () => {
    const port = await freePorts(1);
    const answer = await probeStartup('127.0.0.1', port, 'postgres', { timeoutMs: 1000 });
    assert.equal(answer.kind, 'no-answer');
  });

  it('finds a password-protected server ready without a failed login in its log', async function () {
    const engine = connectEngine();
    requirePart(this, 'docker', await dockerWhy(engine));
    requirePart(this, 'test images', await imagesWhy(engine, [17]));
    const port = await freePorts(1);
    const container = await engine.docker.createContainer({
      Image: testImageTag(17),
      Env: ['POSTGRES_PASSWORD=secret', 'POSTGRES_HOST_AUTH_METHOD=scram-sha-256', 'POSTGRES_INITDB_ARGS=--auth=scram-sha-256'],
      Labels: { 'pgha.test': '1' },
      HostConfig: { PortBindings: { '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
      ExposedPorts: { '5432/tcp': {} },
    });
    try {
      await container.start();
      await waitFor(async () => /database system is ready to accept connections[\s\S]*database system is ready to accept connections/.test(await logTail(container, 200)), 'the server to finish initdb and restart', 90_000, 250);
      for (let i = 0; i < 5; i++) assert.deepEqual(await probeStartup('127.0.0.1', port, 'postgres'), { kind: 'ready', authentication: 10 });
      // The server noticed us (a session it ended quietly); the log has no failed login.
      assert.doesNotMatch(await logTail(container, 200), /authentication failed|does not exist/);
      // The contrast: logging in with a made-up user is what filled server logs before.
      const made = new Client({ host: '127.0.0.1', port, user: 'pgha_probe', password: 'x', database: 'postgres' });
      await assert.rejects(made.connect(), /password authentication failed/);
      await waitFor(async () => /FATAL: {2}password authentication failed for user "pgha_probe"/.test(await logTail(container, 200)), 'the failed login in the log');
    } finally {
      await container.remove({ force: true, v: true });
    }
  });
});
