/** ourVerdict compares what `postgres -C` reads: rules the postmaster applies only at start-up must not count. */
import * as assert from 'node:assert/strict';
import { loadCatalog } from '../../../language/catalog/catalog';
import { ourVerdict } from '../../../scripts/differential/compare';

describe('differential ourVerdict', () => {
  const catalog = loadCatalog();

  it('accepts a line that only the start-up reserved-connections check rejects, as postgres -C does', () => {
    assert.deepEqual(ourVerdict(catalog, 17, 'reserved_connections = 221783', 'reserved_connections'), { accepted: true, canonical: '221783' });
    assert.deepEqual(ourVerdict(catalog, 13, 'max_connections = 1', 'max_connections'), { accepted: true, canonical: '1' });
  });

  it('still rejects what postgres -C rejects', () => {
    assert.equal(ourVerdict(catalog, 17, 'max_connections = 0', 'max_connections').accepted, false);
  });
});
