/**
 * Builds one test image: a Debian root file system (debootstrap --variant=minbase, shared per suite and
 * kept as a tarball for a day), the spec's packages installed in a chroot, our entrypoint, `docker import`.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './process';
import { specTag, type ImageSpec } from './specs';

export const HASH_LABEL = 'pgha.test-image.hash';
const WORK_ROOT = '/var/tmp/pgha-images';
const BASE_MAX_AGE_MS = 24 * 3600 * 1000;

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The Debian mirror this machine's apt uses (first non-security URI), so the build needs no other network;
 * undefined when none is configured (debootstrap then uses its own default).
 */
export function debianMirror(): string | undefined {
  const sources = [readOrEmpty('/etc/apt/sources.list')];
  try {
    for (const name of readdirSync('/etc/apt/sources.list.d')) {
      if (name.endsWith('.list') || name.endsWith('.sources')) sources.push(readOrEmpty(join('/etc/apt/sources.list.d', name)));
    }
  } catch {
    /* no sources.list.d */
  }
  for (const text of sources) {
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (trimmed.startsWith('#')) continue;
      const uri = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/.exec(trimmed)?.[1] ?? /^URIs:\s*(\S+)/i.exec(trimmed)?.[1];
      if (uri && /\/debian\/?$/.test(uri)) return uri.replace(/\/$/, '');
    }
  }
  return undefined;
}

/** Hash of everything that goes into an image: the recipe, the scripts copied in, and the builder's own code
 * (not the names mapped onto it: the map changes nothing inside). */
export function contentHash(spec: ImageSpec): string {
  const hash = createHash('sha256');
  for (const file of [...Object.values(spec.scripts), 'rootfs.ts']) hash.update(readFileSync(join(__dirname, file)));
  const { officialNames: _names, optional: _optional, ...recipe } = spec;
  hash.update(JSON.stringify(recipe));
  return hash.digest('hex').slice(0, 16);
}

/** Per-run memo of the base tarball of each suite (created by the caller, so no module state). */
export type BaseCache = Map<string, Promise<string>>;

async function buildBase(suite: string, say: (text: string) => void): Promise<string> {
  const tarball = join(WORK_ROOT, `base-${suite}.tar`);
  if (existsSync(tarball) && Date.now() - statSync(tarball).mtimeMs < BASE_MAX_AGE_MS) return tarball;
  const dir = join(WORK_ROOT, `base-${suite}-${process.pid}-${Date.now()}`);
  const rootfs = join(dir, 'rootfs');
  mkdirSync(rootfs, { recursive: true });
  const log = createWriteStream(join(dir, 'build.log'));
  try {
    const mirror = debianMirror();
    say(`debootstrap ${suite} from ${mirror ?? "debootstrap's default mirror"} (log: ${dir}/build.log)`);
    await run('debootstrap', ['--variant=minbase', suite, rootfs, ...(mirror ? [mirror] : [])], { log });
    await run('tar', ['-C', rootfs, '--numeric-owner', '-cf', `${tarball}.${process.pid}`, '.'], { log });
    renameSync(`${tarball}.${process.pid}`, tarball);
  } finally {
    log.end();
    rmSync(rootfs, { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
  return tarball;
}

export function baseTarball(suite: string, cache: BaseCache, say: (text: string) => void): Promise<string> {
  let pending = cache.get(suite);
  if (!pending) {
    pending = buildBase(suite, say);
    cache.set(suite, pending);
  }
  return pending;
}

function installScript(name: string, file: string, rootfs: string): void {
  const target = join(rootfs, 'usr/local/bin', name);
  copyFileSync(join(__dirname, file), target);
  chmodSync(target, 0o755);
}

async function installPackages(spec: ImageSpec, rootfs: string, log: NodeJS.WritableStream): Promise<void> {
  // Keep package scripts from starting a service or creating a default cluster inside the build.
  writeFileSync(join(rootfs, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n');
  chmodSync(join(rootfs, 'usr/sbin/policy-rc.d'), 0o755);
  mkdirSync(join(rootfs, 'etc/postgresql-common'), { recursive: true });
  writeFileSync(join(rootfs, 'etc/postgresql-common/createcluster.conf'), 'create_main_cluster = false\n');
  await run('chroot', [rootfs, 'apt-get', 'update', '-qq'], { log });
  const install = ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...spec.packages];
  await run('chroot', [rootfs, ...install], { log });
  const version = (await run('chroot', [rootfs, 'dpkg-query', '-W', '-f', '${Version}', spec.versionPackage], { log })).trim().split('\n').pop() ?? '';
  const upstream = version.replace(/^\d+:/, '');
  if (spec.program !== 'postgres' && !upstream.startsWith(`${spec.version}.`)) {
    throw new Error(`${spec.suite} has ${spec.versionPackage} ${version}, not ${spec.version}.x: update the spec`);
  }
}

async function importRootfs(spec: ImageSpec, hash: string, rootfs: string, log: NodeJS.WritableStream): Promise<void> {
  const changes = [...spec.changes, `LABEL ${HASH_LABEL}=${hash} pgha.test-image=${spec.suite}-${spec.program}-${spec.version}`].flatMap((c) => ['--change', c]);
  const tar = spawn('tar', ['-C', rootfs, '--numeric-owner', '-c', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
  tar.stderr.pipe(log, { end: false });
  await run('docker', ['import', ...changes, '-', specTag(spec)], { log, input: tar.stdout });
}

export async function buildImage(spec: ImageSpec, hash: string, cache: BaseCache, say: (text: string) => void): Promise<void> {
  const base = await baseTarball(spec.suite, cache, say);
  const dir = join(WORK_ROOT, `${spec.program}-${spec.version}-${hash}-${process.pid}`);
  const rootfs = join(dir, 'rootfs');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(rootfs, { recursive: true });
  const logPath = join(dir, 'build.log');
  const log = createWriteStream(logPath);
  try {
    await run('tar', ['-C', rootfs, '--numeric-owner', '-xpf', base], { log });
    say(`installing ${spec.packages.join(' ')} (log: ${logPath})`);
    await installPackages(spec, rootfs, log);
    for (const [name, file] of Object.entries(spec.scripts)) installScript(name, file, rootfs);
    await run('chroot', [rootfs, 'sh', '-c', ['set -e', ...spec.setup].join('\n')], { log });
    say('importing into Docker');
    await importRootfs(spec, hash, rootfs, log);
  } finally {
    log.end();
    // Keep the log of a failed build for diagnosis; the root file system goes either way.
    rmSync(rootfs, { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
}
