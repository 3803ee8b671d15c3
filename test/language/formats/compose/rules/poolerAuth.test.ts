import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loginFailure, type SecretKind } from '../../../../../language/formats/pgbouncer/authOutcome';
import { memoryFs, service, textDoc } from '../helpers';

const DIR = '/work/project';
const MD5_POSTGRES = 'md53175bce1d3201d16594cebf9d7eb3f9d'; // md5('pw' + 'postgres')
const SCRAM = 'SCRAM-SHA-256$4096:c2FsdHNhbHQ=$c3RvcmVkS2V5:c2VydmVyS2V5';

interface Stack {
  primary?: string;
  ini?: string;
  userlist?: string;
  files?: Record<string, string>;
  pooler?: string;
}

const mountedPooler = `  pgbouncer:
    image: edoburu/pgbouncer:v1.24.1-p0
    volumes:
      - ./pgbouncer.ini:/etc/pgbouncer/pgbouncer.ini:ro
      - ./userlist.txt:/etc/pgbouncer/userlist.txt:ro
`;

function findings(stack: Stack) {
  const compose = `services:\n  primary:\n${stack.primary ?? '    image: postgres:17\n    environment: { POSTGRES_PASSWORD: pw }\n'}${stack.pooler ?? mountedPooler}`;
  const ini = stack.ini ?? '[databases]\n* = host=primary\n[pgbouncer]\nauth_type = md5\nauth_file = /etc/pgbouncer/userlist.txt\n';
  const fs = memoryFs({ [`${DIR}/pgbouncer.ini`]: ini, [`${DIR}/userlist.txt`]: stack.userlist ?? `"postgres" "${MD5_POSTGRES}"\n`, ...stack.files });
  return service(fs).getDiagnostics(textDoc(compose)).filter((d) => d.code === 'compose/pooler-login-fails');
}

