import * as assert from 'assert';
import { formatG, rint, strtod, strtol0 } from '../../../../language/formats/pgconf/cNumbers';

describe('C number routines', () => {
  it('strtol with base 0', () => {
    assert.deepStrictEqual(strtol0('0x1F'), { value: 31, end: 4, range: false });
    assert.deepStrictEqual(strtol0('010'), { value: 8, end: 3, range: false });
    assert.deepStrictEqual(strtol0('08'), { value: 0, end: 1, range: false });
    assert.deepStrictEqual(strtol0(' -12kB'), { value: -12, end: 4, range: false });
    assert.strictEqual(strtol0('99999999999999999999').range, true);
    assert.strictEqual(strtol0('abc').end, 0);
  });

  it('strtod with specials, hex floats and underflow', () => {
    assert.strictEqual(strtod('1.5e3x').value, 1500);
    assert.strictEqual(strtod('1.5e3x').end, 5);
    assert.strictEqual(strtod('inf').value, Infinity);
    assert.ok(Number.isNaN(strtod('nan').value));
    assert.strictEqual(strtod('0x1p3').value, 8);
    assert.strictEqual(strtod('1e400').range, true);
    assert.strictEqual(strtod('1e-400').range, true);
  });

  it('rint rounds halves to even', () => {
    assert.deepStrictEqual([rint(0.5), rint(1.5), rint(2.5), rint(-0.5), rint(2.4)], [0, 2, 2, -0, 2]);
  });

  it('formats like printf %g', () => {
    assert.deepStrictEqual(
      [formatG(0.95), formatG(1e-5), formatG(1234567), formatG(100000), formatG(1.79769e308), formatG(-0), formatG(1234565)],
      ['0.95', '1e-05', '1.23457e+06', '100000', '1.79769e+308', '-0', '1.23456e+06'],
    );
  });
});
