import * as assert from 'assert';
import { CODES } from '../../../../language/formats/pgconf/codes';
import { judgeSetting } from '../../../../language/formats/pgconf/judge';
import { parseBool } from '../../../../language/formats/pgconf/values';
import { tinyCatalog } from './fixtures';

describe('pgconf judge (values as PostgreSQL checks them)', () => {
  const catalog = tinyCatalog();
  const judge = (name: string, value: string, major: 13 | 14 | 15 | 16 | 17 | 18 = 17) => judgeSetting(catalog, major, name, value);
  const canonical = (name: string, value: string) => judge(name, value).canonical;

  it('parses booleans with unambiguous prefixes', () => {
    assert.deepStrictEqual(['tru', 'TRUE', 'of', 'ON', 'y', 'n', '1', '0'].map(parseBool), [true, true, false, true, true, false, true, false]);
    assert.deepStrictEqual(['o', 'onn', 'truth', '2', ''].map(parseBool), [undefined, undefined, undefined, undefined, undefined]);
    assert.strictEqual(judge('hot_standby', 'o').code, CODES.invalidValue);
  });

  it('converts units to the base unit with PostgreSQL rounding', () => {
    assert.strictEqual(canonical('shared_buffers', '128MB'), '16384');
    assert.strictEqual(canonical('shared_buffers', '1GB'), '131072');
    assert.strictEqual(canonical('work_mem', '1.5MB'), '1536');
    assert.strictEqual(canonical('work_mem', '0x100'), '256');
    assert.strictEqual(canonical('work_mem', '0100'), '64');
    assert.strictEqual(canonical('statement_timeout', '1.5min'), '90000');
    assert.strictEqual(canonical('statement_timeout', '1.5ms'), '2');
    assert.strictEqual(canonical('statement_timeout', '2.5'), '2');
    assert.strictEqual(canonical('vacuum_cost_delay', '1500us'), '1.5');
  });

  it('rejects wrong units, wrong case and out-of-range values', () => {
    const wrongCase = judge('work_mem', '4mb');
    assert.strictEqual(wrongCase.code, CODES.invalidUnit);
    assert.deepStrictEqual(wrongCase.suggestions, ['4MB']);
    assert.strictEqual(judge('work_mem', '4 MBs').code, CODES.invalidUnit);
    assert.strictEqual(judge('max_wal_senders', '4kB').code, CODES.invalidValue);
    const low = judge('shared_buffers', '1kB');
    assert.strictEqual(low.code, CODES.outOfRange);
    assert.strictEqual(low.message, '0 8kB is outside the valid range for parameter "shared_buffers" (16 8kB .. 1073741823 8kB)');
    assert.strictEqual(judge('shared_buffers', '1kB', 16).message, '0 8kB is outside the valid range for parameter "shared_buffers" (16 .. 1073741823)');
    assert.strictEqual(judge('checkpoint_completion_target', '1.5').code, CODES.outOfRange);
    assert.strictEqual(judge('work_mem', '99999999999').code, CODES.invalidValue);
  });

  it('accepts enum values in any case, hidden aliases and build-dependent values', () => {
    assert.strictEqual(canonical('wal_level', 'REPLICA'), 'replica');
    assert.strictEqual(canonical('wal_level', 'hot_standby'), 'replica');
    assert.strictEqual(canonical('synchronous_commit', 'true'), 'on');
    assert.strictEqual(canonical('default_toast_compression', 'lz4'), 'lz4');
    const bad = judge('wal_level', 'replicas');
    assert.strictEqual(bad.code, CODES.invalidValue);
    assert.match(bad.hint ?? '', /minimal, replica, logical/);
  });

  it('classifies names: unknown with suggestion, dotted, removed, added later, renamed, internal', () => {
    const unknown = judge('shared_bufers', '1');
    assert.strictEqual(unknown.code, CODES.unknownParameter);
    assert.deepStrictEqual(unknown.suggestions?.[0], 'shared_buffers');
    assert.deepStrictEqual(judge('myext.anything', 'x y'), { accepted: true, canonical: 'x y' });
    assert.strictEqual(judge('vacuum_defer_cleanup_age', '0', 16).code, CODES.removedParameter);
    assert.strictEqual(judge('vacuum_defer_cleanup_age', '0', 15).accepted, true);
    assert.strictEqual(judge('summarize_wal', 'on', 16).code, CODES.addedLaterParameter);
    const renamed = judge('wal_keep_segments', '64');
    assert.strictEqual(renamed.code, CODES.removedParameter);
    assert.deepStrictEqual(renamed.rename, { name: 'wal_keep_size', value: '1024MB' });
    assert.strictEqual(judge('block_size', '8192').code, CODES.internalParameter);
  });

  it('checks the strings PostgreSQL checks', () => {
    assert.strictEqual(judge('synchronous_standby_names', 'FIRST 1 (a, "b c")').accepted, true);
    assert.strictEqual(judge('synchronous_standby_names', 'ANY 0 (a)').accepted, false);
    assert.strictEqual(judge('synchronous_standby_names', 'first').code, CODES.standbyNamesSyntax);
    assert.strictEqual(judge('primary_slot_name', 'Replica-1').accepted, false);
    assert.strictEqual(judge('primary_slot_name', 'replica_1').accepted, true);
    assert.strictEqual(judge('archive_command', 'anything at all').accepted, true);
  });

  it('runs the backend-count check hook up to 17 only', () => {
    assert.strictEqual(judge('max_connections', '262143', 17).accepted, false);
    assert.strictEqual(judge('max_connections', '262143', 18).accepted, true);
  });
});
