import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { memoryFs, service, textDoc } from './helpers';

/**
 * The false-positive patterns and misses of the real-world corpus (issue 15), each on a minimal file: the rule stays
 * quiet where the file shows the problem cannot happen, and speaks where it shows it does.
 */
const URI = 'file:///p/compose.yaml';
function codes(lines: string[], files: Record<string, string> = {}, severities = [1, 2]): string[] {
  const ls = service(memoryFs(files));
  return ls
    .getDiagnostics(textDoc(lines.join('\n') + '\n', URI))
    .filter((d) => severities.includes(d.severity ?? 1))
    .map((d) => `${d.range.start.line + 1} ${d.code}`)
    .sort();
}
const primary = ['services:', '  primary:', '    image: postgres:17', '    environment:', '      POSTGRES_PASSWORD_FILE: /run/secrets/pw', '    healthcheck:', '      test: pg_isready -U postgres'];

describe('compose rules on real-world patterns', () => {
  describe('depends-on-not-healthy: only a dependent that connects once, with no retry', () => {
    const dependent = (...lines: string[]) => codes([...primary, '  dep:', ...lines.map((l) => '    ' + l), '    depends_on:', '      - primary']).filter((c) => c.endsWith('depends-on-not-healthy'));
    it('a one-shot pg_basebackup replica', () => {
      assert.deepStrictEqual(dependent('image: postgres:17', 'user: postgres', 'command: bash -c "pg_basebackup -h primary -D /d -R && exec postgres"'), ['13 compose/depends-on-not-healthy']);
    });
    it('not a replica that loops, a restart policy, a Bitnami replica, a pooler, pgAdmin', () => {
      assert.deepStrictEqual(dependent('image: postgres:17', 'user: postgres', 'command: bash -c "until pg_basebackup -h primary -D /d -R; do sleep 1; done; exec postgres"'), []);
      assert.deepStrictEqual(dependent('image: postgres:17', 'user: postgres', 'restart: on-failure', 'command: bash -c "pg_basebackup -h primary -D /d -R && exec postgres"'), []);
      assert.deepStrictEqual(dependent('image: bitnami/postgresql:17', 'environment:', '  POSTGRESQL_REPLICATION_MODE: slave', '  POSTGRESQL_MASTER_HOST: primary'), []);
      assert.deepStrictEqual(dependent('image: edoburu/pgbouncer:1.23.1', 'environment:', '  DB_HOST: primary'), []);
      assert.deepStrictEqual(dependent('image: dpage/pgadmin4:9.6'), []);
    });
    it('not when the dependency is not PostgreSQL', () => {
      assert.deepStrictEqual(codes([...primary, '  prometheus:', '    image: prom/prometheus:v3.0.0', '    command: ["--config.file=/etc/prometheus.yml"]', '  grafana:', '    image: grafana/grafana:11.0.0', '    depends_on: [prometheus]']), []);
    });
  });

  describe('healthcheck-socket-only: only when a service waits for it and then connects', () => {
    const waiter = ['  pool:', '    image: edoburu/pgbouncer:1.23.1', '    environment:', '      DB_HOST: primary', '    depends_on:', '      primary:', '        condition: service_healthy'];
    it('a pooler waiting for it', () => assert.deepStrictEqual(codes([...primary, ...waiter]), ['7 compose/healthcheck-socket-only']));
    it('nothing waits; a Bitnami image; a waiter that never connects', () => {
      assert.deepStrictEqual(codes(primary), []);
      assert.deepStrictEqual(codes([...primary.map((l) => l.replace('postgres:17', 'bitnami/postgresql:17').replace('POSTGRES_PASSWORD_FILE', 'POSTGRESQL_PASSWORD_FILE')), ...waiter]), []);
      assert.deepStrictEqual(codes([...primary, '  other:', '    image: postgres:17', '    environment:', '      POSTGRES_PASSWORD_FILE: /run/secrets/pw', '    depends_on:', '      primary:', '        condition: service_healthy']), []);
    });
  });

  describe('unpinned-tag: PostgreSQL server images pulled from a registry only', () => {
    it('poolers, images built here or by another service, Patroni and Spilo images are not flagged', () => {
      const stack = ['services:', '  pool:', '    image: edoburu/pgbouncer:latest', '    environment:', '      DB_HOST: built', '  built:', '    image: mydb', '    build: .', '  user:', '    image: mydb', '  patroni:', '    image: patroni', '    environment:', '      PATRONI_NAME: p1'];
      assert.deepStrictEqual(codes(stack), []);
    });
    it('postgres:latest is flagged, and with a data volume at /var/lib/postgresql/data it is the 18 layout mistake', () => {
      assert.deepStrictEqual(codes(['services:', '  db:', '    image: postgres:latest', '    environment:', '      POSTGRES_PASSWORD_FILE: /run/secrets/pw', '    volumes:', '      - data:/var/lib/postgresql/data']), ['3 compose/unpinned-tag', '7 compose/pg18-data-volume']);
    });
  });

  describe('trust by every route', () => {
    it('Bitnami ALLOW_EMPTY_PASSWORD only without any password', () => {
      const bitnami = (...env: string[]) => codes(['services:', '  db:', '    image: bitnami/postgresql:17', '    environment:', ...env.map((e) => '      - ' + e)]);
      assert.deepStrictEqual(bitnami('ALLOW_EMPTY_PASSWORD=yes'), ['5 compose/trust-auth']);
      assert.deepStrictEqual(bitnami('ALLOW_EMPTY_PASSWORD=yes', 'POSTGRESQL_PASSWORD=secret'), []);
    });
    it('a default of trust, PgBouncer auth types, pg_autoctl --auth trust', () => {
      assert.deepStrictEqual(codes(['services:', '  db:', '    image: postgres:17', '    environment:', '      POSTGRES_HOST_AUTH_METHOD: "${AUTH:-trust}"']), ['5 compose/trust-auth']);
      assert.deepStrictEqual(codes(['services:', '  pool:', '    image: bitnami/pgbouncer:1.23.1', '    environment:', '      PGBOUNCER_AUTH_TYPE: trust', '      POSTGRESQL_HOST: 127.0.0.1']), ['5 compose/trust-auth']);
      assert.deepStrictEqual(codes(['services:', '  monitor:', '    image: citusdata/pg_auto_failover:v2.1-pg16', '    command: pg_autoctl create monitor --auth trust --run']), ['4 compose/trust-auth']);
    });
    it('trust lines for other hosts in a mounted pg_hba.conf or an init script, not loopback ones', () => {
      const hba = { '/p/hba.conf': 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication rep 0.0.0.0/0 trust\n', '/p/init/10.sh': 'cat >> "$PGDATA/pg_hba.conf" <<EOF\nhost all all all trust\nEOF\n' };
      const stack = ['services:', '  db:', '    image: postgres:17', '    command: postgres -c hba_file=/etc/pg/hba.conf', '    environment:', '      POSTGRES_PASSWORD_FILE: /run/secrets/pw', '    ports:', '      - 5432:5432', '    volumes:', '      - ./hba.conf:/etc/pg/hba.conf', '      - ./init:/docker-entrypoint-initdb.d'];
      assert.deepStrictEqual(codes(stack, hba), ['10 compose/trust-auth', '11 compose/trust-auth', '8 compose/port-all-interfaces']);
      assert.deepStrictEqual(codes(stack, { '/p/hba.conf': 'host all all ::1/128 trust\n', '/p/init/10.sh': 'echo done\n' }), []);
    });
    it('a replica seeded from a trust primary is as open as it', () => {
      const stack = ['services:', '  db:', '    image: postgres:17', '    environment:', '      POSTGRES_HOST_AUTH_METHOD: trust', '  replica:', '    image: postgres:17', '    user: postgres', '    command: bash -c "until pg_basebackup -h db -D /d -R; do sleep 1; done; exec postgres"', '    ports:', '      - 5433:5432'];
      assert.deepStrictEqual(codes(stack).filter((c) => c.includes('port')), ['11 compose/port-all-interfaces']);
    });
  });

  describe('ports: information unless what is published needs no password', () => {
    it('a published server with a password is information, also for `- 5432` and a port given by a variable default', () => {
      const stack = [...primary, '    ports:', '      - 5432', '      - "${PORT:-5433}:5432"', '      - "127.0.0.1:5434:5432"'];
      assert.deepStrictEqual(codes(stack), []);
      assert.deepStrictEqual(codes(stack, {}, [3]), ['10 compose/port-all-interfaces', '9 compose/port-all-interfaces']);
    });
    it('other containers ports of a PostgreSQL image (HAProxy stats) are not database ports', () => {
      assert.deepStrictEqual(codes(['services:', '  haproxy:', '    image: patroni', '    command: haproxy', '    environment:', '      PATRONI_SCOPE: demo', '    ports:', '      - 7000:7000'], {}, [1, 2, 3]), []);
    });
  });

  describe('who needs a password and who is a server', () => {
    it('a psql tool container and a pg_basebackup replica need no superuser password', () => {
      assert.deepStrictEqual(codes(['services:', '  client:', '    image: postgres:17', '    entrypoint: ["psql"]', '  replica:', '    image: postgres:17', '    user: postgres', '    command: bash -c "until pg_basebackup -h elsewhere.example -D /d -R; do sleep 1; done; exec postgres"']), []);
    });
    it('an app built here that connects with POSTGRES_* variables is not a server', () => {
      const app = ['services:', '  api:', '    build: .', '    environment:', '      POSTGRES_PASSWORD: secret', '    command: ["--port", "5432"]', '    ports:', '      - 5432:5432'];
      assert.deepStrictEqual(codes(app, {}, [1, 2, 3]), []);
    });
    it('a replica seeded by a mounted start script is a replica (no password needed, no socket-only first start)', () => {
      const script = { '/p/replica.sh': '#!/bin/sh\nuntil pg_isready -h db; do sleep 1; done\npg_basebackup -h "$PRIMARY" -D "$PGDATA" -R\nexec docker-entrypoint.sh "$@"\n' };
      const stack = ['services:', '  db:', '    image: postgres:17', '    environment:', '      POSTGRES_PASSWORD_FILE: /run/secrets/pw', '    command: postgres -c wal_level=replica', '  replica:', '    image: postgres:17', '    environment:', '      PRIMARY: db', '    entrypoint: ["/replica.sh"]', '    command: ["postgres"]', '    volumes:', '      - ./replica.sh:/replica.sh', '    depends_on: [db]'];
      const ls = service(memoryFs(script));
      const topology = ls.getTopology(textDoc(stack.join('\n'), URI))!;
      assert.deepStrictEqual(topology.services.map((s) => [s.name, s.role, s.upstream]), [['db', 'primary', undefined], ['replica', 'replica', 'db']]);
      assert.deepStrictEqual(codes(stack, script).filter((c) => !c.includes('hba-no-replication')), []);
    });
  });

  describe('majors outside 13–18 are said, not checked against 17', () => {
    it('a postgresql.conf whose major nothing tells reports parameters removed before 13 as information', () => {
      const severity = (files: Record<string, string>) =>
        service(memoryFs(files))
          .getDiagnostics(TextDocument.create('file:///c/postgresql.conf', 'pgconf', 1, 'wal_keep_segments = 8\n'))
          .map((d) => [d.code, d.severity]);
      assert.deepStrictEqual(severity({}), [['pgconf/removed-parameter', 3]]);
      assert.deepStrictEqual(severity({ '/c/PG_VERSION': '16\n' }), [['pgconf/removed-parameter', 1]]);
    });
    it('postgres:12 settings are not judged by the 17 catalog', () => {
      const stack = ['services:', '  old:', '    image: postgres:12.2-alpine', '    environment:', '      POSTGRES_PASSWORD_FILE: /run/secrets/pw', '    command: postgres -c wal_keep_segments=8'];
      assert.deepStrictEqual(codes(stack), []);
      assert.deepStrictEqual(codes(stack, {}, [3]), ['3 compose/major-unsupported']);
    });
  });

  describe('replica host on an external network', () => {
    it('is information: another project may run it there', () => {
      const stack = ['services:', '  r:', '    image: bitnami/postgresql:16', '    environment:', '      POSTGRESQL_REPLICATION_MODE: slave', '      POSTGRESQL_MASTER_HOST: pg-0', '      POSTGRESQL_PASSWORD: x', '    networks: [shared]', 'networks:', '  shared:', '    external: true'];
      assert.deepStrictEqual(codes(stack), []);
      assert.deepStrictEqual(codes(stack.slice(0, 7)), ['6 compose/replica-host-unknown']);
    });
  });
});
