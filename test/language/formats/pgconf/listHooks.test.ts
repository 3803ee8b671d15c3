import * as assert from 'assert';
import { hookVerdict } from './hookVerdict';
import { checkTypedValue } from '../../../../language/formats/pgconf/values';
import { runNumericHook } from '../../../../language/formats/pgconf/numericHooks';

const verdict = hookVerdict;

describe('pgconf keyword and list string hooks', () => {
  it('reads DateStyle words into the stored style and order', () => {
    assert.strictEqual(verdict('DateStyle', 'iso, dmy'), 'ok ISO, DMY');
    assert.strictEqual(verdict('DateStyle', 'european'), 'ok ISO, DMY');
    assert.strictEqual(verdict('DateStyle', 'default, german'), 'ok German, DMY');
    assert.strictEqual(verdict('DateStyle', 'german, default'), 'ok German, MDY');
    assert.match(verdict('DateStyle', 'iso, sql', 13), /\| Conflicting "datestyle" specifications\./);
    assert.match(verdict('DateStyle', 'iso, sql', 18), /\| Conflicting "DateStyle" specifications\./);
    assert.match(verdict('DateStyle', 'Foo'), /^invalid value for parameter "DateStyle": "Foo" \| Unrecognized key word: "foo"\./);
  });

  it('stores the canonical encoding name, except UNICODE', () => {
    assert.strictEqual(verdict('client_encoding', 'utf-8'), 'ok UTF8');
    assert.strictEqual(verdict('client_encoding', 'Windows-1252'), 'ok WIN1252');
    assert.strictEqual(verdict('client_encoding', 'UNICODE'), 'ok UNICODE');
    assert.strictEqual(verdict('client_encoding', 'unicode'), 'ok UTF8');
    assert.match(verdict('client_encoding', 'utf-9'), /^invalid value for parameter "client_encoding": "utf-9"/);
  });

  it('checks relation kinds, resource managers, function names and direct I/O options', () => {
    assert.strictEqual(verdict('restrict_nonsystem_relation_kind', 'view, Foreign-Table'), 'ok view, Foreign-Table');
    assert.match(verdict('restrict_nonsystem_relation_kind', 'table'), /Unrecognized key word: "table"\./);
    assert.strictEqual(verdict('wal_consistency_checking', 'heap, BTREE', 13), 'ok heap, BTREE');
    assert.match(verdict('wal_consistency_checking', 'XLOG', 14), /Unrecognized key word: "xlog"\./);
    // From 15 on an unknown name waits for the libraries loaded at startup.
    assert.strictEqual(verdict('wal_consistency_checking', 'bogus', 15), 'ok bogus');
    assert.match(verdict('wal_consistency_checking', 'a,,b', 18), /List syntax is invalid\./);
    assert.match(verdict('backtrace_functions', 'a-b', 16), /\| invalid character\./);
    assert.match(verdict('backtrace_functions', 'a-b', 18), /\| Invalid character\./);
    assert.match(verdict('debug_io_direct', 'foo', 16), /\| invalid option "foo"\./);
    assert.match(verdict('debug_io_direct', 'a,,b', 18), /\| Invalid list syntax in parameter "debug_io_direct"\./);
    assert.strictEqual(verdict('debug_io_direct', 'DATA, wal_init', 18), 'ok DATA, wal_init');
  });

  it('refuses an empty lc_messages', () => {
    assert.match(verdict('lc_messages', ''), /^invalid value for parameter "lc_messages": ""/);
    assert.strictEqual(verdict('lc_messages', 'C'), 'ok C');
  });

  it('limits max_stack_depth to the common 8MB stack less 512kB, saying the host decides', () => {
    assert.deepStrictEqual(runNumericHook('max_stack_depth', 7680, 17, () => 0), { ok: true, canonical: '7680' });
    const refused = runNumericHook('max_stack_depth', 7681, 17, () => 0);
    assert.ok(!refused.ok && refused.message === 'invalid value for parameter "max_stack_depth": 7681');
    assert.ok(!refused.ok && refused.hint?.startsWith('"max_stack_depth" must not exceed 7680kB. Increase the platform\'s stack depth limit via "ulimit -s"'));
    assert.ok(!refused.ok && /host/.test(refused.hint ?? ''));
    assert.strictEqual(checkTypedValue('max_stack_depth', { vartype: 'integer', unit: 'kB', min: 100, max: 2147483647, bootVal: '100', context: 'superuser', category: '', notInSample: false }, '8MB').ok, true);
  });
});
