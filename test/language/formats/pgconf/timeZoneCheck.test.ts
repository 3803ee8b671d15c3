import * as assert from 'assert';
import { hookVerdict } from './hookVerdict';
import { parsePosixZone, utcOffsetIn2000 } from '../../../../language/formats/pgconf/posixTimeZone';

const verdict = hookVerdict;

describe('pgconf TimeZone and log_timezone (check_timezone, pg_tzset)', () => {
  it('takes zone files in any letter case and keeps the spelling as written', () => {
    assert.strictEqual(verdict('TimeZone', 'america/new_york'), 'ok america/new_york');
    assert.strictEqual(verdict('TimeZone', 'EUROPE/PARIS'), 'ok EUROPE/PARIS');
    assert.strictEqual(verdict('log_timezone', ':UTC'), 'ok :UTC');
    assert.match(verdict('TimeZone', 'posix/Europe/Paris'), /^invalid value for parameter "TimeZone": "posix\/Europe\/Paris"/);
    assert.match(verdict('TimeZone', 'America/'), /^invalid value/);
  });

  it('reads numbers of hours for TimeZone only, under a week', () => {
    assert.strictEqual(verdict('TimeZone', '5.5'), 'ok 5.5');
    assert.strictEqual(verdict('TimeZone', '-167.99'), 'ok -167.99');
    assert.match(verdict('TimeZone', '168'), /\| UTC timezone offset is out of range\./);
    assert.match(verdict('TimeZone', 'nan'), /out of range/);
    // For log_timezone "5" is a POSIX specification with an empty standard name.
    assert.strictEqual(verdict('log_timezone', '5'), 'ok 5');
    assert.match(verdict('log_timezone', 'nan'), /^invalid value for parameter "log_timezone": "nan"/);
  });

  it('parses POSIX specifications and refuses offsets with seconds as leap-second zones', () => {
    assert.strictEqual(verdict('TimeZone', 'UTC+3'), 'ok UTC+3');
    assert.strictEqual(verdict('TimeZone', 'XYZ5ABC4,M3.2.0/2,M11.1.0/-1'), 'ok XYZ5ABC4,M3.2.0/2,M11.1.0/-1');
    assert.match(verdict('TimeZone', 'ABC5DEF,M13.1.0,M11.1.0'), /^invalid value/);
    assert.match(verdict('TimeZone', 'UTC+5:00:30', 13), /^time zone "UTC\+5:00:30" appears to use leap seconds \| PostgreSQL does not support leap seconds\./);
    assert.match(verdict('TimeZone', 'PDT', 18), /^invalid value/);
  });

  it('knows which offset a specification shows at the start of 2000', () => {
    assert.strictEqual(utcOffsetIn2000(parsePosixZone('EST5EDT,M3.2.0,M11.1.0')!), -5 * 3600);
    // Southern hemisphere: daylight time in January.
    assert.strictEqual(utcOffsetIn2000(parsePosixZone('AEST-10AEDT,M10.1.0,M4.1.0/3')!), 11 * 3600);
    assert.strictEqual(parsePosixZone('<+0530>-5:30')?.stdName, '+0530');
    assert.strictEqual(parsePosixZone('ABC'), undefined);
  });

  it('reads INTERVAL values: no months or days, and parse errors stop the file', () => {
    assert.strictEqual(verdict('TimeZone', "interval '+02:00'"), "ok interval '+02:00'");
    assert.strictEqual(verdict('TimeZone', "INTERVAL 'PT5H'"), "ok INTERVAL 'PT5H'");
    assert.match(verdict('TimeZone', "interval '1 day'"), /\| Cannot specify days in time zone interval\./);
    assert.match(verdict('TimeZone', "interval '1 mon'"), /\| Cannot specify months in time zone interval\./);
    assert.match(verdict('TimeZone', "interval 'bogus'"), /^invalid input syntax for type interval: "bogus"/);
    assert.match(verdict('TimeZone', "interval '168 hours'"), /out of range/);
    assert.match(verdict('TimeZone', 'interval 1 hour'), /^invalid value for parameter "TimeZone"/);
  });

  it('follows the interval reader of each major', () => {
    assert.match(verdict('TimeZone', "interval 'on 1 hour'", 16), /invalid input syntax/);
    assert.strictEqual(verdict('TimeZone', "interval 'on 1 hour'", 17), "ok interval 'on 1 hour'");
    assert.match(verdict('TimeZone', "interval 'infinity'", 17), /Cannot specify months/);
    assert.match(verdict('TimeZone', "interval '2562047788 hours'", 13), /^interval field value out of range/);
  });
});