describe('compose: PgBouncer logins that fail on the secret it holds (measured with the real programs)', () => {
  it('auth_type md5 with an md5 secret against PostgreSQL 17 (SCRAM stored, scram-sha-256 in pg_hba.conf): wrong password type', () => {
    const [d, ...rest] = findings({});
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(d.severity, 2);
    assert.match(d.message, /^"primary" refuses "pgbouncer"'s login for "postgres" \(auth_type md5, secrets from userlist\.txt; entry "\*"\): clients get "FATAL: {2}server login failed: wrong password type"\. The server asks for SCRAM and PgBouncer holds only an MD5 secret/);
    assert.match(d.message, /Fix: give PgBouncer the plain-text password or the SCRAM secret/);
  });

  it('is quiet where the same files work: PostgreSQL 13 (md5 stored and asked), a plain-text password, trust for the host', () => {
    assert.deepStrictEqual(findings({ primary: '    image: postgres:13\n    environment: { POSTGRES_PASSWORD: pw }\n' }), []);
    assert.deepStrictEqual(findings({ userlist: '"postgres" "pw"\n' }), []);
    assert.deepStrictEqual(findings({ primary: '    image: postgres:17\n    environment: { POSTGRES_PASSWORD: pw, POSTGRES_HOST_AUTH_METHOD: trust }\n' }), []);
  });

  it('auth_type scram-sha-256 with an md5 secret: PgBouncer itself refuses, whatever the server', () => {
    const ini = '[databases]\n* = host=primary\n[pgbouncer]\nauth_type = scram-sha-256\nauth_file = /etc/pgbouncer/userlist.txt\n';
    const [d] = findings({ ini, primary: '    image: postgres:17\n    environment: { POSTGRES_PASSWORD: pw, POSTGRES_HOST_AUTH_METHOD: trust }\n' });
    assert.match(d.message, /^"pgbouncer" itself refuses "postgres" .*"FATAL: {2}SASL authentication failed"/);
  });

  it('a SCRAM secret against a server that asks for MD5 (-c password_encryption=md5 on a role an init script creates)', () => {
    const primary = '    image: postgres:17\n    environment: { POSTGRES_PASSWORD: pw }\n    command: postgres -c password_encryption=md5\n    volumes: ["./init.sql:/docker-entrypoint-initdb.d/init.sql:ro"]\n';
    const files = { [`${DIR}/init.sql`]: "CREATE ROLE app LOGIN PASSWORD 'pw';\n" };
    const [d] = findings({ primary, files, userlist: `"app" "${SCRAM}"\n` });
    assert.match(d.message, /"app" .*server login failed: wrong password type.*asks for MD5/);
    assert.deepStrictEqual(findings({ primary, files, userlist: '"app" "md5' + 'a'.repeat(32) + '"\n' }), []);
  });

  it('password in a mounted pg_hba.conf with a hashed secret: the server refuses the password', () => {
    const primary = '    image: postgres:17\n    environment: { POSTGRES_PASSWORD: pw }\n    command: postgres -c hba_file=/etc/postgresql/pg_hba.conf\n    volumes: ["./pg_hba.conf:/etc/postgresql/pg_hba.conf:ro"]\n';
    const [d] = findings({ primary, files: { [`${DIR}/pg_hba.conf`]: 'local all all trust\nhost all all all password\n' } });
    assert.match(d.message, /clients get "FATAL: {2}password authentication failed for user "postgres""/);
    assert.deepStrictEqual(findings({ primary, files: { [`${DIR}/pg_hba.conf`]: 'host all +admins all trust\nhost all all all password\n' } }), [], 'an earlier line may match: unknown');
  });

  it('is quiet where the files do not tell: a user they do not create, initdb told otherwise, an unreadable userlist, an %include', () => {
    assert.deepStrictEqual(findings({ userlist: `"app" "${MD5_POSTGRES}"\n` }), []);
    assert.deepStrictEqual(findings({ primary: '    image: postgres:17\n    environment: { POSTGRES_PASSWORD: pw, POSTGRES_INITDB_ARGS: "-c password_encryption=md5" }\n' }), []);
    assert.deepStrictEqual(findings({ ini: '[databases]\n* = host=primary\n[pgbouncer]\nauth_type = md5\nauth_file = /etc/pgbouncer/missing.txt\n' }), []);
    assert.deepStrictEqual(findings({ ini: '[databases]\n* = host=primary\n[pgbouncer]\nauth_file = /etc/pgbouncer/userlist.txt\n%include /etc/pgbouncer/more.ini\n' }), []);
    assert.deepStrictEqual(findings({ primary: '    image: postgres\n    build: .\n    environment: { POSTGRES_PASSWORD: pw }\n' }), []);
  });

  it('edoburu/pgbouncer from its environment: the default AUTH_TYPE md5 writes an md5 secret, which PostgreSQL 14+ cannot take', () => {
    const pooler = (authType: string) => `  pgbouncer:\n    image: edoburu/pgbouncer:v1.24.1-p0\n    environment: { DB_HOST: primary, DB_USER: postgres, DB_PASSWORD: pw${authType} }\n`;
    const [d] = findings({ pooler: pooler('') });
    assert.match(d.message, /"postgres" \(auth_type md5, secrets from the userlist\.txt edoburu\/pgbouncer writes from DB_PASSWORD; entry "\*"\).*wrong password type/);
    assert.deepStrictEqual(findings({ pooler: pooler(', AUTH_TYPE: scram-sha-256') }), []);
    assert.deepStrictEqual(findings({ pooler: pooler(''), primary: '    image: postgres:13\n    environment: { POSTGRES_PASSWORD: pw }\n' }), []);
  });

  it('infers what the image stores and asks as the real images do (measured: npm run probe:pgbouncer-auth, image-facts.tsv)', () => {
    const facts = fs.readFileSync(path.join(__dirname, '../../../../fixtures/pgbouncer/authMatrix/image-facts.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
    assert.strictEqual(facts.length, 4);
    for (const [major, setting, stored, line] of facts) {
      const method = line.split(' ').pop()!;
      for (const [secret, userlist] of [['md5', `"postgres" "${MD5_POSTGRES}"\n`], ['scram-sha-256', `"postgres" "${SCRAM}"\n`], ['plain', '"postgres" "pw"\n']] as const) {
        const primary = `    image: postgres:${major}\n    environment: { POSTGRES_PASSWORD: pw }\n    command: postgres -c password_encryption=${setting}\n`;
        const expected = loginFailure({ authType: 'md5', secret: secret as SecretKind, stored: stored as 'md5' | 'scram-sha-256', method });
        const found = findings({ primary, userlist });
        assert.strictEqual(found.length, expected ? 1 : 0, `${major} -c ${setting}, ${secret} secret: ${found.map((d) => d.message).join('; ')}`);
        if (expected) assert.ok(found[0].message.includes(expected.message.replace('%u', 'postgres')), found[0].message);
      }
    }
  });
});
