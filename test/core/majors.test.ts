import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { officialDataVolumeTarget } from '../../core/dataDirectory';
import { DEFAULT_MAJOR, isMajor, MAJORS } from '../../core/majors';
import { MAJORS_NOT_OFFERED, offeredMajors } from '../../cluster/wizard/generate';
import { TEST_IMAGE_MAJORS } from '../../scripts/images/build';

const repoRoot = path.resolve(__dirname, '../..');

/** Source files (not data) under the given folders. */
function sources(...dirs: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (/\.(ts|mjs|js)$/.test(entry.name)) found.push(full);
    }
  };
  for (const dir of dirs) walk(path.join(repoRoot, dir));
  return found;
}

describe('core/majors: one home for the supported majors', () => {
  it('is what the manifest offers as pgha.postgresVersion, with the same default', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const setting = manifest.contributes.configuration.properties['pgha.postgresVersion'];
    assert.deepEqual(setting.enum, [...MAJORS]);
    assert.equal(setting.default, DEFAULT_MAJOR);
  });

  it('is what the wizard offers, minus the majors it leaves out with a reason the user is shown', () => {
    const offered = offeredMajors().map((m) => m.major);
    const left = Object.keys(MAJORS_NOT_OFFERED).map(Number);
    assert.deepEqual([...offered, ...left].sort((a, b) => a - b), [...MAJORS]);
    for (const major of left) assert.match((MAJORS_NOT_OFFERED as Record<number, string>)[major], new RegExp(`^PostgreSQL ${major} is not offered yet: `));
    assert.deepEqual(offeredMajors().filter((m) => m.recommended).map((m) => m.major), [DEFAULT_MAJOR]);
    assert.deepEqual(offered, [...offered].sort((a, b) => b - a), 'newest first');
  });

  it('offers only majors proven by a test image, or sharing the data layout of one that is', () => {
    const proven = new Set(TEST_IMAGE_MAJORS.map(officialDataVolumeTarget));
    for (const { major } of offeredMajors()) assert.ok(TEST_IMAGE_MAJORS.includes(major) || proven.has(officialDataVolumeTarget(major)), `PostgreSQL ${major}`);
    for (const major of TEST_IMAGE_MAJORS) assert.ok(isMajor(major), `test image for unsupported major ${major}`);
  });

  it('is listed nowhere else in the sources', () => {
    const list = new RegExp(MAJORS.join(',\\s*'));
    const copies = sources('core', 'language', 'cluster', 'client/src', 'cli', 'server/src', 'scripts').filter((file) => list.test(fs.readFileSync(file, 'utf8')));
    assert.deepEqual(copies.map((file) => path.relative(repoRoot, file)), ['core/majors.ts']);
  });
});
