/**
 * `npm run test:images`: builds (or reuses) the PostgreSQL images the Docker tests use. There is no
 * image registry here, so each image is a minimal Debian root file system (debootstrap --variant=minbase)
 * with postgresql-<major> from the machine's own Debian mirror, imported with `docker import`, plus our
 * entrypoint (entrypoint.sh) that follows the official postgres image contract.
 *
 * Images get test-only names (pgha-test/postgres:<major>) and a content-hash label, so a change to this
 * script or the entrypoint rebuilds them and nothing the user owns (postgres:15…) is ever overwritten.
 * The last line printed is the PGHA_IMAGE_MAP value mapping official names onto them.
 *
 * Options: --majors 13,17 (subset), --force (rebuild even when the hash matches).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestImageSpec {
  major: number;
  suite: string;
}

export const TEST_IMAGE_SPECS: TestImageSpec[] = [
  { major: 13, suite: 'bullseye' },
  { major: 15, suite: 'bookworm' },
  { major: 17, suite: 'trixie' },
];

/** The majors the Docker tests can run (one test image each). */
export const TEST_IMAGE_MAJORS = TEST_IMAGE_SPECS.map((spec) => spec.major);

export const TEST_IMAGE_REPOSITORY = 'pgha-test/postgres';
const HASH_LABEL = 'pgha.test-image.hash';
const WORK_ROOT = '/var/tmp/pgha-images';

export function testImageTag(major: number): string {
  return `${TEST_IMAGE_REPOSITORY}:${major}`;
}

/** Official names (as compose files and our examples write them) → our test image. */
export function imageMapValue(majors: number[]): string {
  const pairs: string[] = [];
  for (const major of majors) {
    const spec = TEST_IMAGE_SPECS.find((s) => s.major === major);
    const variants = [`${major}`, `${major}-alpine`, `${major}-bookworm`, `${major}-bullseye`, `${major}-trixie`];
    if (spec) variants.push(`${major}-${spec.suite}`);
    for (const variant of [...new Set(variants)]) pairs.push(`postgres:${variant}=${testImageTag(major)}`);
  }
  return pairs.join(',');
}

/** The Debian mirror this machine's apt uses (first non-security URI), so the build needs no other network. */
export function debianMirror(): string {
  const candidates: string[] = [];
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const sources = [read('/etc/apt/sources.list')];
  try {
    for (const name of readdirSync('/etc/apt/sources.list.d')) {
      if (name.endsWith('.list') || name.endsWith('.sources')) sources.push(read(join('/etc/apt/sources.list.d', name)));
    }
  } catch {
    /* no sources.list.d */
  }
  for (const text of sources) {
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (trimmed.startsWith('#')) continue;
      const deb = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/.exec(trimmed);
      const uris = /^URIs:\s*(\S+)/i.exec(trimmed);
      const uri = deb?.[1] ?? uris?.[1];
      if (uri && /\/debian\/?$/.test(uri)) candidates.push(uri.replace(/\/$/, ''));
    }
  }
  return candidates[0] ?? 'http://deb.debian.org/debian';
}

function contentHash(spec: TestImageSpec): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(__dirname, 'entrypoint.sh')));
  hash.update(readFileSync(__filename));
  hash.update(`${spec.suite}/${spec.major}`);
  return hash.digest('hex').slice(0, 16);
}

interface RunOptions {
  log: NodeJS.WritableStream;
  input?: NodeJS.ReadableStream;
}

