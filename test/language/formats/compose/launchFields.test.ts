import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import { service, settingTexts, textDoc } from './helpers';

/** The fields the launcher reads from the topology: entrypoint, hostname, shm_size, labels, externals, host paths. */
describe('compose topology → launcher fields', () => {
  const ls = service();
  const topologyOf = (lines: string[], uri?: string) => ls.getTopology(textDoc(lines.join('\n'), uri))!;

  it('splits a string entrypoint into words and keeps a list entrypoint as written (like command)', () => {
    const t = topologyOf([
      'services:',
      '  str:',
      '    image: postgres:17',
      '    entrypoint: /usr/bin/tini -- "docker-entrypoint.sh" \'a b\'',
      '  list:',
      '    image: postgres:17',
      '    entrypoint: ["docker-entrypoint.sh", "--", "x y"]',
      '    command: postgres -c port=5433',
      '  block:',
      '    image: postgres:17',
      '    entrypoint:',
      '      - /bin/sh',
      '      - -c',
      '      - exec docker-entrypoint.sh postgres',
      '  cleared:',
      '    image: postgres:17',
      '    entrypoint: []',
      '  empty:',
      '    image: postgres:17',
      '    entrypoint: ""',
      '  unset:',
      '    image: postgres:17',
      '    entrypoint:',
      '  none:',
      '    image: postgres:17',
    ]);
    const ep = Object.fromEntries(t.services.map((s) => [s.name, s.entrypoint]));
    assert.deepStrictEqual(ep.str, ['/usr/bin/tini', '--', 'docker-entrypoint.sh', 'a b']);
    assert.deepStrictEqual(ep.list, ['docker-entrypoint.sh', '--', 'x y']);
    assert.deepStrictEqual(ep.block, ['/bin/sh', '-c', 'exec docker-entrypoint.sh postgres']);
    assert.deepStrictEqual(ep.cleared, []);
    assert.deepStrictEqual(ep.empty, []);
    assert.strictEqual(ep.unset, undefined);
    assert.strictEqual(ep.none, undefined);
    assert.deepStrictEqual(t.services[1].command, ['postgres', '-c', 'port=5433']);
  });

  it('finds pg_basebackup and postgres -c settings in an entrypoint script (replica role, slot, settings)', () => {
    const doc = textDoc(
      [
        'services:',
        '  primary:',
        '    image: postgres:16',
        '  replica:',
        '    image: postgres:16',
        '    entrypoint:',
        '      - bash',
        '      - -c',
        '      - |',
        '        pg_basebackup -h primary -U rep -S slot_a -R -D /var/lib/postgresql/data',
        '        exec gosu postgres postgres -c hot_standby=on',
      ].join('\n'),
    );
    const replica = ls.getTopology(doc)!.services[1];
    assert.strictEqual(replica.role, 'replica');
    assert.strictEqual(replica.upstream, 'primary');
    assert.strictEqual(replica.slot, 'slot_a');
    assert.strictEqual(replica.command, undefined);
    assert.deepStrictEqual(replica.settings.map((s) => `${s.name}=${s.value}`), ['hot_standby=on']);
    assert.strictEqual(settingTexts(doc, 'replica')[0], '-c hot_standby=on');
  });

  it('treats a leading `-` command as postgres options only behind the official entrypoint', () => {
    const t = topologyOf([
      'services:',
      '  official:',
      '    image: postgres:16',
      '    entrypoint: ["docker-entrypoint.sh"]',
      '    command: ["-c", "wal_level=replica"]',
      '  custom:',
      '    image: postgres:16',
      '    entrypoint: ["/start.sh"]',
      '    command: ["-c", "wal_level=replica"]',
    ]);
    assert.deepStrictEqual(t.services[0].settings.map((s) => s.name), ['wal_level']);
    assert.deepStrictEqual(t.services[1].settings, []);
  });

  it('reads hostname, shm_size, stop_grace_period and labels in map and list form', () => {
    const t = topologyOf([
      'x-common: &common',
      '  shm_size: 256m',
      '  labels:',
      '    team: db',
      '    tier: "1"',
      'services:',
      '  primary:',
      '    <<: *common',
      '    image: postgres:17',
      '    hostname: pg-primary',
      '    stop_grace_period: 1m30s',
      '  replica:',
      '    image: postgres:17',
      '    shm_size: 1073741824',
      '    labels:',
      '      - "com.example.role=replica"',
      '      - bare',
      '      - a=b=c',
      '  plain:',
      '    image: postgres:17',
    ]);
    const [primary, replica, plain] = t.services;
    assert.strictEqual(primary.hostname, 'pg-primary');
    assert.strictEqual(primary.shmSize, '256m');
    assert.strictEqual(primary.stopGracePeriod, '1m30s');
    assert.deepStrictEqual(primary.labels, { team: 'db', tier: '1' });
    assert.strictEqual(replica.shmSize, '1073741824');
    assert.deepStrictEqual(replica.labels, { 'com.example.role': 'replica', bare: '', a: 'b=c' });
    assert.deepStrictEqual([plain.hostname, plain.shmSize, plain.stopGracePeriod, plain.labels], [undefined, undefined, undefined, undefined]);
    for (const s of t.services) assert.deepStrictEqual(s.unsupportedKeys, []);
  });

  it('lists external volumes and networks (external: true and the legacy mapping form)', () => {
    const t = topologyOf([
      'services:',
      '  primary:',
      '    image: postgres:17',
      '    volumes: [shared:/var/lib/postgresql/data, own:/backup]',
      '    networks: [backend, ours]',
      'volumes:',
      '  shared:',
      '    external: true',
      '  own: {}',
      '  legacy:',
      '    external:',
      '      name: old-volume',
      '  notExternal:',
      '    external: false',
      'networks:',
      '  backend:',
      '    external: true',
      '  ours:',
    ]);
    assert.deepStrictEqual(t.externalVolumes, ['shared', 'legacy']);
    assert.deepStrictEqual(t.externalNetworks, ['backend']);
    assert.deepStrictEqual(t.volumes, ['shared', 'own', 'legacy', 'notExternal']);
    const none = topologyOf(['services:', '  primary:', '    image: postgres:17']);
    assert.strictEqual(none.externalVolumes, undefined);
    assert.strictEqual(none.externalNetworks, undefined);
  });

  it('resolves env_file, file secrets and bind sources against the compose file folder; named volumes stay names', () => {
    const dir = path.join(os.tmpdir(), 'pgha-project');
    const t = topologyOf(
      [
        'services:',
        '  primary:',
        '    image: postgres:17',
        '    env_file: ./pg.env',
        '    secrets: [pw]',
        '    volumes:',
        '      - ./init:/docker-entrypoint-initdb.d:ro',
        '      - ../shared/conf:/etc/postgresql',
        '      - /abs/path:/mnt/abs',
        '      - ~/pgdumps:/dumps',
        '      - data:/var/lib/postgresql/data',
        '      - type: bind',
        '        source: conf/postgresql.conf',
        '        target: /etc/postgresql/postgresql.conf',
        '  replica:',
        '    image: postgres:17',
        '    env_file:',
        '      - common.env',
        '      - path: ./replica.env',
        '        required: false',
        'secrets:',
        '  pw:',
        '    file: ./secrets/pw.txt',
        '  fromEnv:',
        '    environment: PW',
        'volumes:',
        '  data:',
      ],
      `file://${dir}/compose.yaml`,
    );
    const [primary, replica] = t.services;
    assert.deepStrictEqual(primary.envFiles, [path.join(dir, 'pg.env')]);
    assert.deepStrictEqual(replica.envFiles, [path.join(dir, 'common.env'), path.join(dir, 'replica.env')]);
    assert.deepStrictEqual(t.secrets, { pw: { file: path.join(dir, 'secrets/pw.txt'), environment: undefined }, fromEnv: { file: undefined, environment: 'PW' } });
    assert.deepStrictEqual(
      primary.volumes.map((v) => [v.type, v.source]),
      [
        ['bind', path.join(dir, 'init')],
        ['bind', path.resolve(dir, '../shared/conf')],
        ['bind', '/abs/path'],
        ['bind', path.join(os.homedir(), 'pgdumps')],
        ['volume', 'data'],
        ['bind', path.join(dir, 'conf/postgresql.conf')],
      ],
    );
  });

  it('keeps relative paths as written when the document has no folder (untitled)', () => {
    const t = topologyOf(['services:', '  primary:', '    image: postgres:17', '    env_file: pg.env', '    volumes: ["./init:/docker-entrypoint-initdb.d"]'], 'untitled:Untitled-1');
    assert.deepStrictEqual(t.services[0].envFiles, ['pg.env']);
    assert.strictEqual(t.services[0].volumes[0].source, './init');
  });
});

