import * as assert from 'assert';
import { loadCatalog } from '../../../../language/catalog/catalog';
import { MAJORS } from '../../../../language/catalog/types';
import { findDisagreements } from '../../../../scripts/differential/disagreements';
import { generateCases, sampleCases } from '../../../../scripts/differential/generate';
import { embeddedPostgresMissing } from '../../../../scripts/pg/embedded';
import { requirePart } from '../../../support/parts';

/** Lines per major in the unit suite; `npm run test:differential` checks the full set (≥1,000 per major). */
const SAMPLE_SIZE = 150;

/** Verdicts, printed values and messages (after the file/line context PostgreSQL adds) must all agree. */
describe('pgconf differential sample against real postgres -C', function () {
  this.timeout(120_000);
  const catalog = loadCatalog();

  for (const major of MAJORS) {
    it(`agrees with PostgreSQL ${major} on ${SAMPLE_SIZE} generated lines`, function () {
      requirePart(this, `embedded PostgreSQL ${major}`, embeddedPostgresMissing(major));
      const cases = sampleCases(generateCases(catalog, major), SAMPLE_SIZE);
      const disagreements = findDisagreements(catalog, major, cases);
      const report = disagreements.map(
        (d) =>
          `[${d.kind}] ${d.case.line}: postgres ${d.theirs.accepted ? `prints ${d.theirs.canonical}` : d.theirs.log.split('\n').slice(0, 2).join(' | ')}; pgha ${d.ours.accepted ? `prints ${d.ours.canonical}` : d.ours.message}`,
      );
      assert.deepStrictEqual(report, []);
    });
  }
});
