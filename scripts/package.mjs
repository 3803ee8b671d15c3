// `npm run package`: production bundles, then pgha-<version>.vsix with @vscode/vsce (offline: no
// dependency listing, everything is bundled), then a check of size and contents.
// --out <file> writes the VSIX elsewhere (the VS Code test runner installs it into code-server).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : `pgha-${version}.vsix`);
const MAX_BYTES = 2 * 1024 * 1024;

const step = (label, args) => {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`package: ${label} failed (exit ${result.status})`);
    process.exit(1);
  }
};

step('production build', ['scripts/build.mjs', '--production']);
step('vsce package', ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--out', out]);

// What went in: bundles, grammars, snippets, data, docs; never sources, tests, node_modules or caches.
const listing = spawnSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8' });
const files = listing.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
const forbidden = files.filter((f) => /^(client|server|cli|scripts|test|node_modules|out|\.cache|\.ci|\.vscode|examples)\//.test(f) || /\.ts$/.test(f));
const required = ['package.json', 'dist/client.js', 'dist/server.js', 'data/catalog.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];
const absent = required.filter((f) => !files.includes(f));
const size = fs.statSync(out).size;
console.log(`package: ${path.relative(root, out) || out} — ${(size / 1024).toFixed(0)} KiB, ${files.length} files`);
const problems = [
  ...(size > MAX_BYTES ? [`the VSIX is ${size} bytes, over the 2 MB budget`] : []),
  ...(forbidden.length ? [`it holds files that must stay out (fix .vscodeignore): ${forbidden.join(', ')}`] : []),
  ...(absent.length ? [`it lacks ${absent.join(', ')}`] : []),
];
if (problems.length) {
  problems.forEach((p) => console.error(`package: ${p}`));
  process.exit(1);
}
