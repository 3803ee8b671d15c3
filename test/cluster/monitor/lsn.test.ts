import * as assert from 'assert';
import { compareLsn, formatBytes, formatSeconds, lsnDistance, parseLsn } from '../../../cluster/monitor/lsn';

describe('monitor/lsn', () => {
  it('parses LSNs into byte positions', () => {
    assert.strictEqual(parseLsn('0/3000000'), 0x3000000);
    assert.strictEqual(parseLsn('16/B374D848'), 0x16 * 2 ** 32 + 0xb374d848);
    assert.strictEqual(parseLsn(null), undefined);
    assert.strictEqual(parseLsn('nonsense'), undefined);
  });
  it('measures distances, never negative, null when unknown', () => {
    assert.strictEqual(lsnDistance('0/3000100', '0/3000000'), 256);
    assert.strictEqual(lsnDistance('1/0', '0/FFFFFFFF'), 1);
    assert.strictEqual(lsnDistance('0/3000000', '0/3000100'), 0);
    assert.strictEqual(lsnDistance('0/3000000', null), null);
    assert.ok(compareLsn('1/0', '0/FFFFFFFF') > 0);
    assert.ok(compareLsn(null, '0/1') < 0);
  });
  it('formats bytes and seconds for people', () => {
    assert.strictEqual(formatBytes(0), '0 B');
    assert.strictEqual(formatBytes(1536), '1.5 kB');
    assert.strictEqual(formatBytes(300 * 1024 * 1024), '300 MB');
    assert.strictEqual(formatBytes(null), '–');
    assert.strictEqual(formatSeconds(0.25), '250 ms');
    assert.strictEqual(formatSeconds(12.34), '12.3 s');
    assert.strictEqual(formatSeconds(600), '10 min');
    assert.strictEqual(formatSeconds(undefined), '–');
  });
});
