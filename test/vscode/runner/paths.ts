import * as fs from 'fs';
import * as path from 'path';

/** Folders the runner works with; compiled to out/test/vscode/runner, so the repository is four levels up. */
export const repoRoot = path.resolve(__dirname, '../../../..');
export const codeServerVersion = process.env.PGHA_CODE_SERVER_VERSION ?? '4.100.3';
export const codeServerPackage = path.join(repoRoot, '.cache/code-server/node_modules/code-server');
export const codeServerEntry = path.join(codeServerPackage, 'out/node/entry.js');
export const codeServerProvisionScript = path.join(repoRoot, '.ci/provision/50-code-server.sh');
export const chromiumPath = process.env.PGHA_CHROMIUM ?? '/usr/bin/chromium';
export const fixtureWorkspace = path.join(repoRoot, 'test/vscode/workspace');
export const suiteIndex = path.join(repoRoot, 'out/test/vscode/suite/index.js');
export const vsixProbeExtension = path.join(repoRoot, 'test/vscode/vsixProbe');
export const vsixProbeIndex = path.join(repoRoot, 'out/test/vscode/vsixProbe/index.js');

/** Version of the VS Code inside code-server, read from its files (no process needed). */
export function bundledVsCodeVersion(): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(codeServerPackage, 'lib/vscode/package.json'), 'utf8')) as { version?: string };
    return manifest.version;
  } catch {
    return undefined;
  }
}

export function installedCodeServerVersion(): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(codeServerPackage, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}
