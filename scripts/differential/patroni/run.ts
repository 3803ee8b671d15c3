/**
 * `npm run test:differential:patroni` — the full differential run of the patroni format against Patroni 3.0.2
 * (`patroni --validate-config`): 3000 generated files (PGHA_PATRONI_DIFFERENTIAL_FILES to change), 30 of them also
 * through the command line itself. Prints the figures and every disagreement; exits 1 on any.
 */
import { comparePatroni } from './compare';
import { patroniWhy } from './oracle';

async function main(): Promise<number> {
  const why = await patroniWhy();
  if (why) {
    console.error(`patroni oracle not available: ${why}`);
    return 1;
  }
  const count = Number(process.env.PGHA_PATRONI_DIFFERENTIAL_FILES ?? 3000);
  const result = await comparePatroni(count, Number(process.env.PGHA_PATRONI_SEED ?? 19), 30);
  for (const d of result.disagreements.slice(0, 20)) {
    console.log(`--- ${d.file}\n${d.text}\npatroni: ${JSON.stringify(d.patroni)}\nours:    ${JSON.stringify(d.ours)}\n`);
  }
  const pct = ((100 * result.agreed) / result.files).toFixed(2);
  console.log(`patroni 3.0.2: ${result.agreed}/${result.files} files agree (${pct} %), patroni refused ${result.refused}; command line = harness on ${result.cli.agreed}/${result.cli.files}; oracle ${result.oracleMs} ms, ours ${result.oursMs} ms`);
  return result.disagreements.length === 0 && result.cli.agreed === result.cli.files ? 0 : 1;
}

main().then((code) => (process.exitCode = code), (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
