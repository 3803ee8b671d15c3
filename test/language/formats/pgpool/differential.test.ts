/**
 * The pgpool.conf format against the real pgpool-II 4.3 and 4.6 on a bounded sample of generated files (the full
 * run: npm run test:differential:pgpool). Every file must get the same verdict and, when pgpool refuses it,
 * the same words. Needs Docker and the pgha-test/pgpool images (npm run test:images).
 */
import * as assert from 'assert';
import { compare, generatePgpoolFiles } from '../../../../scripts/differential/poolers/pgpoolCases';
import { judgeWhy, startJudge } from '../../../../scripts/differential/poolers/oracle';
import { requirePart } from '../../../support/parts';
import { catalog } from './support';

/** Files per version in CI: pgpool needs about a second each on a loaded machine. */
const SAMPLE = Number(process.env.PGHA_PGPOOL_DIFFERENTIAL_FILES ?? 24);

describe('pgpool.conf differential test against the real pgpool-II (sample)', function () {
  this.timeout(600_000);
  for (const version of ['4.3', '4.6']) {
    it(`agrees with pgpool ${version} on ${SAMPLE} generated files`, async function () {
      requirePart(this, `pgpool-II ${version} test image`, await judgeWhy('pgpool', version));
      // A seed per version line, so the two lines see different files.
      const texts = generatePgpoolFiles(catalog, version, SAMPLE, Number(version.replace('.', '')));
      const judge = await startJudge('pgpool', version);
      try {
        const result = compare(catalog, version, texts, await judge.judge(texts));
        console.log(`      pgpool ${version}: ${result.agreed}/${result.files} agree (${((100 * result.agreed) / result.files).toFixed(1)} %), pgpool refused ${result.refused}; our extra warnings: ${JSON.stringify(result.extraWarnings)}`);
        assert.deepStrictEqual(result.disagreements, []);
      } finally {
        await judge.close();
      }
    });
  }
});
