import * as assert from 'assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { pgbouncerKnowledge, versionLine } from '../../../../language/formats/pgbouncer/knowledge';
import { parseIni } from '../../../../language/formats/pgbouncer/parser';
import { validatePgbouncer } from '../../../../language/formats/pgbouncer/validator';

const knowledge = pgbouncerKnowledge();
const BASE = '[databases]\ndb = host=127.0.0.1 port=5432\n[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = 6432\nauth_type = trust\n';
const check = (version: string, extra: string) =>
  validatePgbouncer({ parsed: parseIni(BASE + extra), file: '', knowledge, version, fs: { readFile: () => undefined, exists: () => false, isDirectory: () => false, readDir: () => [] } }).map((d) => [d.severity, d.code, d.message.split('. ')[0]]);

describe('PgBouncer 1.15 (Debian bullseye), from its own catalog', function () {
  it('is a catalogued line, chosen by the image tags that name it', function () {
    assert.ok(knowledge.versions.includes('1.15'), knowledge.versions.join(', '));
    assert.strictEqual(knowledge.of('1.15').release, '1.15.0');
    assert.deepStrictEqual(['1.15.0', 'v1.15.0-p1'.replace(/^v/, ''), '1.16.1', '1.17.0', '1.18.0', '1.10.0'].map((tag) => versionLine(knowledge, tag)), ['1.15', '1.15', '1.15', '1.15', '1.18', '1.15']);
  });

  it('skips a [databases] or [users] entry it cannot read instead of refusing the file: a warning in its words', function () {
    assert.strictEqual(knowledge.of('1.15').entryErrors, 'skipped');
    assert.strictEqual(knowledge.of('1.18').entryErrors, 'fatal');
    assert.deepStrictEqual(check('1.15', '[databases]\nfoo = host=127.0.0.1 bogus=1\n'), [[DiagnosticSeverity.Warning, 'pgbouncer/unknown-connection-parameter', 'skipping database foo because of unknown parameter in connstring: bogus']]);
    assert.deepStrictEqual(check('1.15', '[users]\nbob = pool_mode=sometimes\n').map((d) => d[2]), ['skipping user bob because of invalid pool mode: sometimes']);
    assert.deepStrictEqual(check('1.15', '[databases]\nfoo = host=127.0.0.1 port=0\n').map((d) => d[2]), ['skipping database foo because of bad port: 0']);
    assert.deepStrictEqual(check('1.15', "[databases]\nfoo = host=127.0.0.1 password='open\n").map((d) => d[2]), ['foo: syntax error in connstring']);
    assert.deepStrictEqual(check('1.15', '[databases]\npgbouncer = host=127.0.0.1\n'), []);
    assert.deepStrictEqual(check('1.18', '[databases]\nfoo = host=127.0.0.1 bogus=1\n').map((d) => [d[0], d[2]]), [[DiagnosticSeverity.Error, 'unrecognized connection parameter: bogus']]);
  });

  it('knows what 1.15 does not have: [peers], max_prepared_statements', function () {
    assert.deepStrictEqual(check('1.15', '[peers]\n1 = host=127.0.0.1\n').map((d) => [d[1], d[2]]), [['pgbouncer/unknown-section', 'invalid section "peers" in configuration (pgbouncer.ini:7)']]);
    assert.deepStrictEqual(check('1.15', 'max_prepared_statements = 10\n').map((d) => [d[1], d[2]]), [['pgbouncer/added-later-parameter', 'unknown parameter: pgbouncer/max_prepared_statements']]);
  });
});
