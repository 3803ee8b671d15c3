import * as assert from 'assert';
import { createCatalog, lazyCatalog, loadCatalog, type CatalogFile } from '../../../language/catalog/catalog';
import { MAJORS, type Catalog, type Major } from '../../../language/catalog/types';
import { dataPath } from '../../../core/packageRoot';
import * as fs from 'fs';

const ALL: Major[] = [...MAJORS];

describe('server/catalog: the committed catalog (data/catalog.json)', () => {
  const file = JSON.parse(fs.readFileSync(dataPath('catalog.json'), 'utf8')) as CatalogFile;
  const catalog: Catalog = createCatalog(file, {});
  const majorsOf = (name: string) => catalog.record(name)?.majors ?? [];

  it('was generated from every major 13–18 with the real pg_settings row counts', () => {
    const counts = ALL.map((major) => file.generatedFrom[major]?.settingsCount);
    assert.deepStrictEqual(counts, [331, 346, 353, 362, 378, 398]);
    for (const major of ALL) assert.match(file.generatedFrom[major]!.version, new RegExp(`^${major}\\.\\d+$`));
  });

  it('holds one record per pg_settings row and at least 300 parameters per major', () => {
    for (const major of ALL) {
      assert.strictEqual(catalog.names(major).length, file.generatedFrom[major]!.settingsCount, `PostgreSQL ${major}`);
      assert.ok(catalog.names(major).length >= 300);
    }
  });

  it('wal_keep_size exists in 13–18 and wal_keep_segments in none', () => {
    assert.deepStrictEqual(majorsOf('wal_keep_size'), ALL);
    assert.strictEqual(catalog.record('wal_keep_segments'), undefined);
    for (const major of ALL) assert.strictEqual(catalog.get('wal_keep_segments', major), undefined);
  });

  it('vacuum_defer_cleanup_age exists in 13–15 only', () => {
    assert.deepStrictEqual(majorsOf('vacuum_defer_cleanup_age'), [13, 14, 15]);
    assert.strictEqual(catalog.get('vacuum_defer_cleanup_age', 16), undefined);
  });

  it('wal_compression is boolean in 13–14 and an enum in 15+ that accepts lz4 and zstd through buildEnumvals', () => {
    assert.strictEqual(catalog.get('wal_compression', 13)?.vartype, 'bool');
    assert.strictEqual(catalog.get('wal_compression', 14)?.vartype, 'bool');
    for (const major of [15, 16, 17, 18] as const) {
      const info = catalog.get('wal_compression', major)!;
      assert.strictEqual(info.vartype, 'enum');
      assert.deepStrictEqual(info.enumvals, ['pglz', 'on', 'off'], 'the embedded build lists only pglz, on, off');
      assert.deepStrictEqual(info.buildEnumvals, ['lz4', 'zstd']);
    }
  });

  it('default_toast_compression accepts lz4 (14+) as a build-dependent value', () => {
    assert.deepStrictEqual(majorsOf('default_toast_compression'), [14, 15, 16, 17, 18]);
    for (const major of [14, 15, 16, 17, 18] as const) {
      const info = catalog.get('default_toast_compression', major)!;
      assert.ok([...(info.enumvals ?? []), ...(info.buildEnumvals ?? [])].includes('lz4'), `PostgreSQL ${major}`);
    }
  });

  it('io_method io_uring is build-dependent in 18', () => {
    assert.deepStrictEqual(catalog.get('io_method', 18)?.buildEnumvals, ['io_uring']);
  });

  it('shared_buffers has unit 8kB in every major', () => {
    for (const major of ALL) assert.strictEqual(catalog.get('shared_buffers', major)?.unit, '8kB');
  });

  it('log_connections is boolean in 13–17 and a string in 18', () => {
    for (const major of [13, 14, 15, 16, 17] as const) assert.strictEqual(catalog.get('log_connections', major)?.vartype, 'bool');
    assert.strictEqual(catalog.get('log_connections', 18)?.vartype, 'string');
  });

  it('records measured hidden enum aliases', () => {
    for (const major of ALL) {
      assert.deepStrictEqual(catalog.get('wal_level', major)?.hiddenEnumvals, ['archive', 'hot_standby']);
      assert.deepStrictEqual(catalog.get('synchronous_commit', major)?.hiddenEnumvals, ['true', 'false', 'yes', 'no', '1', '0']);
      assert.ok(catalog.get('client_min_messages', major)?.hiddenEnumvals?.includes('debug'));
    }
    // password_encryption took on/true/yes/1 as md5 until 13 and stopped in 14.
    assert.deepStrictEqual(catalog.get('password_encryption', 13)?.hiddenEnumvals, ['on', 'true', 'yes', '1']);
    assert.strictEqual(catalog.get('password_encryption', 14)?.hiddenEnumvals, undefined);
  });

  it('marks developer and internal settings as not in the sample', () => {
    assert.strictEqual(catalog.get('shared_buffers', 17)?.notInSample, false);
    assert.strictEqual(catalog.get('zero_damaged_pages', 17)?.notInSample, true);
    assert.strictEqual(catalog.get('server_version', 17)?.notInSample, true);
    assert.strictEqual(catalog.get('server_version', 17)?.context, 'internal');
  });

  it('looks names up case-insensitively and keeps PostgreSQL’s spelling', () => {
    assert.strictEqual(catalog.get('SHARED_BUFFERS', 16)?.name, 'shared_buffers');
    assert.strictEqual(catalog.get('datestyle', 16)?.name, 'DateStyle');
    assert.strictEqual(catalog.record('TimeZone')?.name, 'TimeZone');
    assert.ok(catalog.names(16).includes('DateStyle'));
    assert.ok(catalog.allNames().includes('datestyle'));
  });

  it('attaches descriptions whatever the key spelling', () => {
    const described = createCatalog(file, { datestyle: 'How dates are shown.', shared_buffers: 'Shared page cache.' });
    assert.strictEqual(described.get('DateStyle', 17)?.description, 'How dates are shown.');
    assert.strictEqual(described.description('SHARED_BUFFERS'), 'Shared page cache.');
  });

  it('loads lazily from data/', () => {
    let loads = 0;
    const lazy = lazyCatalog(() => (loads++, loadCatalog()));
    assert.strictEqual(loads, 0);
    assert.strictEqual(lazy.get('wal_level', 17)?.vartype, 'enum');
    assert.ok(lazy.names(13).length > 300);
    assert.strictEqual(loads, 1);
  });
});
