import * as assert from 'assert';
import { pgbouncerKnowledge } from '../../../../language/formats/pgbouncer/knowledge';
import { judgeWhy, startJudge } from '../../../../scripts/differential/poolers/oracle';
import { pgbouncerCases, sampleOf } from '../../../../scripts/differential/poolers/pgbouncerCases';
import { comparePgbouncer } from '../../../../scripts/differential/poolers/pgbouncerCompare';
import { requirePart } from '../../../support/parts';

/** Files per version in the unit suite; `npm run test:differential:pgbouncer` judges the full set (≥1,500 per version). */
const SAMPLE_SIZE = 60;

describe('pgbouncer.ini differential sample against the real PgBouncer', function () {
  this.timeout(600_000);
  const knowledge = pgbouncerKnowledge();

  for (const version of knowledge.versions) {
    it(`agrees with PgBouncer ${version} on ${SAMPLE_SIZE} generated files (verdicts and messages)`, async function () {
      requirePart(this, `PgBouncer ${version} judge`, await judgeWhy('pgbouncer', version));
      const cases = sampleOf(pgbouncerCases(knowledge), SAMPLE_SIZE);
      const judge = await startJudge('pgbouncer', version, { stage: 'config' });
      try {
        const verdicts = await judge.judge(cases.map((c) => c.text));
        const report = comparePgbouncer(knowledge, version, cases, verdicts).map((d) => `[${d.kind}] ${d.case.label}: pgbouncer ${d.theirs}; pgha ${d.ours}`);
        assert.deepStrictEqual(report, []);
        assert.ok(verdicts.some((v) => v.valid) && verdicts.some((v) => !v.valid), 'the sample has valid and invalid files');
      } finally {
        await judge.close();
      }
    });
  }
});
