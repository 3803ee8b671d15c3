/**
 * The "vscode" suite of npm test: mocha suites inside a real VS Code extension host.
 * - PGHA_VSCODE_EXECUTABLE=<desktop VS Code>: @vscode/test-electron.
 * - otherwise code-server (installed on demand into .cache/code-server) driven by headless chromium.
 * Then the VSIX is packaged and checked (scripts/package.mjs), and installed into a fresh code-server and
 * checked from inside: always in strict mode, locally only with PGHA_VSCODE_VSIX=1 (it adds ~20 s).
 * PGHA_VSCODE_VSIX=0 skips both.
 * Appends one counts line per phase to $PGHA_TEST_COUNTS. A missing code-server/chromium skips,
 * or fails in strict mode (PGHA_STRICT=1 / CI=true).
 * Other knobs: PGHA_VSCODE_GREP (mocha grep), PGHA_VSCODE_VERBOSE=1 (workbench log and timings),
 * PGHA_VSCODE_TIMEOUT_MS, PGHA_CHROMIUM, PGHA_CODE_SERVER_VERSION, PGHA_VSCODE_INSTALL=0 (no on-demand install).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strict } from '../../support/parts';
import { runInCodeServer } from './codeServer';
import { runInElectron } from './electron';
import { COUNTS_MARKER, HOST_LINE_PREFIX } from '../hostLog';
import * as paths from './paths';

interface Counts {
  suite: string;
  passes: number;
  failures: number;
  pending: number;
}

function recordCounts(counts: Counts): void {
  const file = process.env.PGHA_TEST_COUNTS;
  if (file) fs.appendFileSync(file, JSON.stringify(counts) + '\n');
}

/** Why code-server or chromium cannot be used, after trying to install code-server; undefined when both are there. */
function whyPartsMissing(): string | undefined {
  if (!fs.existsSync(paths.chromiumPath)) return `chromium not found at ${paths.chromiumPath} (apt-get install chromium, or set PGHA_CHROMIUM)`;
  if (paths.installedCodeServerVersion() !== paths.codeServerVersion && process.env.PGHA_VSCODE_INSTALL !== '0') {
    console.log(`code-server ${paths.codeServerVersion} is not in .cache/code-server; installing it (${paths.codeServerProvisionScript})`);
    const install = spawnSync('bash', [paths.codeServerProvisionScript], { stdio: 'inherit', timeout: 10 * 60_000 });
    if (install.status !== 0) return `installing code-server failed (exit ${install.status}); run bash ${paths.codeServerProvisionScript}`;
  }
  if (!fs.existsSync(paths.codeServerEntry)) return `code-server is not installed (bash ${paths.codeServerProvisionScript})`;
  return undefined;
}

function missingBuildOutputs(): string[] {
  const needed = [path.join(paths.repoRoot, 'dist/client.js'), path.join(paths.repoRoot, 'dist/server.js'), paths.suiteIndex, paths.vsixProbeIndex];
  return needed.filter((file) => !fs.existsSync(file));
}

