// `npm test`: type-check, lint, build, then every suite; ends with one line "N passed, N failed".
// Suites: unit (plain Node), lsp (protocol over the real server process), vscode (a real extension host).
// unit and lsp run the TypeScript sources through tsx; the type-check step is tsc -b.
// Set PGHA_STRICT=1 (CI does) to make a suite whose real part is missing fail instead of skip.
// PGHA_SUITES=unit,lsp limits the run; extra arguments are passed to mocha (e.g. --grep).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const countsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-test-')), 'counts.jsonl');
const mochaArgs = process.argv.slice(2);
const only = process.env.PGHA_SUITES?.split(',').filter(Boolean);

const run = (label, command, args, env = {}) => {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, PGHA_TEST_COUNTS: countsFile, ...env } });
  return result.status === 0;
};

const mocha = (suite, globs, extra = []) =>
  run(`suite ${suite}`, process.execPath, [
    'node_modules/mocha/bin/mocha.js',
    '--reporter', 'test/support/countingReporter.js',
    '--require', 'tsx/cjs',
    '--timeout', '60000',
    ...extra,
    ...mochaArgs,
    ...globs,
  ], { PGHA_SUITE: suite });

const steps = [
  ['typecheck', () => run('type-check', process.execPath, ['node_modules/typescript/bin/tsc', '-b'])],
  ['lint', () => run('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.'])],
  ['build', () => run('build', process.execPath, ['scripts/build.mjs'])],
  ['unit', () => mocha('unit', ['test/core/**/*.test.ts', 'test/language/**/*.test.ts', 'test/cluster/**/*.test.ts', 'test/client/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/scripts/**/*.test.ts', 'test/syntaxes/**/*.test.ts', 'test/hostile/*.test.ts', 'test/hostile/big/*.native.test.ts', 'test/hostile/big/*.docker.test.ts'])],
  ['lsp', () => mocha('lsp', ['test/lsp/**/*.test.ts'])],
  ['vscode', () => run('suite vscode (real extension host)', process.execPath, ['out/test/vscode/runner/run.js'], { PGHA_SUITE: 'vscode' })],
];

let stepFailures = 0;
for (const [name, step] of steps) {
  const always = ['typecheck', 'build'].includes(name);
  if (only && !always && !only.includes(name)) continue;
  if (!step()) {
    stepFailures++;
    console.error(`*** step ${name} failed`);
    if (name === 'typecheck' || name === 'build') break;
  }
}

let passed = 0, failed = 0, skipped = 0;
if (fs.existsSync(countsFile)) {
  for (const line of fs.readFileSync(countsFile, 'utf8').split('\n').filter(Boolean)) {
    const c = JSON.parse(line);
    passed += c.passes; failed += c.failures; skipped += c.pending;
  }
}
// A failed step without failing tests (lint, a crashed runner) still counts as a failure.
if (stepFailures > 0 && failed === 0) failed = stepFailures;
// Strict mode (CI): nothing may be skipped — a skipped test is a real part missing or a check not made.
const strict = process.env.PGHA_STRICT === '1' || process.env.CI === 'true';
if (strict && skipped > 0) {
  console.error(`*** strict mode: ${skipped} test(s) skipped; each must run (requirePart fails instead of skipping)`);
  failed += skipped;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = stepFailures > 0 || failed > 0 ? 1 : 0;
