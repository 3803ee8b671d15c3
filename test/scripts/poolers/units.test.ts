/** Pure parts of the pooler tooling: log prefixes, the compact catalog form, the image map, pgpool item names. */
import * as assert from 'node:assert/strict';
import { cleanLog, significantLines } from '../../../scripts/differential/poolers/logLines';
import { buildPoolerCatalog, compareVersions, confirmRenames, serializePoolerCatalog, settingsOf, type SettingFacts } from '../../../scripts/catalog/poolers/catalogFile';
import { catalogName } from '../../../scripts/catalog/poolers/pgpool';
import { IMAGE_SPECS, imageMapOf, selectSpecs, specTag } from '../../../scripts/images/specs';

describe('pooler log lines', () => {
  it('drops the time/pid prefixes of PgBouncer and pgpool and keeps severe lines with their HINT/DETAIL', () => {
    const text = [
      '2025-01-02 03:04:05.678 UTC [42] ERROR invalid value "x" for parameter pool_mode in configuration (<file>:8)',
      '2025-01-02 03:04:05.678 UTC [42] FATAL cannot load config file',
      '2025-01-02 03:04:05.678: main pid 7: LOG:  memory cache initialized',
      '2025-01-02 03:04:05.678: main pid 7: DETAIL:  memcache blocks :64',
      '2025-01-02 03:04:05.678: main pid 7: FATAL:  invalid value for parameter "max_pool": "lots"',
      '2025-01-02 03:04:05.678: main pid 7: HINT:  Available values: a, b.',
      '',
    ].join('\n');
    const lines = cleanLog(text);
    assert.equal(lines[0], 'ERROR invalid value "x" for parameter pool_mode in configuration (<file>:8)');
    assert.equal(lines[2], 'LOG:  memory cache initialized');
    assert.deepEqual(significantLines(lines), [lines[0], lines[1], lines[4], lines[5]]);
  });
});

describe('pooler catalog file', () => {
  const facts = (type: SettingFacts['type'], value: string): SettingFacts => ({ type, default: value });
  it('keeps one line per setting with later changes and expands back to each version', () => {
    const file = buildPoolerCatalog('pgbouncer', {
      '1.24': { version: '1.24.1', package: 'p2', suite: 'trixie', settings: new Map([['a', facts('int', '2')], ['b', facts('string', '')]]) },
      '1.18': { version: '1.18.0', package: 'p1', suite: 'bookworm', settings: new Map([['a', facts('int', '1')]]) },
    });
    assert.deepEqual(Object.keys(file.generatedFrom), ['1.18', '1.24']);
    assert.deepEqual(file.settings[0], { name: 'a', versions: ['1.18', '1.24'], base: facts('int', '1'), changes: { '1.24': { default: '2' } } });
    assert.deepEqual(settingsOf(file, '1.24').get('a'), facts('int', '2'));
    assert.equal(settingsOf(file, '1.18').has('b'), false);
    const text = serializePoolerCatalog(file);
    assert.equal(text.split('\n').filter((line) => line.startsWith('{"name"')).length, 2);
    assert.deepEqual(JSON.parse(text), file);
  });

  it('keeps only the renames the versions bear out', () => {
    const version = (names: string[]) => ({ version: '', package: '', suite: '', settings: new Map(names.map((n) => [n, facts('string', '')])) });
    const data = { '4.1': version(['socket_dir', 'kept']), '4.3': version(['socket_dir', 'kept']), '4.6': version(['unix_socket_directories', 'kept']) };
    const candidates = [{ from: 'socket_dir', to: 'unix_socket_directories' }, { from: 'kept', to: 'other' }];
    assert.deepEqual(confirmRenames(data, candidates), [{ from: 'socket_dir', to: 'unix_socket_directories', since: '4.6' }]);
  });

  it('orders versions numerically', () => {
    assert.deepEqual(['4.10', '4.3', '4.1'].sort(compareVersions), ['4.1', '4.3', '4.10']);
  });

  it('names pgpool per-backend items by their pattern', () => {
    assert.equal(catalogName('backend_hostname0'), 'backend_hostname<n>');
    assert.equal(catalogName('health_check_period12'), 'health_check_period<n>');
    assert.equal(catalogName('health_check_period'), 'health_check_period');
  });
});

describe('test image specs', () => {
  it('maps the widely used pooler names onto the pooler test images', () => {
    const map = imageMapOf(selectSpecs([])).split(',');
    for (const entry of ['bitnami/pgbouncer:1.24=pgha-test/pgbouncer:1.24', 'edoburu/pgbouncer:1.18.0=pgha-test/pgbouncer:1.18', 'edoburu/pgbouncer:v1.15.0-p1=pgha-test/pgbouncer:1.15', 'bitnami/pgbouncer:1.15.0=pgha-test/pgbouncer:1.15', 'edoburu/pgbouncer:latest=pgha-test/pgbouncer:1.24',
      'bitnami/pgpool:4.3=pgha-test/pgpool:4.3', 'pgpool/pgpool:4.6=pgha-test/pgpool:4.6', 'bitnami/pgpool:latest=pgha-test/pgpool:4.6', 'postgres:17-trixie=pgha-test/postgres:17']) {
      assert.ok(map.includes(entry), entry);
    }
    assert.equal(new Set(map.map((e) => e.split('=')[0])).size, map.length, 'each name is mapped once');
  });

  it('builds the optional old pgpool only on request', () => {
    assert.ok(!selectSpecs([]).some((spec) => spec.version === '4.1'));
    assert.deepEqual(selectSpecs(['pgpool:4.1']).map(specTag), ['pgha-test/pgpool:4.1']);
    assert.deepEqual(selectSpecs(['pgbouncer']).map(specTag), ['pgha-test/pgbouncer:1.15', 'pgha-test/pgbouncer:1.18', 'pgha-test/pgbouncer:1.24']);
    assert.throws(() => selectSpecs(['pgbouncer:9']), /no test image recipe/);
    assert.equal(IMAGE_SPECS.filter((spec) => spec.program === 'postgres').length, 3);
  });
});
