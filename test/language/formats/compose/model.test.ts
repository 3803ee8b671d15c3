import * as assert from 'assert';
import { fixtureDoc, memoryFs, service, settingTexts, textDoc } from './helpers';

/** The compose model (topology): roles, majors, commands in every form, anchors, Bitnami, init scripts. */
describe('compose model → topology', () => {
  const ls = service();

  it('models the seed stack: primary, replica through slot, settings with precise ranges', () => {
    const doc = fixtureDoc('seed/docker-compose.yml');
    const topology = ls.getTopology(doc)!;
    const [primary, replica] = topology.services;
    assert.strictEqual(primary.role, 'primary');
    assert.strictEqual(primary.major, 14);
    assert.strictEqual(primary.image, 'postgres:14-alpine');
    assert.deepStrictEqual(primary.settings.map((s) => `${s.name}=${s.value}`), ['wal_level=replica', 'hot_standby=on', 'max_wal_senders=10', 'max_replication_slots=10', 'hot_standby_feedback=on']);
    assert.strictEqual(settingTexts(doc, primary.name)[0], '-c wal_level=replica');
    assert.deepStrictEqual(primary.ports.map((p) => [p.hostIp, p.hostPort, p.containerPort]), [[undefined, 5432, 5432]]);
    assert.strictEqual(primary.credentials.user, 'user');
    assert.strictEqual(primary.healthcheck?.test, 'pg_isready -U user --dbname=postgres');
    assert.strictEqual(replica.role, 'replica');
    assert.strictEqual(replica.upstream, 'postgres_primary');
    assert.strictEqual(replica.slot, 'replication_slot');
    assert.strictEqual(replica.replicationUser, 'replicator');
    assert.deepStrictEqual(replica.dependsOn, [{ service: 'postgres_primary', condition: 'service_started' }]);
    assert.deepStrictEqual(topology.edges, [{ from: 'postgres_primary', to: 'postgres_replica', slot: 'replication_slot' }]);
    assert.deepStrictEqual(primary.plainTextSecrets, ['POSTGRES_PASSWORD']);
  });

  it('reads the init SQL mounted from the workspace (slots and replication roles)', () => {
    const topology = ls.getTopology(fixtureDoc('seed-with-init/docker-compose.yml'))!;
    assert.deepStrictEqual(topology.services[0].createdSlots, ['replication_slot']);
  });

  it('parses folded and literal block scalars, exec lists, --name=value and short options', () => {
    const doc = textDoc(
      [
        'services:',
        '  folded:',
        '    image: postgres:16',
        '    command: >',
        '      postgres',
        '      -c shared_buffers=256MB',
        '      -B 1000 --max_connections=50',
        '  list:',
        '    image: postgres:16',
        '    command: ["postgres", "-c", "work_mem=8MB", "-cmaintenance_work_mem=64MB"]',
        '  script:',
        '    image: postgres:16',
        '    command:',
        '      - bash',
        '      - -c',
        '      - |',
        '        for i in 1 2 3; do echo $$i; done',
        '        until pg_basebackup -h folded -p 5432 -U rep -S s1 -R -D /data; do sleep 1; done',
        '        exec gosu postgres postgres -c "hot_standby=on" -c port=5433',
      ].join('\n'),
    );
    const t = ls.getTopology(doc)!;
    const [folded, list, script] = t.services;
    assert.deepStrictEqual(folded.settings.map((s) => `${s.name}=${s.value}`), ['shared_buffers=256MB', 'shared_buffers=1000', 'max_connections=50']);
    assert.strictEqual(settingTexts(doc, 'folded')[0], '-c shared_buffers=256MB');
    assert.strictEqual(settingTexts(doc, 'folded')[2], '--max_connections=50');
    assert.deepStrictEqual(settingTexts(doc, 'list'), ['-c", "work_mem=8MB', '-cmaintenance_work_mem=64MB']);
    assert.strictEqual(list.settings.length, 2);
    assert.strictEqual(script.role, 'replica');
    assert.strictEqual(script.upstream, 'folded');
    assert.strictEqual(script.slot, 's1');
    assert.strictEqual(script.replicationUser, 'rep');
    assert.deepStrictEqual(script.settings.map((s) => `${s.name}=${s.value}`), ['hot_standby=on', 'port=5433']);
    assert.strictEqual(settingTexts(doc, 'script')[1], '-c port=5433');
  });

  it('resolves anchors, aliases and merge keys (explicit keys win, the first merge source wins)', () => {
    const doc = textDoc(
      [
        'x-base: &base',
        '  image: postgres:15-alpine',
        '  environment: &env',
        '    POSTGRES_USER: app',
        '    POSTGRES_PASSWORD_FILE: /run/secrets/pw',
        'x-other: &other',
        '  image: postgres:13',
        '  restart: always',
        'services:',
        '  a:',
        '    <<: [*base, *other]',
        '  b:',
        '    <<: *other',
        '    image: postgres:16',
        '    environment: *env',
      ].join('\n'),
    );
    const [a, b] = ls.getTopology(doc)!.services;
    assert.strictEqual(a.major, 15);
    assert.strictEqual(a.restart, 'always');
    assert.strictEqual(a.environment.POSTGRES_USER, 'app');
    assert.strictEqual(b.major, 16);
    assert.strictEqual(b.environment.POSTGRES_PASSWORD_FILE, '/run/secrets/pw');
  });

  it('recognises Bitnami replication, poolers, registries and tags', () => {
    const doc = textDoc(
      [
        'services:',
        '  pg-0:',
        '    image: docker.io/bitnami/postgresql:16.4.0',
        '    environment:',
        '      - POSTGRESQL_REPLICATION_MODE=master',
        '      - POSTGRESQL_PASSWORD_FILE=/run/secrets/pw',
        '  pg-1:',
        '    image: bitnami/postgresql:16',
        '    environment:',
        '      POSTGRESQL_REPLICATION_MODE: slave',
        '      POSTGRESQL_MASTER_HOST: pg-0',
        '      POSTGRESQL_REPLICATION_USER: repl',
        '  bouncer:',
        '    image: edoburu/pgbouncer:latest',
        '    environment:',
        '      DB_HOST: pg-0',
        '  app:',
        '    image: registry.example.com:5000/team/api:1.2',
      ].join('\n'),
    );
    const t = ls.getTopology(doc)!;
    assert.deepStrictEqual(t.services.map((s) => [s.name, s.role, s.flavor, s.major]), [
      ['pg-0', 'primary', 'bitnami', 16],
      ['pg-1', 'replica', 'bitnami', 16],
      ['bouncer', 'pooler', 'pgbouncer', undefined],
      ['app', 'other', 'unknown', undefined],
    ]);
    assert.deepStrictEqual(t.edges, [{ from: 'pg-0', to: 'pg-1', slot: undefined }]);
    assert.strictEqual(t.services[1].replicationUser, 'repl');
    assert.strictEqual(t.services[2].upstream, 'pg-0');
  });

  it('counts init scripts given as configs with inline content, and mounted directories', () => {
    const fs = memoryFs({ '/p/init/01.sql': "select pg_create_physical_replication_slot('from_dir');" });
    const doc = textDoc(
      [
        'services:',
        '  db:',
        '    image: postgres:17',
        '    volumes:',
        '      - ./init:/docker-entrypoint-initdb.d',
        '    configs:',
        '      - source: slots',
        '        target: /docker-entrypoint-initdb.d/02.sql',
        'configs:',
        '  slots:',
        '    content: |',
        "      SELECT pg_create_physical_replication_slot('from_config');",
      ].join('\n'),
      'file:///p/compose.yaml',
    );
    assert.deepStrictEqual(service(fs).getTopology(doc)!.services[0].createdSlots, ['from_dir', 'from_config']);
  });

  it('derives the project name from the folder or `name:`', () => {
    assert.strictEqual(ls.getTopology(textDoc('services: {}\n', 'file:///work/My%20Stack/compose.yaml'))!.project, 'mystack');
    assert.strictEqual(ls.getTopology(textDoc('name: ha-demo\nservices: {}\n'))!.project, 'ha-demo');
  });
});
