/**
 * `npm run test:differential:hba`: for every major 13–18, writes a generated pg_hba.conf (2,000 entries) and its
 * included files into a real server's data directory, reads pg_hba_file_rules (with ssl off and on), and compares
 * every row with ours: same rows, same kept/dropped verdict, same error text. Exit 1 unless all agree.
 * Options: --major N (repeatable), --count N (minimum entries), --show N (differences printed), --no-ssl.
 */
import { parseArgs } from 'util';
import { everyMajor, runAsScript } from '../script';
import type { HbaMajor } from '../../../language/formats/pghba/types';
import { compareRules, ourRules, type Difference } from './compare';
import { FIXTURE_FILES, generateHba } from './generate';
import { createHbaOracle, opensslMissing } from './oracle';

export interface MajorResult {
  major: HbaMajor;
  ssl: boolean;
  rows: number;
  differences: Difference[];
  seconds: number;
}

/** One server, one file: PostgreSQL's rows next to ours. */
export async function runMajor(major: HbaMajor, ssl: boolean, text: string): Promise<MajorResult> {
  const started = Date.now();
  const oracle = await createHbaOracle(major, { ssl });
  try {
    const theirs = await oracle.rules({ ...FIXTURE_FILES, 'pg_hba.conf': text });
    const ours = ourRules(major, text, oracle.hbaFile, ssl);
    const differences = compareRules(ours, theirs).map((d) => ({ ...d, key: d.key.replace(oracle.dataDir, '$PGDATA') }));
    return { major, ssl, rows: theirs.length, differences, seconds: (Date.now() - started) / 1000 };
  } finally {
    await oracle.close();
  }
}

function print(result: MajorResult, entries: number, show: number): void {
  const agreed = result.rows - result.differences.length;
  const percent = ((100 * Math.max(agreed, 0)) / Math.max(result.rows, 1)).toFixed(2);
  console.log(`PostgreSQL ${result.major} (ssl ${result.ssl ? 'on' : 'off'}): ${agreed}/${result.rows} rows agree (${percent} %) for ${entries} entries, in ${result.seconds.toFixed(1)} s`);
  for (const d of result.differences.slice(0, show)) {
    console.log(`  ${d.key}: ${d.what}`);
    console.log(`    postgres: ${d.theirs ? `${d.theirs.parsed ? 'kept' : 'dropped'}, error ${JSON.stringify(d.theirs.error)}${d.theirs.logged.length ? `, logged ${JSON.stringify(d.theirs.logged)}` : ''}` : '—'}`);
    console.log(`    pgha:     ${d.ours ? `${d.ours.parsed ? 'kept' : 'dropped'}, error ${JSON.stringify(d.ours.error)}${d.ours.logged ? `, logged ${JSON.stringify(d.ours.logged)}` : ''}` : '—'}`);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { major: { type: 'string', multiple: true }, count: { type: 'string' }, show: { type: 'string' }, 'no-ssl': { type: 'boolean' } },
  });
  const count = Number(values.count ?? 2000);
  const show = Number(values.show ?? 20);
  const ssls = values['no-ssl'] || opensslMissing() ? [false] : [false, true];
  if (ssls.length === 1 && !values['no-ssl']) console.log(`ssl = on runs skipped: ${opensslMissing()}`);
  const generated = generateHba(count);
  return everyMajor((values.major ?? []).map(Number), async (major) => {
    let differs = false;
    for (const ssl of ssls) {
      const result = await runMajor(major, ssl, generated.text);
      print(result, generated.lines, show);
      differs ||= result.differences.length > 0;
    }
    return differs;
  });
}

if (require.main === module) runAsScript(main);
