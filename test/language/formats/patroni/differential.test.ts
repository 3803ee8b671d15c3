/**
 * The patroni format against the real Patroni 3.0.2 (`patroni --validate-config`, Debian's package) on a sample of
 * generated files: the same verdict and the same lines, in the same order, for every file; a few of them also
 * through the command line itself. The full run: npm run test:differential:patroni (3000 files).
 */
import * as assert from 'assert';
import { comparePatroni } from '../../../../scripts/differential/patroni/compare';
import { patroniWhy } from '../../../../scripts/differential/patroni/oracle';
import { requirePart } from '../../../support/parts';

const SAMPLE = Number(process.env.PGHA_PATRONI_DIFFERENTIAL_FILES ?? 200);

describe('patroni.yml differential test against patroni --validate-config (sample)', function () {
  this.timeout(120_000);
  it(`agrees with Patroni 3.0.2 on ${SAMPLE} generated files`, async function () {
    requirePart(this, 'Patroni 3.0 (apt-get install patroni)', await patroniWhy());
    // A seed per day of the year: the sample moves over the generated space; the full run covers more.
    const seed = Math.floor(Date.now() / 86_400_000);
    const result = await comparePatroni(SAMPLE, seed, 3);
    console.log(`      seed ${seed}: ${result.agreed}/${result.files} agree, Patroni refused ${result.refused}; command line = harness on ${result.cli.agreed}/${result.cli.files}`);
    assert.deepStrictEqual(result.disagreements.map((d) => ({ text: d.text, patroni: d.patroni.lines, crash: d.patroni.crash, ours: d.ours })), []);
    assert.strictEqual(result.cli.agreed, result.cli.files);
    assert.ok(result.refused > 0 && result.refused < result.files, 'the sample holds files Patroni accepts and files it refuses');
  });
});
