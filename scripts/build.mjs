// Bundles the client, the server and the CLI with esbuild (vscode stays external).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'fs';
import { createRequire } from 'module';
import * as path from 'path';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  // *.node: ssh2 (under dockerode) tries an optional native addon inside try/catch and falls back to JS.
  external: ['vscode', 'pg-native', 'cpu-features', '*.node'],
  logLevel: 'info',
  define: { 'process.env.PGHA_VERSION': JSON.stringify(version) },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['cli/pgha.ts'], outfile: 'dist/cli.js' },
];

// PostgreSQL's SQL parser (libpg-query) loads its WebAssembly from beside the bundle that requires it.
const require = createRequire(import.meta.url);
mkdirSync(new URL('../dist', import.meta.url), { recursive: true });
copyFileSync(path.join(path.dirname(require.resolve('libpg-query')), 'libpg-query.wasm'), new URL('../dist/libpg-query.wasm', import.meta.url));

if (watch) {
  for (const entry of entries) await (await esbuild.context({ ...common, ...entry })).watch();
} else {
  await Promise.all(entries.map((entry) => esbuild.build({ ...common, ...entry })));
}
