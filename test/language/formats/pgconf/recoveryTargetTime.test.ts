import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadCatalog } from '../../../../language/catalog/catalog';
import { nodeFileSystem } from '../../../../core/nodeFileSystem';
import { checkRecoveryTargetTime } from '../../../../language/formats/pgconf/recoveryTargetTime';
import { parseDateTime } from '../../../../language/formats/pgconf/dateTimeTokens';
import { getLanguageService } from '../../../../language/service/languageService';

type Major = 13 | 14 | 15 | 16 | 17 | 18;
const check = (value: string, major: Major = 17, prior: Record<string, string> = {}) => {
  const result = checkRecoveryTargetTime('recovery_target_time', value, major, (name) => prior[name]);
  return result.ok ? 'ok' : `${result.message} | ${result.hint ?? ''}`;
};

describe('pgconf recovery_target_time (timestamp input while the file is read)', () => {
  it('splits a timestamp into fields like PostgreSQL', () => {
    assert.deepStrictEqual(parseDateTime('2024-01-05 10:00 America/New_York', 153)?.map((f) => `${f.type}:${f.text}`), [
      'date:2024-01-05', 'time:10:00', 'date:america/new_york',
    ]);
    assert.strictEqual(parseDateTime('2024-01-05 é', 153), undefined);
    assert.strictEqual(parseDateTime(Array(30).fill('1').join(' '), 153), undefined);
  });

  it('accepts complete timestamps with numeric zones and zone names', () => {
    for (const value of ['2024-01-05 10:00+02', '2024-01-01 10:00 UTC', 'jan 5 2024 allballs', '2024-01-05 10:00 zulu', 'J2451545', 'NOW', 'today 10:00']) {
      assert.strictEqual(check(value), 'ok', value);
    }
  });

  it('refuses special values, incomplete dates and impossible days', () => {
    for (const value of ['now', 'epoch', 'infinity', '10:00', '2024-02-30', '2024-01-05 10:00 Z', 'bogus']) {
      assert.match(check(value), /^invalid value for parameter "recovery_target_time"/, value);
    }
  });

  it('reports timestamps past the range with the wording of each major', () => {
    assert.match(check('294277-01-01', 13), /\| timestamp out of range: "294277-01-01"$/);
    assert.match(check('294277-01-01', 18), /\| Timestamp out of range: "294277-01-01"\.$/);
    assert.strictEqual(check('4714-11-24 BC'), 'ok');
    assert.match(check('4714-11-23 BC'), /out of range/);
  });

  it('stops the file on an unknown zone name before 16, refuses the value from 16 on', () => {
    assert.match(check('2024-01-01 10:00 Foo/Bar', 15), /^time zone "foo\/bar" not recognized/);
    assert.match(check('2024-01-01 10:00 Foo/Bar', 16), /^invalid value for parameter/);
  });

  it('reads labelled fields before 16 only', () => {
    assert.strictEqual(check('y2024m01d05', 15), 'ok');
    assert.match(check('y2024m01d05', 16), /^invalid value/);
  });

  it('knows abbreviations only from a set loaded earlier, or (18) from the zone set earlier', () => {
    assert.match(check('2024-01-05 10:00 PST'), /^invalid value.*The abbreviation PST is not known yet/);
    assert.strictEqual(check('2024-01-05 10:00 PST', 17, { timezone_abbreviations: 'Default' }), 'ok');
    assert.match(check('2024-07-01 10:00 EDT', 17, { timezone: 'America/New_York' }), /^invalid value/);
    assert.strictEqual(check('2024-07-01 10:00 EDT', 18, { timezone: 'America/New_York' }), 'ok');
    assert.strictEqual(check('13/01/2024', 17, { datestyle: 'dmy' }), 'ok');
    assert.match(check('13/01/2024', 17), /^invalid value/);
  });

  it('applies the earlier lines of the same file, in file order', () => {
    const service = getLanguageService({ catalog: loadCatalog(), fs: nodeFileSystem, settings: () => ({ defaultMajor: 17 }) });
    const errors = (text: string) =>
      service.getDiagnostics(TextDocument.create('file:///nonexistent-pgha/postgresql.conf', 'pgconf', 1, text)).filter((d) => d.severity === 1).length;
    assert.strictEqual(errors("timezone_abbreviations = 'Default'\nrecovery_target_time = '2024-01-05 10:00 PST'\n"), 0);
    assert.strictEqual(errors("recovery_target_time = '2024-01-05 10:00 PST'\ntimezone_abbreviations = 'Default'\n"), 1);
  });
});
