import * as assert from 'assert';
import { memoryFs, service, textDoc } from '../helpers';

const compose = `services:
  primary:
    image: postgres:17
    environment: { POSTGRES_PASSWORD_FILE: /run/secrets/pw }
    command: postgres -c hba_file=/etc/postgresql/pg_hba.conf
    volumes:
      - ./pg_hba.conf:/etc/postgresql/pg_hba.conf:ro
  pgbouncer:
    image: edoburu/pgbouncer:v1.24.1-p0
    depends_on: [primary]
    ports: ["127.0.0.1:6432:5432"]
    volumes:
      - ./pgbouncer.ini:/etc/pgbouncer/pgbouncer.ini:ro
`;

const HBA = '/work/project/pg_hba.conf';
const INI = '/work/project/pgbouncer.ini';

const findings = (hba: string, databases: string) =>
  service(memoryFs({ [HBA]: hba, [INI]: `[databases]\n${databases}\n[pgbouncer]\nlisten_addr = *\nauth_type = scram-sha-256\nauth_file = /etc/pgbouncer/userlist.txt\n` }))
    .getDiagnostics(textDoc(compose))
    .filter((d) => d.code === 'compose/hba-pooler-refused');

describe('compose: a PgBouncer entry that forces its login user gets through the mounted pg_hba.conf', () => {
  it('says no line lets the forced user in, naming entry, user, database and the line to add', () => {
    const [d, ...rest] = findings('local all all peer\nhost app app samenet scram-sha-256\n', 'app = host=primary dbname=app user=bouncer');
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(d.severity, 2);
    assert.match(d.message, /^"pgbouncer" logs in to "primary" as "bouncer" for its entry "app", and no line of the pg_hba\.conf mounted into "primary" \(\.\/pg_hba\.conf\) lets it in from the stack's network \("no pg_hba\.conf entry for host …, user "bouncer", database "app""\)/);
    assert.match(d.message, /Add "host app bouncer samenet scram-sha-256"/);
  });

  it('names the line that rejects it', () => {
    const [d] = findings('host all bouncer 0.0.0.0/0 reject\nhost all all samenet scram-sha-256\n', 'app = host=primary user=bouncer');
    assert.match(d.message, /line 1 of the pg_hba\.conf mounted into "primary" .* rejects it/);
  });

  it('stays quiet when a line lets it in, when the entry logs in as each client, or when the host is not a service', () => {
    assert.deepStrictEqual(findings('host all all samenet scram-sha-256\n', 'app = host=primary user=bouncer'), []);
    assert.deepStrictEqual(findings('local all all peer\n', 'app = host=primary dbname=app'), []);
    assert.deepStrictEqual(findings('local all all peer\n', 'app = host=db.example.com user=bouncer'), []);
    assert.deepStrictEqual(findings('host all +poolers samenet scram-sha-256\n', 'app = host=primary user=bouncer'), []);
  });
});
