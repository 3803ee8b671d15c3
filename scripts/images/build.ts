/**
 * `npm run test:images`: builds (or reuses) the images the Docker tests use: PostgreSQL (pgha-test/postgres:13,
 * 15, 17), PgBouncer (pgha-test/pgbouncer:1.15, 1.18, 1.24), pgpool-II (pgha-test/pgpool:4.3, 4.6), Patroni
 * (pgha-test/patroni:3.0-pg15: Patroni 3.0.2 + PostgreSQL 15) and etcd (pgha-test/etcd:3.4). There is no
 * image registry here, so each image is a minimal Debian root file system with the program from the machine's
 * own Debian mirror, imported with `docker import`, plus our entrypoint following the widely used image's
 * contract (specs.ts says which).
 *
 * Images get test-only names and a content-hash label, so a change to a recipe or an entrypoint rebuilds them
 * and nothing the user owns (postgres:15…) is ever overwritten. Builds run concurrently (bounded by --jobs,
 * default 3). The last line printed is the PGHA_IMAGE_MAP value mapping official names onto the images.
 *
 * Options: --only postgres:15,pgbouncer,patroni:3.0-pg15 (subset), --majors 13,17 (PostgreSQL subset, as before),
 * --force (rebuild even when the hash matches), --jobs N.
 */
import { existsSync } from 'node:fs';
import { buildImage, contentHash, HASH_LABEL, type BaseCache } from './rootfs';
import { imageLabel, settleBounded } from './process';
import { IMAGE_SPECS, imageMapOf, selectSpecs, specTag, TEST_IMAGE_REPOSITORY, type ImageSpec } from './specs';

export { debianMirror } from './rootfs';
export { IMAGE_SPECS, imageMapOf, specTag, TEST_IMAGE_REPOSITORY, type ImageSpec } from './specs';

const postgresSpecs = () => IMAGE_SPECS.filter((s) => s.program === 'postgres');

/** The PostgreSQL specs (major + suite), as the Docker tests know them. */
export const TEST_IMAGE_SPECS = postgresSpecs().map((s) => ({ major: Number(s.version), suite: s.suite }));

/** The majors the Docker tests can run (one test image each). */
export const TEST_IMAGE_MAJORS = TEST_IMAGE_SPECS.map((spec) => spec.major);

export function testImageTag(major: number): string {
  return `${TEST_IMAGE_REPOSITORY}:${major}`;
}

/** Official postgres names (as compose files and our examples write them) → our test image of these majors. */
export function imageMapValue(majors: number[]): string {
  return imageMapOf(postgresSpecs().filter((s) => majors.includes(Number(s.version))));
}

async function ensureImage(spec: ImageSpec, force: boolean, cache: BaseCache): Promise<void> {
  const tag = specTag(spec);
  const say = (text: string) => console.log(`[${tag}] ${text}`);
  const hash = contentHash(spec);
  if (!force && (await imageLabel(tag, HASH_LABEL)) === hash) {
    say('up to date, reused');
    return;
  }
  const started = Date.now();
  await buildImage(spec, hash, cache, say);
  say(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}

interface Options {
  specs: ImageSpec[];
  force: boolean;
  jobs: number;
}

function optionValue(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function parseArgs(argv: string[]): Options {
  const only = (optionValue(argv, '--only') ?? '').split(',').filter(Boolean);
  const majors = optionValue(argv, '--majors');
  if (majors) only.push(...majors.split(',').map((m) => `postgres:${m}`));
  const jobs = Number(optionValue(argv, '--jobs') ?? process.env.PGHA_IMAGE_JOBS ?? 3);
  return { specs: selectSpecs(only), force: argv.includes('--force'), jobs: Number.isInteger(jobs) && jobs > 0 ? jobs : 3 };
}

async function main(): Promise<number> {
  const { specs, force, jobs } = parseArgs(process.argv.slice(2));
  if (!existsSync('/usr/sbin/debootstrap')) {
    console.error('debootstrap is missing: apt-get install debootstrap (the CI provisioning does this)');
    return 1;
  }
  const started = Date.now();
  const cache: BaseCache = new Map();
  const results = await settleBounded(
    specs.map((spec) => () => ensureImage(spec, force, cache)),
    jobs,
  );
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${specTag(specs[i])}: ${String(r.reason)}`] : []));
  for (const failure of failed) console.error(failure);
  console.log(`test images: ${specs.length - failed.length} of ${specs.length} ready in ${Math.round((Date.now() - started) / 1000)} s (${jobs} at a time)`);
  console.log(imageMapOf(specs.filter((_, i) => results[i].status === 'fulfilled')));
  return failed.length ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
