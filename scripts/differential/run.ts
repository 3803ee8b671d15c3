/**
 * `npm run test:differential`: for every major 13–18, generates ≥1,000 setting lines and compares our
 * verdict, canonical value and message (file/line context aside) with what the real `postgres -C` says.
 * Exit 1 unless agreement is 100 %.
 * Options: --major N (repeatable), --count N (minimum lines per major), --show N (disagreements printed).
 */
import { loadCatalog } from '../../language/catalog/catalog';
import { MAJORS, type Major } from '../../language/catalog/types';
import { embeddedPostgresMissing } from '../pg/embedded';
import { findDisagreements } from './disagreements';
import { generateCases } from './generate';

function option(name: string): string[] {
  const values: string[] = [];
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) if (args[i] === name && args[i + 1] !== undefined) values.push(args[++i]);
  return values;
}

function main(): number {
  const majors = option('--major').map(Number) as Major[];
  const count = Number(option('--count')[0] ?? 1000);
  const show = Number(option('--show')[0] ?? 20);
  const catalog = loadCatalog();
  let failed = false;
  for (const major of majors.length ? majors : MAJORS) {
    const missing = embeddedPostgresMissing(major);
    if (missing) {
      console.log(`PostgreSQL ${major}: not available (${missing})`);
      failed = true;
      continue;
    }
    const cases = generateCases(catalog, major, count);
    const started = Date.now();
    const disagreements = findDisagreements(catalog, major, cases);
    const ofKind = (kind: string) => disagreements.filter((d) => d.kind === kind).length;
    const agreed = cases.length - disagreements.length;
    const percent = ((100 * agreed) / cases.length).toFixed(2);
    console.log(
      `PostgreSQL ${major}: ${agreed}/${cases.length} lines agree (${percent} %) in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        ` — verdict ${ofKind('verdict')}, printed value ${ofKind('value')}, message ${ofKind('message')} disagreements`,
    );
    for (const d of disagreements.slice(0, show)) {
      console.log(`  [${d.kind}] ${d.case.line}   [-C ${d.case.ask}]`);
      console.log(`    postgres: ${d.theirs.accepted ? `accepted, prints ${JSON.stringify(d.theirs.canonical)}` : `rejected: ${d.theirs.log.split('\n').slice(0, 2).join(' | ')}`}`);
      console.log(`    pgha:     ${d.ours.accepted ? `accepted, prints ${JSON.stringify(d.ours.canonical)}` : `rejected: ${d.ours.message}`}`);
    }
    if (disagreements.length) failed = true;
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
