/**
 * CI-sized pg_ident.conf differential: an evenly spread sample of the generated entries on three majors that
 * cover each way PostgreSQL reports (13: reload log; 15: pg_ident_file_mappings; 18: the view with includes).
 * The full run over every major is `npm run test:differential:ident`.
 */
import * as assert from 'node:assert/strict';
import type { HbaMajor } from '../../../language/formats/pghba/types';
import { generateIdent, sampleEntries } from '../../../scripts/differential/ident/generate';
import { runIdentMajor } from '../../../scripts/differential/ident/run';
import { embeddedPostgresMissing } from '../../../scripts/pg/embedded';
import { requirePart } from '../../support/parts';

describe('pg_ident.conf differential (sample)', function () {
  this.timeout(120_000);
  const entries = sampleEntries(generateIdent(1000).entries, 200);

  for (const major of [13, 15, 18] as HbaMajor[]) {
    it(`PostgreSQL ${major} reads the sample exactly as we do`, async function () {
      requirePart(this, `PostgreSQL ${major} binaries`, embeddedPostgresMissing(major));
      const result = await runIdentMajor(major, entries);
      assert.ok(result.errors > 50, `only ${result.errors} errors reported`);
      assert.deepEqual(result.differences.map((d) => `${d.key}: ${d.what} (postgres ${d.theirs}, pgha ${d.ours})`), []);
    });
  }
});
