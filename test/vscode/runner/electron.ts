import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Runs the suites in a desktop VS Code given by PGHA_VSCODE_EXECUTABLE through @vscode/test-electron. */
export async function runInElectron(options: {
  executable: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  workspace: string;
  countsFile: string;
}): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-electron-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(options.workspace, workspace, { recursive: true });
  try {
    return await runTests({
      vscodeExecutablePath: options.executable,
      extensionDevelopmentPath: options.extensionDevelopmentPath,
      extensionTestsPath: options.extensionTestsPath,
      extensionTestsEnv: { PGHA_VSCODE_COUNTS_FILE: options.countsFile },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(tmp, 'user-data')],
    });
  } catch (error) {
    console.error(`VS Code run failed: ${String(error)}`);
    return 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }
}
