/**
 * `npm run test:realworld`: runs the checker over the real-world corpus (test/fixtures/realworld), compares every
 * warning and error with verdicts.json, prints precision per code, and fails on a FALSE finding still reported, a
 * TRUE one lost, or a new finding nobody judged (add its verdict, with a reason, to verdicts.json).
 * Options: --json (the findings of the run, for judging).
 */
import { SqlParserHost } from '../../language/sql/parser';
import { checkCorpus } from './corpus';
import { compare, formatReport, loadVerdicts, passed } from './verdicts';

async function main(): Promise<void> {
  const sql = new SqlParserHost();
  await sql.load();
  const { files, findings } = checkCorpus(undefined, undefined, sql);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(findings, null, 2));
    return;
  }
  const comparison = compare(findings, loadVerdicts());
  console.log(formatReport(comparison, files));
  process.exitCode = passed(comparison) ? 0 : 1;
}

void main();
