// Bundles the client, the server and the CLI with esbuild (vscode stays external).
import * as esbuild from 'esbuild';
import { readFileSync } from 'fs';

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

if (watch) {
  for (const entry of entries) await (await esbuild.context({ ...common, ...entry })).watch();
} else {
  await Promise.all(entries.map((entry) => esbuild.build({ ...common, ...entry })));
}
