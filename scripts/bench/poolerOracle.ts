/**
 * `npm run bench:pooler-oracle` — throughput of the pooler oracle (scripts/differential/poolers/oracle.ts):
 * judges generated files, half loadable and half refused, with the real PgBouncer and pgpool-II and prints
 * files per second per program version (and the machine's load, which dominates on a shared machine).
 *   --files N (default 200 per version), --containers N (default 2), --only pgbouncer:1.24,pgpool:4.6
 */
import { loadavg } from 'node:os';
import { pgbouncerFile } from '../catalog/poolers/pgbouncerProbe';
import { pgpoolFile } from '../catalog/poolers/pgpoolProbe';
import { judgeWhy, startJudge, type PoolerProgram } from '../differential/poolers/oracle';

const TARGETS: { program: PoolerProgram; version: string; file: (i: number) => string }[] = [
  { program: 'pgbouncer', version: '1.18', file: (i) => pgbouncerFile([i % 2 ? `max_client_conn = ${i}` : `pool_mode = bad${i}`]) },
  { program: 'pgbouncer', version: '1.24', file: (i) => pgbouncerFile([i % 2 ? `max_client_conn = ${i}` : `pool_mode = bad${i}`]) },
  { program: 'pgpool', version: '4.3', file: (i) => pgpoolFile([i % 2 ? `max_pool = ${i}` : `max_pool = 'bad${i}'`]) },
  { program: 'pgpool', version: '4.6', file: (i) => pgpoolFile([i % 2 ? `max_pool = ${i}` : `max_pool = 'bad${i}'`]) },
];

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

async function main(): Promise<void> {
  const count = Number(option('--files', '200'));
  const containers = Number(option('--containers', '2'));
  const only = option('--only', '').split(',').filter(Boolean);
  for (const target of TARGETS.filter((t) => !only.length || only.includes(`${t.program}:${t.version}`))) {
    const label = `${target.program} ${target.version}`;
    const why = await judgeWhy(target.program, target.version);
    if (why) {
      console.log(`${label}: skipped (${why})`);
      continue;
    }
    const judge = await startJudge(target.program, target.version, { containers });
    try {
      const files = Array.from({ length: count }, (_, i) => target.file(i));
      const started = Date.now();
      const verdicts = await judge.judge(files);
      const seconds = (Date.now() - started) / 1000;
      const valid = verdicts.filter((v) => v.valid).length;
      console.log(`${label}: ${count} files in ${seconds.toFixed(1)} s = ${(count / seconds).toFixed(1)} files/s (${containers} containers; ${valid} valid; load ${loadavg()[0].toFixed(1)})`);
    } finally {
      await judge.close();
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