describe('Bitnami POSTGRESQL_EXTRA_FLAGS', () => {
  const ls = service();
  const codesAt = (doc: ReturnType<typeof textDoc>) => ls.getDiagnostics(doc).filter((d) => String(d.code).startsWith('compose/setting-')).map((d) => [d.code, doc.getText(d.range)]);

  it('checks -c and --name=value flags as command-line options, with ranges inside the variable', () => {
    const doc = textDoc(
      [
        'services:',
        '  pg:',
        '    image: bitnami/postgresql:16',
        '    environment:',
        '      POSTGRESQL_EXTRA_FLAGS: "-c max_connections=lots  --shared-bufers=1GB -c work_mem=4MB -c wal_level"',
      ].join('\n'),
    );
    assert.deepStrictEqual(codesAt(doc), [
      ['compose/setting-invalid-value', 'lots'],
      ['compose/setting-unknown', 'shared-bufers'],
      ['compose/setting-missing-value', 'wal_level'],
    ]);
    const settings = ls.getTopology(doc)!.services[0].settings;
    assert.deepStrictEqual(settings.map((s) => s.name), ['max_connections', 'shared_bufers', 'work_mem', 'wal_level']);
    // Positions live in the compose format's own ranged model, not in the cluster model.
    assert.strictEqual(settingTexts(doc, 'pg')[2], '-c work_mem=4MB');
  });

  it('reads the list form, keeps quotes literal (the image does not remove them), and ignores other images', () => {
    const doc = textDoc(
      [
        'services:',
        '  pg:',
        '    image: bitnami/postgresql-repmgr:15',
        '    environment:',
        "      - POSTGRESQL_EXTRA_FLAGS=-c log_line_prefix='%m' -c port=5433",
        '  official:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRESQL_EXTRA_FLAGS: -c max_connections=lots',
      ].join('\n'),
    );
    assert.deepStrictEqual(codesAt(doc), [['compose/setting-quoted', "'%m'"]]);
    assert.deepStrictEqual(ls.getTopology(doc)!.services[0].settings.map((s) => `${s.name}=${s.value}`), ["log_line_prefix='%m'", 'port=5433']);
  });

  it('feeds the flags into the replication checks and the setting hover', () => {
    const text = 'services:\n  pg:\n    image: bitnami/postgresql:16\n    environment:\n      POSTGRESQL_EXTRA_FLAGS: "-c wal_level=logical -c max_wal_senders=0"\n  r:\n    image: bitnami/postgresql:16\n    environment:\n      POSTGRESQL_REPLICATION_MODE: slave\n      POSTGRESQL_MASTER_HOST: pg\n';
    const doc = textDoc(text);
    const senders = ls.getDiagnostics(doc).find((d) => d.code === 'compose/max-wal-senders-zero');
    assert.strictEqual(senders && doc.getText(senders.range), '0');
    const hover = ls.getHover(doc, doc.positionAt(text.indexOf('wal_level') + 2));
    assert.match((hover?.contents as { value: string }).value, /\*\*wal_level\*\* — enum · PostgreSQL 16/);
  });
});
