import * as assert from 'node:assert/strict';
import { failedStatus, logReason, reasonFirst } from '../../../cluster/runtime/failureReason';

describe('runtime/failureReason', () => {
  it('takes the last FATAL line without its prefix, with the DETAIL/HINT that follows it', () => {
    const log = [
      '2026-11-27 21:00:00.001 UTC [1]: user=,db=,app=,client= LOG:  starting PostgreSQL 17.2',
      '2026-11-27 21:00:00.002 UTC [1]: user=,db=,app=,client= FATAL:  data directory "/var/lib/postgresql/data" has invalid permissions',
      '2026-11-27 21:00:00.002 UTC [1]: user=,db=,app=,client= DETAIL:  Permissions should be u=rwx (0700) or u=rwx,g=rx (0750).',
      '2026-11-27 21:00:00.003 UTC [1]: user=,db=,app=,client= LOG:  database system is shut down',
    ].join('\n');
    assert.equal(
      logReason(log),
      'FATAL: data directory "/var/lib/postgresql/data" has invalid permissions (DETAIL: Permissions should be u=rwx (0700) or u=rwx,g=rx (0750).)',
    );
  });

  it('falls back to an error-like line (pg_basebackup, a shell), and says nothing when the log names no failure', () => {
    assert.equal(logReason('waiting\npg_basebackup: error: could not connect to server: Connection refused\n'), 'pg_basebackup: error: could not connect to server: Connection refused');
    assert.equal(logReason('LOG:  database system is ready to accept connections\n'), undefined);
    assert.equal(logReason('2026-11-27 21:00:00 UTC [7] LOG:  could not receive data from client: Connection reset by peer\n'), undefined);
    assert.equal(logReason(''), undefined);
    assert.equal(logReason('psql:/docker-entrypoint-initdb.d/03-broken.sql:1: ERROR:  division by zero'), 'psql:/docker-entrypoint-initdb.d/03-broken.sql:1: ERROR: division by zero');
  });

  it('prefers psql\'s line naming the init script over the server\'s copy of the same error, in either order', () => {
    const psql = 'psql:/docker-entrypoint-initdb.d/03-broken.sql:1: ERROR:  division by zero';
    const server = '2026-11-27 21:00:00.002 UTC [64] ERROR:  division by zero';
    for (const log of [[server, psql], [psql, server]]) assert.equal(logReason(log.join('\n')), 'psql:/docker-entrypoint-initdb.d/03-broken.sql:1: ERROR: division by zero');
  });

  it('puts the reason before what was observed', () => {
    assert.equal(reasonFirst('replica1', 'FATAL: x', 'stopped (exit code 1) before it was ready.'), 'replica1: FATAL: x — stopped (exit code 1) before it was ready.');
    assert.equal(reasonFirst('replica1', undefined, 'stopped.'), 'replica1: stopped.');
  });

  it('tells a crash from a stop by the exit code in the status', () => {
    assert.equal(failedStatus('Exited (1) 3 minutes ago'), true);
    assert.equal(failedStatus('Restarting (2) 1 second ago'), true);
    assert.equal(failedStatus('Exited (0) 3 minutes ago'), false);
    assert.equal(failedStatus('Exited (137) 3 minutes ago'), false, 'Kill Node / docker kill');
    assert.equal(failedStatus('Up 3 minutes (healthy)'), false);
  });
});
