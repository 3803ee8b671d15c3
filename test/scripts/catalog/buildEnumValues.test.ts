import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BUILD_ENUM_VALUES, buildEnumValuesFor } from '../../../scripts/catalog/buildEnumValues';
import { postgresUser } from '../../../scripts/pg/embedded';
import { createCatalog, type CatalogFile } from '../../../language/catalog/catalog';
import { MAJORS, type Major } from '../../../language/catalog/types';
import { dataPath } from '../../../core/packageRoot';

/** Debian's packaged servers (built with lz4 and zstd), when installed: /usr/lib/postgresql/<major>/bin. */
function debianBinDir(major: Major): string | undefined {
  const dir = `/usr/lib/postgresql/${major}/bin`;
  return fs.existsSync(path.join(dir, 'postgres')) && fs.existsSync(path.join(dir, 'initdb')) ? dir : undefined;
}

describe('scripts/catalog/buildEnumValues', function () {
  this.timeout(60_000);
  const catalog = createCatalog(JSON.parse(fs.readFileSync(dataPath('catalog.json'), 'utf8')) as CatalogFile, {});

  it('applies each supplement only from its first major on', () => {
    assert.deepStrictEqual(buildEnumValuesFor('wal_compression', 14), []);
    assert.deepStrictEqual(buildEnumValuesFor('WAL_COMPRESSION', 15), ['lz4', 'zstd']);
    assert.deepStrictEqual(buildEnumValuesFor('io_method', 17), []);
  });

  it('every supplemented value is either listed by the embedded build or recorded as build-dependent', () => {
    for (const entry of BUILD_ENUM_VALUES) {
      for (const major of MAJORS.filter((m) => m >= entry.since && (entry.until === undefined || m <= entry.until))) {
        const info = catalog.get(entry.parameter, major);
        assert.ok(info, `${entry.parameter} should exist in ${major}`);
        for (const value of entry.values) {
          assert.ok([...(info.enumvals ?? []), ...(info.buildEnumvals ?? [])].includes(value), `${entry.parameter} = ${value} in ${major}`);
        }
      }
    }
  });

  // Optional confirmation: a distribution build with the optional libraries accepts the values.
  for (const major of MAJORS.filter((m) => debianBinDir(m) !== undefined)) {
    it(`Debian's postgresql-${major} (installed here) accepts the catalog's build-dependent values`, function () {
      const binDir = debianBinDir(major);
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `pgha-debian${major}-`));
      const user = postgresUser();
      const asUser = user ? { uid: user.uid, gid: user.gid } : {};
      try {
        if (user) fs.chownSync(dataDir, user.uid, user.gid);
        const init = spawnSync(path.join(binDir!, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync'], { ...asUser, cwd: dataDir, encoding: 'utf8' });
        assert.strictEqual(init.status, 0, init.stderr);
        let checked = 0;
        for (const name of catalog.names(major)) {
          for (const value of catalog.get(name, major)!.buildEnumvals ?? []) {
            fs.writeFileSync(path.join(dataDir, 'postgresql.auto.conf'), `${name} = '${value}'\n`);
            const probe = spawnSync(path.join(binDir!, 'postgres'), ['-D', dataDir, '-C', name], { ...asUser, cwd: dataDir, encoding: 'utf8' });
            // liburing is not in every distribution build; only lz4/zstd values must pass here.
            if (value === 'io_uring' && probe.status !== 0) continue;
            assert.strictEqual(probe.status, 0, `${name} = '${value}': ${probe.stderr}`);
            assert.strictEqual(probe.stdout.trim(), value);
            checked++;
          }
        }
        assert.ok(checked > 0);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
});
