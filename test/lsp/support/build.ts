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

/** The folders the server bundle is built from. */
const SERVER_SOURCES = ['server/src', 'language', 'core'];

/**
 * The server bundle the tests talk to: $PGHA_LSP_SERVER, or dist/server.js rebuilt with
 * `node scripts/build.mjs` when it is missing or older than its sources (so a test run never uses stale code).
 */
export function ensureServerBuilt(): string {
  const override = process.env.PGHA_LSP_SERVER;
  if (override) return path.resolve(override);
  const bundle = path.join(repoRoot, 'dist', 'server.js');
  const sourceTime = Math.max(...SERVER_SOURCES.map((dir) => newestSourceTime(path.join(repoRoot, dir))));
  const fresh = () => fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= sourceTime;
  if (fresh()) return bundle;
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  // The build bundles client and CLI too; only the server bundle matters here.
  if (!fresh()) {
    throw new Error(`dist/server.js is missing or stale and \`node scripts/build.mjs\` did not rebuild it (exit ${build.status}):\n${build.stdout}${build.stderr}`);
  }
  return bundle;
}
