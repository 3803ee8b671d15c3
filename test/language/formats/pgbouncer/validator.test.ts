import * as assert from 'assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import { pgbouncerKnowledge } from '../../../../language/formats/pgbouncer/knowledge';
import { parseIni } from '../../../../language/formats/pgbouncer/parser';
import { validatePgbouncer } from '../../../../language/formats/pgbouncer/validator';
import { memoryFs } from '../pgconf/memoryFs';

const knowledge = pgbouncerKnowledge();
const HEAD = '[databases]\nappdb = host=primary port=5432\n[pgbouncer]\nlisten_port = 6432\nauth_type = trust\n';

function check(text: string, version = '1.24', files: Record<string, string> = {}): Diagnostic[] {
  return validatePgbouncer({ parsed: parseIni(text), file: '/etc/pgbouncer/pgbouncer.ini', knowledge, version, fs: memoryFs(files) });
}
const codes = (text: string, version?: string, files?: Record<string, string>) => check(text, version, files).map((d) => d.code);

describe('pgbouncer.ini validator', function () {
  it('takes a plain file', function () {
    assert.deepStrictEqual(codes(HEAD), []);
  });

  it('says what PgBouncer says about unknown keys, with a did-you-mean fix', function () {
    const [d] = check(`${HEAD}max_client_con = 10\n`);
    assert.strictEqual(d.code, 'pgbouncer/unknown-parameter');
    assert.match(d.message, /^unknown parameter: pgbouncer\/max_client_con\. Did you mean 'max_client_conn'/);
    assert.deepStrictEqual(d.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 14 } });
    assert.strictEqual((d.data as { fixes: { title: string }[] }).fixes[0].title, "Change to 'max_client_conn'");
  });

  it('knows which version has a setting', function () {
    assert.deepStrictEqual(codes(`${HEAD}max_prepared_statements = 100\n`, '1.18'), ['pgbouncer/added-later-parameter']);
    assert.deepStrictEqual(codes(`${HEAD}max_prepared_statements = 100\n`, '1.24'), []);
  });

  it('reads numbers like C strtol / strtod', function () {
    const bad = ['max_client_conn = 08', 'max_client_conn = 1.5', 'max_client_conn =', 'server_lifetime = 5min', 'server_lifetime = -1', 'server_lifetime = 1e999', 'pool_mode = sometimes', "pool_mode = 'session'"];
    const good = ['max_client_conn = 0x10', 'max_client_conn = -5', 'max_client_conn = 99999999999999999999', 'server_lifetime = 1e3', 'server_lifetime = inf', 'server_lifetime = -0', 'pool_mode = Session', 'so_reuseport = 7'];
    for (const line of bad) assert.ok(codes(`${HEAD}${line}\n`).includes('pgbouncer/invalid-value'), line);
    for (const line of good) assert.ok(!codes(`${HEAD}${line}\n`).includes('pgbouncer/invalid-value'), line);
    assert.strictEqual(check(`${HEAD}max_client_conn = lots\n`)[0].message.split('.')[0], 'invalid value "lots" for parameter max_client_conn in configuration (pgbouncer');
  });

  it('judges [databases], [users] and [peers] entries like the program', function () {
    const cases: [string, string, string][] = [
      ['[databases]\nfoo = host=x nosuch=1\n', 'pgbouncer/unknown-connection-parameter', 'unrecognized connection parameter: nosuch'],
      ['[databases]\nfoo = host=x port=abc\n', 'pgbouncer/invalid-entry', 'invalid port: abc'],
      ['[databases]\nfoo = host=x pool_mode=bad\n', 'pgbouncer/invalid-entry', 'invalid pool mode: bad'],
      ["[databases]\nfoo = host=x password='a b\n", 'pgbouncer/invalid-entry', 'syntax error in connection string'],
      ['[databases]\npgbouncer = host=x\n', 'pgbouncer/invalid-entry', 'database name "pgbouncer" is reserved'],
      ['[users]\nbob = pool_mode\n', 'pgbouncer/invalid-entry', 'syntax error in user settings'],
      ['[peers]\n0 = host=x\n', 'pgbouncer/invalid-entry', 'ids of peers must be a number larger than 0 and at most 65536'],
      ['[peers]\n1 = port=5\n', 'pgbouncer/invalid-entry', 'host was not provided for peer 1'],
    ];
    for (const [entry, code, message] of cases) {
      const found = check(`${HEAD}${entry}`).find((d) => d.code === code);
      assert.ok(found?.message.startsWith(message), `${entry}: ${JSON.stringify(check(`${HEAD}${entry}`))}`);
    }
    assert.deepStrictEqual(codes(`${HEAD}[databases]\nfoo = host=x password='a b' port=12x\n* = whatever\n`), []);
    assert.deepStrictEqual(codes(`${HEAD}[peers]\n1 = host=x\n`, '1.18'), ['pgbouncer/unknown-section']);
  });

  it('reports syntax, sections, a missing main section and value without section', function () {
    assert.deepStrictEqual(codes(`${HEAD}max client = 1\n[pgbouncer\n%foo\n`), ['pgbouncer/syntax', 'pgbouncer/syntax', 'pgbouncer/syntax']);
    assert.deepStrictEqual(codes(`${HEAD}[PgBouncer]\nx = 1\n`), ['pgbouncer/unknown-section']);
    assert.deepStrictEqual(codes('listen_port = 6432\n[databases]\n'), ['pgbouncer/value-without-section', 'pgbouncer/main-section-missing']);
  });

  it('follows %include, reporting what is wrong inside at the include line, and cycles', function () {
    const files = { '/etc/pgbouncer/extra.ini': 'max_client_conn = lots\n', '/etc/pgbouncer/loop.ini': '%include loop.ini\n' };
    const found = check(`${HEAD}%include extra.ini\n%include missing.ini\n%include loop.ini\n`, '1.24', files);
    assert.deepStrictEqual(found.map((d) => [d.code, d.range.start.line]), [
      ['pgbouncer/invalid-value', 5],
      ['pgbouncer/include-missing', 6],
      ['pgbouncer/include-cycle', 7],
    ]);
    assert.match(found[1].message, /^could not load file "\/etc\/pgbouncer\/missing.ini": No such file or directory/);
  });

  it('warns about what PgBouncer takes quietly', function () {
    assert.deepStrictEqual(codes(`${HEAD}listen_port = 70000\n`).filter((c) => c !== 'pgbouncer/overridden'), ['pgbouncer/port-out-of-range']);
    assert.deepStrictEqual(codes(`${HEAD}client_tls_sslmode = require\n`), ['pgbouncer/tls-without-key']);
    assert.deepStrictEqual(codes('[pgbouncer]\nauth_type = hba\n'), ['pgbouncer/hba-without-file']);
    assert.deepStrictEqual(codes('[pgbouncer]\nauth_query = select 1\n'), ['pgbouncer/auth-query-without-user']);
    assert.deepStrictEqual(codes('[pgbouncer]\nauth_file = users.txt\n'), ['pgbouncer/auth-file-missing']);
    assert.deepStrictEqual(codes('[pgbouncer]\nauth_file = users.txt\n', '1.24', { '/etc/pgbouncer/users.txt': '' }), []);
    assert.deepStrictEqual(codes('[pgbouncer]\ndefault_pool_size = -3\n'), ['pgbouncer/negative-count']);
    assert.deepStrictEqual(codes('[pgbouncer]\npool_mode = transaction\n', '1.18'), ['pgbouncer/prepared-statements']);
    assert.deepStrictEqual(codes('[pgbouncer]\npool_mode = transaction\n', '1.24'), []);
    assert.deepStrictEqual(codes('[pgbouncer]\npool_mode = transaction\nmax_prepared_statements = 0\n', '1.24'), ['pgbouncer/prepared-statements']);
    assert.deepStrictEqual(codes('[pgbouncer]\nlisten_port = 1\nlisten_port = 2\n'), ['pgbouncer/overridden']);
  });

  it('never throws on binary or odd input', function () {
    for (const text of ['\u0000\u0001[\u00ff', '['.repeat(1000), '='.repeat(100), '%include', '[pgbouncer]\n\r\n\t= \n']) assert.ok(Array.isArray(check(text)));
  });
});

