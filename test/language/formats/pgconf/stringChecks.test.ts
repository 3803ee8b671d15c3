import * as assert from 'assert';
import { checkStringValue, splitIdentifiers, standbyNamesError } from '../../../../language/formats/pgconf/stringChecks';

const canonical = (name: string, value: string, major: 13 | 15 | 16 | 17 | 18 = 17) => {
  const verdict = checkStringValue(name, value, major);
  return verdict.ok ? verdict.canonical : `rejected`;
};

describe('pgconf string checks (PostgreSQL check hooks)', () => {
  it('splits identifier lists like SplitIdentifierString', () => {
    assert.deepStrictEqual(splitIdentifiers('"$user", Public'), ['$user', 'public']);
    assert.deepStrictEqual(splitIdentifiers('  '), []);
    assert.strictEqual(splitIdentifiers('a,,b'), undefined);
    assert.strictEqual(splitIdentifiers('"open'), undefined);
  });

  it('parses synchronous_standby_names', () => {
    assert.strictEqual(standbyNamesError('*'), undefined);
    assert.strictEqual(standbyNamesError('2 (a, b, c)'), undefined);
    assert.strictEqual(standbyNamesError('ANY 1 ("x y", z)'), undefined);
    assert.strictEqual(standbyNamesError('first'), 'syntax error');
    assert.match(standbyNamesError('FIRST 0 (a)') ?? '', /must be greater than zero/);
  });

  it('canonicalises paths and names the way each major stores them', () => {
    assert.strictEqual(canonical('log_directory', 'a//b/./c/', 13), 'a/b/./c');
    assert.strictEqual(canonical('log_directory', 'a//b/./c/', 15), 'a/b/c');
    assert.strictEqual(canonical('log_directory', ''), '');
    assert.strictEqual(canonical('cluster_name', 'x'.repeat(70)), 'x'.repeat(63));
    assert.strictEqual(canonical('application_name', 'é', 15), '??');
    assert.strictEqual(canonical('application_name', 'é', 16), '\\xc3\\xa9');
  });

  it('rejects what the hooks reject', () => {
    assert.strictEqual(canonical('log_destination', 'stderr, jsonlog', 15), 'stderr, jsonlog');
    assert.strictEqual(canonical('log_destination', 'jsonlog', 13), 'rejected');
    assert.strictEqual(canonical('timezone_abbreviations', 'Default'), 'Default');
    assert.strictEqual(canonical('timezone_abbreviations', 'default'), 'rejected');
    assert.strictEqual(canonical('recovery_target', 'latest'), 'rejected');
    assert.strictEqual(canonical('recovery_target_lsn', '0/3000060'), '0/3000060');
    assert.strictEqual(canonical('recovery_target_lsn', '3000060'), 'rejected');
    assert.strictEqual(canonical('log_connections', 'receipt, authentication', 18), 'receipt, authentication');
    assert.strictEqual(canonical('log_connections', 'on, receipt', 18), 'rejected');
    assert.strictEqual(canonical('synchronized_standby_slots', 'slot_a, Slot_B'), 'slot_a, Slot_B');
    assert.strictEqual(canonical('synchronized_standby_slots', "it's"), 'rejected');
    assert.strictEqual(canonical('default_table_access_method', ''), 'rejected');
  });
});
