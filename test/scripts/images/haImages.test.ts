/** The Patroni and etcd test-image recipes: their tags, selection by tag, and which public names map onto them. */
import * as assert from 'node:assert/strict';
import { imageMapOf, IMAGE_SPECS, selectSpecs, specTag } from '../../../scripts/images/specs';

describe('scripts/images: Patroni + etcd recipes', () => {
  it('tags pgha-test/patroni:3.0-pg15 and pgha-test/etcd:3.4, selectable by program, version or tag', () => {
    assert.deepEqual(selectSpecs(['patroni']).map(specTag), ['pgha-test/patroni:3.0-pg15']);
    assert.deepEqual(selectSpecs(['patroni:3.0-pg15', 'etcd:3.4']).map(specTag), ['pgha-test/patroni:3.0-pg15', 'pgha-test/etcd:3.4']);
    assert.throws(() => selectSpecs(['patroni:9']), /no test image recipe for patroni:9; known: .*patroni:3\.0-pg15/);
  });

  it('maps the etcd project images up to the packaged patch only, and no Patroni/Spilo name', () => {
    const ha = IMAGE_SPECS.filter((s) => s.program === 'etcd' || s.program === 'patroni');
    const map = imageMapOf(ha).split(',');
    assert.ok(map.includes('quay.io/coreos/etcd:v3.4.23=pgha-test/etcd:3.4'));
    assert.ok(map.includes('gcr.io/etcd-development/etcd:v3.4.0=pgha-test/etcd:3.4'));
    assert.ok(!map.some((m) => m.startsWith('quay.io/coreos/etcd:v3.4.24') || m.startsWith('bitnami/etcd')));
    assert.ok(!map.some((m) => /spilo|patroni/.test(m.split('=')[0])));
  });

  it('keeps the PostgreSQL and pooler tags unchanged (no suffix)', () => {
    assert.ok(IMAGE_SPECS.filter((s) => s.program !== 'patroni').every((s) => specTag(s) === `pgha-test/${s.program}:${s.version}`));
  });
});
