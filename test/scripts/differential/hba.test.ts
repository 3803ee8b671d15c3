/**
 * CI-sized pg_hba.conf differential: an evenly spread sample of the generated entries, every major, against
 * the real server's pg_hba_file_rules (the full run is `npm run test:differential:hba`).
 */
import * as assert from 'node:assert/strict';
import { HBA_MAJORS } from '../../../language/formats/pghba/types';
import { generateHba, hbaFile, sampleEntries } from '../../../scripts/differential/hba/generate';
import { runMajor } from '../../../scripts/differential/hba/run';
import { embeddedPostgresMissing } from '../../../scripts/pg/embedded';
import { requirePart } from '../../support/parts';

describe('pg_hba.conf differential (sample)', function () {
  this.timeout(120_000);
  const sample = hbaFile(sampleEntries(generateHba(2000).entries, 300));

  for (const major of HBA_MAJORS) {
    it(`PostgreSQL ${major} reads the sample exactly as we do`, async function () {
      requirePart(this, `PostgreSQL ${major} binaries`, embeddedPostgresMissing(major));
      const result = await runMajor(major, false, sample.text);
      assert.ok(result.rows > 250, `only ${result.rows} rows`);
      assert.deepEqual(result.differences.map((d) => `${d.key}: ${d.what}`), []);
    });
  }
});
