import * as assert from 'assert';
import { dockerUnavailable } from '../../../scripts/soak/dockerCluster';
import { noDataLossCycle, ROWS_PER_CYCLE } from '../../../scripts/soak/noDataLoss';
import { requirePart } from '../../support/parts';

const MAJOR = 17;
const CYCLES = 5;

describe('no data loss: synchronous replication, SIGKILL of the primary, promote the standby', function () {
  this.timeout(120_000);
  before(async function () {
    requirePart(this, `Docker with pgha-test/postgres:${MAJOR}`, await dockerUnavailable(MAJOR));
  });
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    it(`cycle ${cycle}/${CYCLES}: all ${ROWS_PER_CYCLE} committed rows are on the promoted standby`, async () => {
      const result = await noDataLossCycle(MAJOR);
      assert.strictEqual(result.committed, ROWS_PER_CYCLE);
      assert.strictEqual(result.lost, 0, `lost ${result.lost} rows\n${result.steps.join('\n')}`);
      assert.ok(result.steps.includes('replica1 is primary and accepts writes'), result.steps.join('\n'));
    });
  }
});
