import * as assert from 'assert';
import { describeAmount, suffixesFor, toBaseUnits } from '../../../../../language/formats/pgconf/features/units';
import { majorsText } from '../../../../../language/formats/pgconf/features/describe';
import { docsUrl } from '../../../../../language/formats/pgconf/features/docsLink';

describe('pgconf features: units and display helpers', () => {
  it('shows base-unit values in human units', () => {
    assert.strictEqual(describeAmount(16384, '8kB'), '16384 × 8kB = 128MB');
    assert.strictEqual(describeAmount(4096, 'kB'), '4096kB = 4MB');
    assert.strictEqual(describeAmount(300, 's'), '300s = 5min');
    assert.strictEqual(describeAmount(64, 'MB'), '64MB');
    assert.strictEqual(describeAmount(0, 'MB'), '0MB');
    assert.strictEqual(describeAmount(-1, 'ms'), '-1');
    assert.strictEqual(describeAmount(100, undefined), '100');
    assert.strictEqual(describeAmount(1073741823, '8kB', true), '1073741823 × 8kB ≈ 8TB');
    assert.strictEqual(describeAmount(2147483647, 'kB', true), '2147483647kB ≈ 2TB');
  });

  it('converts written values to base units', () => {
    assert.strictEqual(toBaseUnits('128MB', '8kB'), 16384);
    assert.strictEqual(toBaseUnits('1GB', 'MB'), 1024);
    assert.strictEqual(toBaseUnits('5min', 's'), 300);
    assert.strictEqual(toBaseUnits('0x10', undefined), 16);
    assert.strictEqual(toBaseUnits('128mb', '8kB'), undefined, 'units are case-sensitive');
    assert.strictEqual(toBaseUnits('5min', '8kB'), undefined, 'a time unit on a memory parameter');
  });

  it('lists the suffixes of a unit family only', () => {
    assert.deepStrictEqual(suffixesFor('8kB'), ['B', 'kB', 'MB', 'GB', 'TB']);
    assert.deepStrictEqual(suffixesFor('min'), ['us', 'ms', 's', 'min', 'h', 'd']);
    assert.deepStrictEqual(suffixesFor(undefined), []);
  });

  it('compresses major lists and links the docs page of the category', () => {
    assert.strictEqual(majorsText([13, 14, 15, 17]), '13–15, 17');
    assert.strictEqual(majorsText([16]), '16');
    assert.strictEqual(docsUrl('wal_level', 'Write-Ahead Log / Settings', 16), 'https://www.postgresql.org/docs/16/runtime-config-wal.html#GUC-WAL-LEVEL');
    assert.match(docsUrl('mystery', undefined, 17), /^https:\/\/www\.postgresql\.org\/search\/\?u=%2Fdocs%2F17%2F&q=mystery$/);
  });
});
