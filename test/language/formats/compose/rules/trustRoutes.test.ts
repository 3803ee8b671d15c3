import * as assert from 'assert';
import { memoryFs, service, textDoc } from '../helpers';

/** Issue 15: trust and passwords by every route the file shows (env_file, image switches, command variables), and mounted configs nothing reads. */
const URI = 'file:///p/compose.yaml';
function findings(lines: string[], files: Record<string, string> = {}, severities = [1, 2]): string[] {
  return service(memoryFs(files))
    .getDiagnostics(textDoc(lines.join('\n') + '\n', URI))
    .filter((d) => severities.includes(d.severity ?? 1))
    .map((d) => `${d.range.start.line + 1} ${d.code}`)
    .sort();
}
const official = (...lines: string[]) => ['services:', '  db:', '    image: postgres:17', ...lines.map((l) => '    ' + l)];

describe('compose trust routes and mounted configs (issue 15)', () => {
  it('reads POSTGRES_HOST_AUTH_METHOD and the password from env_file', () => {
    assert.deepStrictEqual(findings(official('env_file: db.env'), { '/p/db.env': 'POSTGRES_HOST_AUTH_METHOD=trust\n' }), ['4 compose/trust-auth']);
    assert.deepStrictEqual(findings(official('env_file: db.env'), { '/p/db.env': 'POSTGRES_PASSWORD=x\n' }), []);
  });

  it('Bitnami REPMGR_PGHBA_TRUST_ALL=yes and pgpool PGPOOL_AUTHENTICATION_METHOD=trust open the server; no, or pool_hba off, do not', () => {
    const repmgr = (value: string) => findings(['services:', '  pg-0:', '    image: bitnami/postgresql-repmgr:16', '    environment:', '      POSTGRESQL_PASSWORD_FILE: /run/secrets/pw', `      REPMGR_PGHBA_TRUST_ALL: "${value}"`]);
    assert.deepStrictEqual(repmgr('yes'), ['6 compose/trust-auth']);
    assert.deepStrictEqual(repmgr('no'), []);
    const pgpool = (...env: string[]) => findings(['services:', '  pgpool:', '    image: bitnami/pgpool:4.6.0', '    environment:', '      PGPOOL_BACKEND_NODES: 0:pg-0:5432', ...env.map((e) => '      ' + e)]);
    assert.deepStrictEqual(pgpool('PGPOOL_AUTHENTICATION_METHOD: trust'), ['6 compose/trust-auth']);
    assert.deepStrictEqual(pgpool('PGPOOL_AUTHENTICATION_METHOD: trust', 'PGPOOL_ENABLE_POOL_HBA: "no"'), []);
  });

  it('pg_autoctl --auth given by a variable is judged by its default', () => {
    const node = (auth: string) => findings(['services:', '  node:', '    image: citusdata/pg_auto_failover:v2.1-pg16', `    command: pg_autoctl create postgres --auth ${auth} --run`]);
    assert.deepStrictEqual(node('${AUTH:-trust}'), ['4 compose/trust-auth']);
    assert.deepStrictEqual(node('${AUTH:-scram-sha-256}'), []);
  });

  it('trust lines are read by the pg_hba parser: a netmask form counts, loopback and samehost do not', () => {
    const stack = official('command: postgres -c hba_file=/etc/pg/hba.conf', 'environment:', '  POSTGRES_PASSWORD_FILE: /run/secrets/pw', 'volumes:', '  - ./hba.conf:/etc/pg/hba.conf');
    assert.deepStrictEqual(findings(stack, { '/p/hba.conf': 'host all all 10.0.0.0 255.0.0.0 trust\n' }), ['8 compose/trust-auth']);
    assert.deepStrictEqual(findings(stack, { '/p/hba.conf': 'host all all 127.0.0.1 255.255.255.255 trust\nhost all all samehost trust\nhost all all localhost trust\n' }), []);
  });

  it('plain-password: secrets under other names; not a yes/no flag, a path, nor only ${VAR} in a URL', () => {
    const env = ['AWS_SECRET_ACCESS_KEY: abc', 'WALG_LIBSODIUM_KEY: k', 'ALLOW_EMPTY_PASSWORD: "no"', 'PGBACKREST_REPO1_CIPHER_PASS: p', 'DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app', 'POSTGRES_PASSWORD_FILE: /run/secrets/pw', 'API_TOKEN: /run/secrets/token'];
    const lines = official('environment:', ...env.map((e) => '  ' + e));
    assert.deepStrictEqual(findings(lines, {}, [3]), ['5 compose/plain-password', '6 compose/plain-password', '8 compose/plain-password']);
  });

  it('a build-only stack still gets the checks that need no image: trust, ports, passwords', () => {
    const stack = ['services:', '  master:', '    build: ./master', '    environment:', '      POSTGRES_HOST_AUTH_METHOD: trust', '    ports: ["5432:5432"]', '  slave:', '    build: ./slave', '    environment:', '      POSTGRES_PASSWORD: secret', '    ports: ["5432:5432"]'];
    assert.deepStrictEqual(findings(stack, {}, [1, 2, 3]), ['10 compose/plain-password', '11 compose/port-all-interfaces', '11 compose/port-conflict', '5 compose/trust-auth', '6 compose/port-all-interfaces']);
  });

  describe('config-not-used: a postgresql.conf or pg_hba.conf mounted where PostgreSQL never looks', () => {
    const hba = { '/p/pg_hba.conf': 'host all all 0.0.0.0/0 trust\n' };
    const withHba = (...extra: string[]) => official('environment:', '  POSTGRES_PASSWORD_FILE: /run/secrets/pw', ...extra, 'volumes:', '  - ./pg_hba.conf:/etc/postgresql/pg_hba.conf');
    it('is reported, and the trust lines of the unused file are not', () => {
      assert.deepStrictEqual(findings(withHba(), hba), ['7 compose/config-not-used']);
    });
    it('not when hba_file points at it, on the command line or in the mounted config file', () => {
      assert.deepStrictEqual(findings(withHba('command: postgres -c hba_file=/etc/postgresql/pg_hba.conf'), hba), ['8 compose/trust-auth']);
      const conf = { ...hba, '/p/postgresql.conf': "hba_file = '/etc/postgresql/pg_hba.conf'\n" };
      const stack = [...withHba('command: postgres -c config_file=/etc/postgresql/postgresql.conf'), '      - ./postgresql.conf:/etc/postgresql/postgresql.conf'];
      assert.deepStrictEqual(findings(stack, conf), ['8 compose/trust-auth']);
    });
    it('not when it sits in the directory -D names', () => {
      const stack = official('command: postgres -D /srv/pg', 'environment:', '  POSTGRES_PASSWORD_FILE: /run/secrets/pw', 'volumes:', '  - ./pg_hba.conf:/srv/pg/pg_hba.conf');
      assert.deepStrictEqual(findings(stack, hba), ['8 compose/trust-auth']);
    });
    it('not when a script copies it, nor for an image built here', () => {
      const copy = { ...hba, '/p/init.sh': 'cp /etc/postgresql/pg_hba.conf "$PGDATA/pg_hba.conf"\n' };
      const stack = [...withHba(), '      - ./init.sh:/docker-entrypoint-initdb.d/init.sh'];
      assert.deepStrictEqual(findings(stack, copy), ['7 compose/trust-auth']);
      assert.deepStrictEqual(findings(['services:', '  db:', '    build: .', '    environment:', '      POSTGRES_PASSWORD_FILE: /run/secrets/pw', '    volumes:', '      - ./postgresql.conf:/etc/postgresql/postgresql.conf']), []);
    });
  });
});
