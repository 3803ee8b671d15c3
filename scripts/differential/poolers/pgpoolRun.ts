/**
 * `npm run test:differential:pgpool` — the full differential run of the pgpool.conf format against the real
 * pgpool-II 4.3 and 4.6 (CI runs a bounded sample: test/language/formats/pgpool/differential.test.ts). Prints,
 * per version, the agreement (same verdict and words), the disagreements, and our warnings on files pgpool
 * loads (not errors for pgpool: listed apart). Exit status 1 when any file disagrees.
 *   --files N (default 1500 per version)  --only 4.6  --containers N (default 2)  --seed S (default 1)
 *   --save DIR: writes each version's texts and pgpool's verdicts (DIR/pgpool-<v>.json), so that a later change of
 *   the validator is compared again without judging again (--load DIR).
 * At most 2 pgpool containers at once: run the two versions one after the other, or side by side with
 * --containers 1 each.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { PgpoolCatalog } from '../../../language/formats/pgpool/catalog';
import { judgeWhy, startJudge, type PoolerVerdict } from './oracle';
import { compare, generatePgpoolFiles } from './pgpoolCases';

/** Files per judge batch (a progress line each). */
const CHUNK = 100;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

async function runVersion(catalog: PgpoolCatalog, version: string, files: number, containers: number, seed: number): Promise<boolean> {
  const why = await judgeWhy('pgpool', version);
  if (why) {
    console.log(`pgpool ${version}: skipped (${why})`);
    return true;
  }
  const texts = generatePgpoolFiles(catalog, version, files, seed);
  const load = option('--load', '');
  if (load) {
    const saved = JSON.parse(readFileSync(join(load, `pgpool-${version}.json`), 'utf8')) as { texts: string[]; verdicts: PoolerVerdict[] };
    return report(catalog, version, saved.texts, saved.verdicts, 0);
  }
  const save = option('--save', '');
  const judge = await startJudge('pgpool', version, { containers });
  const started = Date.now();
  try {
    // Judged in chunks, with a progress line per chunk: a long run reports its figures so far.
    const verdicts: PoolerVerdict[] = [];
    for (let at = 0; at < texts.length; at += CHUNK) {
      const chunk = texts.slice(at, at + CHUNK);
      const judged = await judge.judge(chunk);
      verdicts.push(...judged);
      if (save) writeFileSync(join(save, `pgpool-${version}.json`), JSON.stringify({ texts: texts.slice(0, verdicts.length), verdicts }));
      const sofar = compare(catalog, version, texts.slice(0, verdicts.length), verdicts);
      console.log(`  pgpool ${version} progress: ${sofar.agreed}/${sofar.files} agree (${((Date.now() - started) / 1000).toFixed(0)} s, load ${loadavg()[0].toFixed(1)})`);
      // This chunk's disagreements at once, with pgpool's outcome (a timeout on a busy machine is not a verdict).
      for (const d of compare(catalog, version, chunk, judged).disagreements) console.log(`    DISAGREE ${JSON.stringify(d.text)} ours ${JSON.stringify(d.ours)} pgpool ${JSON.stringify(d.pgpool)}`);
    }
    return report(catalog, version, texts, verdicts, (Date.now() - started) / 1000);
  } finally {
    await judge.close();
  }
}

/** The figures of one version: agreement, refusals, files per second, our extra warnings. */
function report(catalog: PgpoolCatalog, version: string, texts: string[], verdicts: PoolerVerdict[], seconds: number): boolean {
  const result = compare(catalog, version, texts, verdicts);
  const rate = seconds ? `; ${seconds.toFixed(0)} s = ${(result.files / seconds).toFixed(2)} files/s, load ${loadavg()[0].toFixed(1)}` : '';
  console.log(`pgpool ${version}: ${result.agreed}/${result.files} files agree = ${((100 * result.agreed) / result.files).toFixed(2)} % (pgpool refused ${result.refused}${rate})`);
  for (const d of result.disagreements) console.log(`    DISAGREE ${JSON.stringify(d.text)} ours ${JSON.stringify(d.ours)} pgpool ${JSON.stringify(d.pgpool)}`);
  const extras = Object.entries(result.extraWarnings).sort((a, b) => b[1] - a[1]);
  console.log(`  our warnings on files pgpool loads (not errors for pgpool): ${extras.map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}`);
  return result.disagreements.length === 0;
}

async function main(): Promise<void> {
  const catalog = new PgpoolCatalog();
  const files = Number(option('--files', '1500'));
  const containers = Number(option('--containers', '2'));
  const seed = Number(option('--seed', '1'));
  const only = option('--only', '').split(',').filter(Boolean);
  let ok = true;
  for (const version of ['4.3', '4.6'].filter((v) => !only.length || only.includes(v))) ok = (await runVersion(catalog, version, files, containers, seed)) && ok;
  process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});
