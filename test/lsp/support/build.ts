import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The folders each bundle is built from. */
const SOURCES = { server: ['server/src', 'language', 'core'], cli: ['cli', 'cluster', 'language', 'core'] };

/**
 * A bundle the tests run as a process: dist/<name>.js rebuilt with `node scripts/build.mjs` when it is missing
 * or older than its sources (so a test run never uses stale code).
 */
function ensureBuilt(name: keyof typeof SOURCES): string {
  const bundle = path.join(repoRoot, 'dist', `${name}.js`);
  const sourceTime = Math.max(...SOURCES[name].map((dir) => newestSourceTime(path.join(repoRoot, dir))));
  const fresh = () => fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= sourceTime;
  if (fresh()) return bundle;
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  // The build bundles every entry point; only this one matters here.
  if (!fresh()) {
    throw new Error(`dist/${name}.js is missing or stale and \`node scripts/build.mjs\` did not rebuild it (exit ${build.status}):\n${build.stdout}${build.stderr}`);
  }
  return bundle;
}

/** The server bundle the tests talk to: $PGHA_LSP_SERVER, or dist/server.js (rebuilt when stale). */
export function ensureServerBuilt(): string {
  const override = process.env.PGHA_LSP_SERVER;
  return override ? path.resolve(override) : ensureBuilt('server');
}

/** The CLI bundle (dist/cli.js, what bin/pgha.js runs), rebuilt when stale. */
export const ensureCliBuilt = (): string => ensureBuilt('cli');
