import * as assert from 'assert';
import { checkCorpus, type Finding } from '../../../../scripts/realworld/corpus';
import { compare, formatReport, loadVerdicts, type Verdict } from '../../../../scripts/realworld/verdicts';
import { testCatalog } from './helpers';
import { SqlParserHost } from '../../../../language/sql/parser';

/**
 * The checker on the real-world corpus (test/fixtures/realworld, issue 15): every warning and error it reports has a
 * verdict in verdicts.json, none judged FALSE is reported, and none judged TRUE is lost. `npm run test:realworld`
 * prints the same comparison with precision per code.
 */
describe('real-world corpus: compose and postgresql.conf findings a DBA agrees with', function () {
  this.timeout(120_000);
  let run: ReturnType<typeof checkCorpus>;
  let verdicts: Verdict[];
  before(async () => {
    const sql = new SqlParserHost();
    await sql.load();
    run = checkCorpus(testCatalog(), undefined, sql);
    verdicts = loadVerdicts();
  });

  it('reports no warning or error judged FALSE, loses none judged TRUE, and has every new one judged', () => {
    const comparison = compare(run.findings, verdicts);
    const report = formatReport(comparison, run.files);
    assert.deepStrictEqual(comparison.falseReported.map((f) => `${f.path}:${f.line} ${f.code}`), [], report);
    assert.deepStrictEqual(comparison.trueLost.map((v) => `${v.path}:${v.line} ${v.code}`), [], report);
    assert.deepStrictEqual(comparison.unjudged.map((f) => `${f.path}:${f.line} ${f.code}`), [], report);
    assert.ok(comparison.right / (comparison.right + comparison.wrong) >= 0.95, report);
  });

  it('has one verdict per finding, each with a reason', () => {
    const keys = verdicts.map((v) => `${v.path}:${v.line} ${v.code}`);
    assert.deepStrictEqual(keys.filter((k, i) => keys.indexOf(k) !== i), []);
    assert.deepStrictEqual(verdicts.filter((v) => !v.reason.trim() || !['TRUE', 'FALSE'].includes(v.verdict)), []);
  });

  it('compares as documented: information is not judged, a FALSE one reported and a TRUE one lost both count', () => {
    const finding = (line: number, severity: Finding['severity']): Finding => ({ path: 'compose/x/compose.yaml', line, code: 'compose/c', severity, message: '' });
    const verdict = (line: number, v: Verdict['verdict']): Verdict => ({ path: 'compose/x/compose.yaml', line, code: 'compose/c', verdict: v, reason: 'r' });
    const c = compare([finding(1, 'warning'), finding(2, 'error'), finding(3, 'information'), finding(4, 'warning')], [verdict(1, 'TRUE'), verdict(2, 'FALSE'), verdict(5, 'TRUE')]);
    assert.deepStrictEqual([c.right, c.wrong], [1, 1]);
    assert.deepStrictEqual(c.falseReported.map((f) => f.line), [2]);
    assert.deepStrictEqual(c.trueLost.map((v) => v.line), [5]);
    assert.deepStrictEqual(c.unjudged.map((f) => f.line), [4]);
  });
});
