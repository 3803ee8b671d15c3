import * as assert from 'assert';
import { classifyConnectionError } from '../../../cluster/monitor/errors';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('monitor/errors: connection failures become states', () => {
  const cases: [unknown, string][] = [
    [pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5433'), 'unreachable'],
    [new Error('Connection terminated due to connection timeout'), 'unreachable'],
    [new Error('Connection terminated unexpectedly'), 'unreachable'],
    [pgError('28P01', 'password authentication failed for user "postgres"'), 'authentication failed'],
    [pgError('28000', 'no pg_hba.conf entry for host "172.18.0.1"'), 'authentication failed'],
    [new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'), 'authentication failed'],
    [pgError('57P03', 'the database system is starting up'), 'starting up'],
    [pgError('57P03', 'the database system is shutting down'), 'shutting down'],
    [pgError('57P03', 'the database system is not accepting connections'), 'not accepting connections'],
    [pgError('57P01', 'terminating connection due to administrator command'), 'shutting down'],
    [pgError('3D000', 'database "app" does not exist'), 'database missing'],
    [pgError('53300', 'sorry, too many clients already'), 'too many connections'],
    [pgError('XX000', 'something odd'), 'error'],
    ['a string', 'error'],
  ];
  for (const [error, state] of cases) {
    it(`${(error as Error).message ?? error} → ${state}`, () => {
      const result = classifyConnectionError(error);
      assert.strictEqual(result.state, state);
      assert.ok(result.detail.length > 0);
    });
  }
});
