/**
 * The full differential run against the real PgBouncer (npm run test:differential:pgbouncer): every generated
 * file per version line, judged by the program and by our validator; prints agreement, throughput and the
 * disagreements. Options: --versions 1.18,1.24  --limit N (a spread sample)  --only REGEX (cases whose label
 * matches)  --containers N.
 * Exit status 1 when any case disagrees.
 */
import { pgbouncerKnowledge } from '../../../language/formats/pgbouncer/knowledge';
import { startJudge } from './oracle';
import { pgbouncerCases, sampleOf } from './pgbouncerCases';
import { comparePgbouncer } from './pgbouncerCompare';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function runVersion(version: string, limit: number | undefined, containers: number): Promise<number> {
  const knowledge = pgbouncerKnowledge();
  const only = option('only');
  const all = pgbouncerCases(knowledge).filter((c) => !only || new RegExp(only).test(c.label));
  const cases = limit ? sampleOf(all, limit) : all;
  const judge = await startJudge('pgbouncer', version, { stage: 'config', containers });
  const started = Date.now();
  try {
    const verdicts = await judge.judge(cases.map((c) => c.text));
    const seconds = (Date.now() - started) / 1000;
    const disagreements = comparePgbouncer(knowledge, version, cases, verdicts);
    const verdictMisses = disagreements.filter((d) => d.kind === 'verdict').length;
    const invalid = verdicts.filter((v) => !v.valid).length;
    console.log(`PgBouncer ${version}: ${cases.length} files (${invalid} refused by the program), ${seconds.toFixed(1)} s, ${(cases.length / seconds).toFixed(1)} files/s`);
    console.log(`  verdict agreement ${(100 * (1 - verdictMisses / cases.length)).toFixed(2)} %, verdict+message agreement ${(100 * (1 - disagreements.length / cases.length)).toFixed(2)} %`);
    for (const d of disagreements.slice(0, 40)) console.log(`  [${d.kind}] ${d.case.label}: pgbouncer ${JSON.stringify(d.theirs)}; pgha ${JSON.stringify(d.ours)}`);
    return disagreements.length;
  } finally {
    await judge.close();
  }
}

async function main() {
  const versions = (option('versions') ?? pgbouncerKnowledge().versions.join(',')).split(',');
  const limit = option('limit') ? Number(option('limit')) : undefined;
  const containers = Number(option('containers') ?? 2);
  let failures = 0;
  for (const version of versions) failures += await runVersion(version, limit, containers);
  process.exitCode = failures ? 1 : 0;
}

void main();