/** Runs a program, output to the build log; rejects with the tail of the log on failure. */
function run(program: string, args: string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      options.log.write(chunk);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    if (options.input && child.stdin) options.input.pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${program} ${args.slice(0, 3).join(' ')} … exited with ${code}:\n${output.split('\n').slice(-15).join('\n')}`));
    });
  });
}

async function existingHash(tag: string): Promise<string | undefined> {
  try {
    const out = await run('docker', ['image', 'inspect', '--format', `{{index .Config.Labels "${HASH_LABEL}"}}`, tag], {
      log: { write: () => true } as unknown as NodeJS.WritableStream,
    });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

async function buildImage(spec: TestImageSpec, hash: string, say: (text: string) => void): Promise<void> {
  const dir = join(WORK_ROOT, `${spec.suite}-${hash}`);
  const rootfs = join(dir, 'rootfs');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(rootfs, { recursive: true });
  const logPath = join(dir, 'build.log');
  const log = createWriteStream(logPath);
  const chroot = (...args: string[]) => run('chroot', [rootfs, ...args], { log });
  try {
    const mirror = debianMirror();
    say(`debootstrap ${spec.suite} from ${mirror} (log: ${logPath})`);
    await run('debootstrap', ['--variant=minbase', spec.suite, rootfs, mirror], { log });
    // Keep package scripts from starting a server or creating a default cluster inside the build.
    writeFileSync(join(rootfs, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n');
    chmodSync(join(rootfs, 'usr/sbin/policy-rc.d'), 0o755);
    mkdirSync(join(rootfs, 'etc/postgresql-common'), { recursive: true });
    writeFileSync(join(rootfs, 'etc/postgresql-common/createcluster.conf'), 'create_main_cluster = false\n');
    say(`installing postgresql-${spec.major}`);
    await run('chroot', [rootfs, 'apt-get', 'update', '-qq'], { log });
    await run(
      'chroot',
      [rootfs, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', `postgresql-${spec.major}`, 'gosu'],
      { log },
    );
    copyFileSync(join(__dirname, 'entrypoint.sh'), join(rootfs, 'usr/local/bin/docker-entrypoint.sh'));
    chmodSync(join(rootfs, 'usr/local/bin/docker-entrypoint.sh'), 0o755);
    await chroot('sh', '-c', [
      'set -e',
      'mkdir -p /var/lib/postgresql/data /docker-entrypoint-initdb.d /var/run/postgresql',
      'chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql',
      'chmod 700 /var/lib/postgresql/data',
      // Like the official image: a new cluster listens on every interface of the container.
      `sed -ri "s/^#?(listen_addresses)\\s*=\\s*\\S+.*/\\1 = '*'/" /usr/share/postgresql/${spec.major}/postgresql.conf.sample`,
      `grep -q "^listen_addresses = '\\*'" /usr/share/postgresql/${spec.major}/postgresql.conf.sample`,
      'rm -f /usr/sbin/policy-rc.d',
      'apt-get clean',
      'rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* /usr/share/info/*',
    ].join('\n'));
    const bin = `/usr/lib/postgresql/${spec.major}/bin`;
    const changes = [
      `ENV PATH=${bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
      'ENV PGDATA=/var/lib/postgresql/data',
      'ENV LANG=C.UTF-8',
      `ENV PG_MAJOR=${spec.major}`,
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      'CMD ["postgres"]',
      'EXPOSE 5432',
      'VOLUME /var/lib/postgresql/data',
      `LABEL ${HASH_LABEL}=${hash} pgha.test-image=${spec.suite}-postgresql-${spec.major}`,
    ].flatMap((change) => ['--change', change]);
    say('importing into Docker');
    const tar = spawn('tar', ['-C', rootfs, '--numeric-owner', '-c', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
    tar.stderr.pipe(log, { end: false });
    await run('docker', ['import', ...changes, '-', testImageTag(spec.major)], { log, input: tar.stdout });
  } finally {
    log.end();
    // Keep the log of a failed build for diagnosis; the root file system goes either way.
    rmSync(rootfs, { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
}

async function ensureImage(spec: TestImageSpec, force: boolean): Promise<void> {
  const tag = testImageTag(spec.major);
  const say = (text: string) => console.log(`[${tag}] ${text}`);
  const hash = contentHash(spec);
  if (!force && (await existingHash(tag)) === hash) {
    say('up to date, reused');
    return;
  }
  const started = Date.now();
  await buildImage(spec, hash, say);
  say(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}

function parseArgs(argv: string[]): { majors: number[]; force: boolean } {
  let majors = TEST_IMAGE_SPECS.map((s) => s.major);
  const at = argv.indexOf('--majors');
  if (at >= 0 && argv[at + 1]) majors = argv[at + 1].split(',').map(Number);
  const unknown = majors.filter((m) => !TEST_IMAGE_SPECS.some((s) => s.major === m));
  if (unknown.length) throw new Error(`no test image recipe for major ${unknown.join(', ')}; known: ${TEST_IMAGE_SPECS.map((s) => s.major).join(', ')}`);
  return { majors, force: argv.includes('--force') };
}

async function main(): Promise<number> {
  const { majors, force } = parseArgs(process.argv.slice(2));
  if (!existsSync('/usr/sbin/debootstrap')) {
    console.error('debootstrap is missing: apt-get install debootstrap (the CI provisioning does this)');
    return 1;
  }
  const results = await Promise.allSettled(majors.map((major) => ensureImage(TEST_IMAGE_SPECS.find((s) => s.major === major)!, force)));
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`postgres ${majors[i]}: ${String(r.reason)}`] : []));
  for (const failure of failed) console.error(failure);
  const built = majors.filter((_, i) => results[i].status === 'fulfilled');
  console.log(imageMapValue(built));
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
