// `npm run package`: production bundles, then pgha-<version>.vsix with @vscode/vsce, offline (no
// dependency listing: esbuild inlined every dependency), then a check of size and contents.
// vsce runs in a staging folder holding only the top-level entries below (.vscodeignore still
// decides what goes in); in the repository it would walk node_modules and .cache (7 s instead of 1).
// --out <file> writes the VSIX elsewhere (the VS Code test runner installs it into code-server).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : `pgha-${version}.vsix`);
const MAX_BYTES = 2 * 1024 * 1024;
const STAGED = ['package.json', '.vscodeignore', 'dist', 'data', 'syntaxes', 'snippets', 'images', 'README.md', 'CHANGELOG.md', 'LICENSE'];
const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');

const fail = (message) => {
  console.error(`package: ${message}`);
  process.exit(1);
};
const step = (label, args, cwd = root) => {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd });
  if (result.status !== 0) fail(`${label} failed (exit ${result.status})`);
};

/** Entry names of a zip file, from its central directory (no unzip tool needed). */
function zipEntries(file) {
  const zip = fs.readFileSync(file);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) fail(`${file} is not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

step('production build', ['scripts/build.mjs', '--production']);
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-package-'));
try {
  for (const entry of STAGED) if (fs.existsSync(entry)) fs.cpSync(entry, path.join(stage, entry), { recursive: true });
  step('vsce package', [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], stage);
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}

// What went in: bundles, grammars, snippets, data, docs; never sources, tests, node_modules or caches.
const files = zipEntries(out)
  .filter((name) => name.startsWith('extension/'))
  .map((name) => name.slice('extension/'.length));
const forbidden = files.filter((f) => /^(client|server|cli|scripts|test|node_modules|out|\.cache|\.ci|\.vscode|examples)\//.test(f) || /\.(ts|map)$/.test(f));
const required = ['package.json', 'dist/client.js', 'dist/server.js', 'data/catalog.json', 'readme.md', 'changelog.md', 'LICENSE.txt'];
const absent = required.filter((f) => !files.includes(f));
const size = fs.statSync(out).size;
console.log(`package: ${out.startsWith(root + path.sep) ? path.relative(root, out) : out} — ${(size / 1024).toFixed(0)} KiB, ${files.length} files`);
if (size > MAX_BYTES) fail(`the VSIX is ${size} bytes, over the 2 MB budget`);
if (forbidden.length) fail(`it holds files that must stay out (fix .vscodeignore): ${forbidden.join(', ')}`);
if (absent.length) fail(`it lacks ${absent.join(', ')}`);