describe('pgbouncer.ini: what the differential run taught', function () {
  it('reads a quoted value as the program does: one character after the closing quote is cut', function () {
    assert.deepStrictEqual(codes(`${HEAD}[databases]\nfoo = host=127.0.0.1 password='it''s'x port=5\n`), []);
  });

  it('refuses auth_type = cert without client_tls_sslmode = verify-full, with the program\'s words', function () {
    const [d] = check('[pgbouncer]\nauth_type = cert\n');
    assert.strictEqual(d.code, 'pgbouncer/cert-needs-verify-full');
    assert.match(d.message, /^auth_type=cert requires client_tls_sslmode=SSLMODE_VERIFY_FULL\./);
  });
});

describe('pgbouncer.ini: the auth_file it names', function () {
  it('says "broken auth file" where PgBouncer stops reading it', function () {
    const found = (userlist: string) => check('[pgbouncer]\nauth_file = users.txt\n', '1.24', { '/etc/pgbouncer/users.txt': userlist });
    assert.deepStrictEqual(found('"alice" "secret"\n; comment\n"bob" "SCRAM-SHA-256$4096:x" trailing\n"quote""d" "p""w"\n'), []);
    const [d] = found('"alice" "secret"\nbob secret\n');
    assert.strictEqual(d.code, 'pgbouncer/auth-file-broken');
    assert.match(d.message, /^broken auth file\. \/etc\/pgbouncer\/users\.txt line 2/);
    assert.deepStrictEqual(found('"alice" "unterminated\n').map((x) => x.code), ['pgbouncer/auth-file-broken']);
  });

  it('auth_type = scram-sha-256 with md5 secrets: those users are refused by PgBouncer itself (measured), others are fine', function () {
    const found = (authType: string, userlist: string) => check(`[pgbouncer]\nauth_type = ${authType}\nauth_file = users.txt\n`, '1.24', { '/etc/pgbouncer/users.txt': userlist });
    const md5 = `"alice" "md5${'0'.repeat(32)}"\n"bob" "plain"\n`;
    const [d, ...rest] = found('scram-sha-256', md5);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(d.code, 'pgbouncer/md5-secret-for-scram');
    assert.match(d.message, /^auth_type = scram-sha-256, and the auth_file holds md5 secrets for "alice": their logins fail with "SASL authentication failed"/);
    assert.deepStrictEqual(found('md5', md5), []);
    assert.deepStrictEqual(found('scram-sha-256', '"bob" "plain"\n"carol" "SCRAM-SHA-256$4096:c2FsdA==$c3Q=:c2s="\n'), []);
  });
});
