import * as assert from 'assert';
import { clusterPart, clusterUnavailable, testBackends } from '../../../scripts/soak/dockerCluster';
import { noDataLossCycle, ROWS_PER_CYCLE } from '../../../scripts/soak/noDataLoss';
import { requirePart } from '../../support/parts';

const MAJOR = 17;
const CYCLES = 5;

for (const backend of testBackends()) {
  describe(`no data loss on ${backend}: synchronous replication, SIGKILL of the primary, promote the standby, rejoin the old primary`, function () {
    this.timeout(180_000);
    before(async function () {
      requirePart(this, clusterPart(backend, MAJOR), await clusterUnavailable(backend, MAJOR));
    });
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      it(`cycle ${cycle}/${CYCLES}: all ${ROWS_PER_CYCLE} committed rows are on the promoted standby and on the rejoined old primary`, async () => {
        const result = await noDataLossCycle(MAJOR, backend);
        assert.strictEqual(result.committed, ROWS_PER_CYCLE);
        assert.strictEqual(result.lost, 0, `lost ${result.lost} rows\n${result.steps.join('\n')}`);
        assert.strictEqual(result.foundAfterRejoin, ROWS_PER_CYCLE, result.steps.join('\n'));
        assert.ok(result.steps.includes('replica1 is primary and accepts writes'), result.steps.join('\n'));
        assert.ok(result.steps.includes('primary streams from replica1'), result.steps.join('\n'));
        // Native: no pg_rewind in the packages, so the dead old primary comes back from a fresh base backup.
        if (backend === 'native') assert.ok(result.steps.includes('primary: no pg_rewind in the native packages; taking a fresh base backup'), result.steps.join('\n'));
      });
    }
  });
}
