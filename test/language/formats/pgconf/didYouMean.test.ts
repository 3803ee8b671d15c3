import * as assert from 'assert';
import { closestMatches, editDistance } from '../../../../language/formats/pgconf/didYouMean';

describe('pgconf did-you-mean', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    assert.strictEqual(editDistance('', ''), 0);
    assert.strictEqual(editDistance('abc', ''), 3);
    assert.strictEqual(editDistance('', 'abc'), 3);
    assert.strictEqual(editDistance('shared_bufers', 'shared_buffers'), 1);
    assert.strictEqual(editDistance('wal_levle', 'wal_level'), 1);
    assert.strictEqual(editDistance('kitten', 'sitting'), 3);
    // Optimal string alignment: a transposed pair cannot be edited again.
    assert.strictEqual(editDistance('ca', 'abc'), 3);
  });

  it('suggests close names and names that contain the word, closest first, at most three', () => {
    const names = ['shared_buffers', 'shared_preload_libraries', 'effective_cache_size', 'work_mem', 'maintenance_work_mem', 'wal_level'];
    assert.deepStrictEqual(closestMatches('Shared_Bufers', names), ['shared_buffers']);
    assert.deepStrictEqual(closestMatches('effective_cache', names), ['effective_cache_size']);
    assert.deepStrictEqual(closestMatches('work_mem', names), ['work_mem', 'maintenance_work_mem']);
    assert.deepStrictEqual(closestMatches('xyzzy', names), []);
  });
});
