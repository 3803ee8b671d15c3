/**
 * Runs an extension test entry point inside code-server (VS Code in the browser, extension host in
 * Node on this machine) driven by headless chromium through playwright-core. The workbench reports
 * the extension host's console through window.codeAutomationLog and the test result through
 * window.codeAutomationExit; both must be exposed before the page loads.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium } from 'playwright-core';
import { waitFor } from '../../support/waitFor';
import { chromiumPath, codeServerEntry } from './paths';

export interface CodeServerRun {
  label: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  /** Folder to open (copied into a temp folder first, so tests may edit it). */
  workspace: string;
  /** VSIX to install into the fresh extensions folder before starting. */
  installVsix?: string;
  env?: Record<string, string>;
  timeoutMs: number;
  /** Called with every line the extension host prints. */
  onLog(line: string): void;
}

export interface CodeServerResult {
  exitCode: number;
  /** Server and browser output, for diagnosing a failed run. */
  diagnostics: string[];
}

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** HOME and XDG_* in the temp folder, so code-server never writes into the real home. */
function isolatedEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local/state'),
    // No extension gallery: the workbench would otherwise query open-vsx.org (tests stay on loopback).
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig); // the whole group: code-server, extension host, language server
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') signal('SIGKILL');
}

export async function runInCodeServer(run: CodeServerRun): Promise<CodeServerResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-vscode-'));
  const dirs = {
    home: path.join(tmp, 'home'),
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    browserProfile: path.join(tmp, 'chromium'),
    workspace: path.join(tmp, 'workspace'),
  };
  Object.values(dirs).forEach((dir) => fs.mkdirSync(dir, { recursive: true }));
  fs.cpSync(run.workspace, dirs.workspace, { recursive: true });
  // Defaults that keep the workbench quiet and deterministic.
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User/settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'update.mode': 'none',
    }),
  );
  const env = isolatedEnv(dirs.home, run.env);
  const diagnostics: string[] = [];
  const startedAt = Date.now();
  const milestone = (what: string) => {
    const line = `[runner +${((Date.now() - startedAt) / 1000).toFixed(1)} s] ${what}`;
    diagnostics.push(line);
    if (process.env.PGHA_VSCODE_VERBOSE) console.log(line);
  };
  const baseArgs = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  if (run.installVsix) {
    const install = spawnSync(process.execPath, [codeServerEntry, ...baseArgs, '--install-extension', run.installVsix], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const output = `${install.stdout ?? ''}${install.stderr ?? ''}`.trim();
    console.log(`code-server --install-extension ${path.basename(run.installVsix)}: ${output.split('\n').pop()}`);
    if (install.status !== 0) return { exitCode: 1, diagnostics: [output] };
  }

  const port = await freePort();
  const server = spawn(
    process.execPath,
    [
      codeServerEntry,
      ...baseArgs,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout!.on('data', (chunk: Buffer) => diagnostics.push(`[code-server] ${chunk.toString().trimEnd()}`));
  server.stderr!.on('data', (chunk: Buffer) => diagnostics.push(`[code-server] ${chunk.toString().trimEnd()}`));

  const browser = { close: async () => {} };
  try {
    await waitFor(
      async () => {
        if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}`);
        const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        return response?.ok;
      },
      'code-server to answer on /healthz',
      30_000,
      100,
    );
    milestone('code-server answers');
    const context = await chromium.launchPersistentContext(dirs.browserProfile, {
      executablePath: chromiumPath,
      headless: true,
      args: CHROMIUM_FLAGS,
      timeout: 30_000,
    });
    browser.close = () => context.close();
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => diagnostics.push(`[page error] ${error.message}`));
    page.on('requestfailed', (request) => milestone(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`));
    page.on('console', (message) => {
      if (message.type() === 'error') diagnostics.push(`[browser console] ${message.text()}`);
    });
    let reportExit: (code: number) => void = () => {};
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationLog', (_level: string, message: unknown) => {
      for (const line of String(message).split('\n')) run.onLog(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));

    const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(run.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(run.extensionTestsPath)],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    milestone('chromium started');
    // Generous: on a loaded machine (8 engineers on 2 cores) the workbench takes well over 30 s to load.
    await page.goto(url, { timeout: 120_000 });
    milestone('workbench page loaded');
    const timedOut = new Promise<number>((resolve) =>
      setTimeout(() => {
        diagnostics.push(`[runner] ${run.label}: no result from the extension host after ${run.timeoutMs} ms`);
        resolve(1);
      }, run.timeoutMs).unref(),
    );
    const exitCode = await Promise.race([exited, timedOut]);
    milestone(`extension host reported exit code ${exitCode}`);
    return { exitCode, diagnostics };
  } catch (error) {
    diagnostics.push(`[runner] ${run.label}: ${error instanceof Error ? error.message : String(error)}`);
    return { exitCode: 1, diagnostics };
  } finally {
    await browser.close().catch(() => undefined);
    await stopProcessGroup(server);
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }
}