/** Runs one code-server phase, echoing the extension host's console and collecting its counts line. */
async function codeServerPhase(
  label: string,
  suite: string,
  options: { extensionDevelopmentPath: string; extensionTestsPath: string; installVsix?: string },
): Promise<Counts> {
  const started = Date.now();
  let counts: Counts | undefined;
  const countsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-counts-')), 'counts.json');
  const result = await runInCodeServer({
    label,
    ...options,
    workspace: paths.fixtureWorkspace,
    env: { PGHA_VSCODE_COUNTS_FILE: countsFile, ...(process.env.PGHA_VSCODE_GREP ? { PGHA_VSCODE_GREP: process.env.PGHA_VSCODE_GREP } : {}) },
    // Bounds the whole run; each test has its own mocha timeout. Other suites here start real containers.
    timeoutMs: Number(process.env.PGHA_VSCODE_TIMEOUT_MS ?? 15 * 60_000),
    onLog: (line) => {
      const ours = line.startsWith(HOST_LINE_PREFIX);
      const text = ours ? line.slice(HOST_LINE_PREFIX.length) : line;
      const marker = text.indexOf(COUNTS_MARKER);
      if (marker >= 0) {
        try {
          counts = JSON.parse(text.slice(marker + COUNTS_MARKER.length)) as Counts;
        } catch {
          // not our line
        }
        return;
      }
      const stamp = process.env.PGHA_VSCODE_VERBOSE ? `${new Date().toISOString().slice(11, 23)} ` : '';
      if (ours) console.log(`  ${stamp}${text}`);
      else if (process.env.PGHA_VSCODE_VERBOSE) console.log(`  ${stamp}[workbench] ${text}`);
    },
  });
  if (!counts && fs.existsSync(countsFile)) counts = JSON.parse(fs.readFileSync(countsFile, 'utf8')) as Counts;
  fs.rmSync(path.dirname(countsFile), { recursive: true, force: true });
  if (result.exitCode !== 0 || !counts) {
    console.log(result.diagnostics.slice(-40).join('\n'));
  }
  console.log(`${label}: exit ${result.exitCode} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const reported: Counts = counts ? { ...counts, suite } : { suite, passes: 0, failures: 1, pending: 0 };
  if (result.exitCode !== 0 && reported.failures === 0) reported.failures = 1; // crashed or timed out after the tests
  return reported;
}

/** Builds the VSIX into a temp folder with the same script as npm run package; restores the development build after. */
function packageVsix(): string | undefined {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-vsix-')), 'pgha.vsix');
  const pack = spawnSync(process.execPath, [path.join(paths.repoRoot, 'scripts/package.mjs'), '--out', out], {
    cwd: paths.repoRoot,
    stdio: 'inherit',
    timeout: 5 * 60_000,
  });
  spawnSync(process.execPath, [path.join(paths.repoRoot, 'scripts/build.mjs')], { cwd: paths.repoRoot, stdio: 'ignore', timeout: 5 * 60_000 });
  return pack.status === 0 && fs.existsSync(out) ? out : undefined;
}

async function main(): Promise<number> {
  const started = Date.now();
  const missing = missingBuildOutputs();
  if (missing.length > 0) {
    console.error(`missing build outputs (run npx tsc -b && npm run build): ${missing.join(', ')}`);
    recordCounts({ suite: 'vscode', passes: 0, failures: 1, pending: 0 });
    return 1;
  }

  const executable = process.env.PGHA_VSCODE_EXECUTABLE;
  if (executable) {
    console.log(`VS Code: ${executable} (@vscode/test-electron)`);
    const countsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-counts-')), 'counts.json');
    const code = await runInElectron({
      executable,
      extensionDevelopmentPath: paths.repoRoot,
      extensionTestsPath: paths.suiteIndex,
      workspace: paths.fixtureWorkspace,
      countsFile,
    });
    const counts: Counts = fs.existsSync(countsFile)
      ? (JSON.parse(fs.readFileSync(countsFile, 'utf8')) as Counts)
      : { suite: 'vscode', passes: 0, failures: 1, pending: 0 };
    recordCounts(counts);
    return code === 0 && counts.failures === 0 ? 0 : 1;
  }

  const why = whyPartsMissing();
  if (why) {
    const message = `real VS Code is not available: ${why}`;
    if (strict) {
      console.error(`${message} (strict mode: a missing real part fails)`);
      recordCounts({ suite: 'vscode', passes: 0, failures: 1, pending: 0 });
      return 1;
    }
    console.warn(`skipped: ${message}`);
    recordCounts({ suite: 'vscode', passes: 0, failures: 0, pending: 1 });
    return 0;
  }
  console.log(`VS Code ${paths.bundledVsCodeVersion()} (code-server ${paths.installedCodeServerVersion()}, chromium ${paths.chromiumPath})`);

  const all: Counts[] = [];
  all.push(
    await codeServerPhase('extension tests in code-server', 'vscode', {
      extensionDevelopmentPath: paths.repoRoot,
      extensionTestsPath: paths.suiteIndex,
    }),
  );
  // The VSIX is always built and checked (size, contents: 5 s); installing it into code-server adds ~20 s.
  if (process.env.PGHA_VSCODE_VSIX !== '0') {
    const vsix = packageVsix();
    const install = process.env.PGHA_VSCODE_VSIX === '1' || strict;
    if (!vsix) {
      all.push({ suite: 'vscode-vsix', passes: 0, failures: 1, pending: 0 });
    } else if (!install) {
      console.log('VSIX built and checked; installing it into code-server is skipped locally (PGHA_VSCODE_VSIX=1 or strict mode runs it)');
      all.push({ suite: 'vscode-vsix', passes: 1, failures: 0, pending: 1 });
    } else {
      all.push(
        await codeServerPhase('installed VSIX in code-server', 'vscode-vsix', {
          extensionDevelopmentPath: paths.vsixProbeExtension,
          extensionTestsPath: paths.vsixProbeIndex,
          installVsix: vsix,
        }),
      );
    }
    if (vsix) fs.rmSync(path.dirname(vsix), { recursive: true, force: true });
  }
  all.forEach(recordCounts);
  const failures = all.reduce((sum, c) => sum + c.failures, 0);
  console.log(`vscode suites: ${all.map((c) => `${c.suite} ${c.passes} passed, ${c.failures} failed, ${c.pending} pending`).join('; ')} — ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    recordCounts({ suite: 'vscode', passes: 0, failures: 1, pending: 0 });
    process.exit(1);
  },
);
