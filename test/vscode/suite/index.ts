/**
 * Entry point VS Code loads as extensionTestsPath: runs every out/test/vscode/suite/**\/*.test.js with
 * mocha inside the real extension host. Output goes through console (code-server forwards it to the
 * runner); the counts go to $PGHA_VSCODE_COUNTS_FILE when the host sees that variable, and always
 * as one COUNTS_MARKER line the runner can parse.
 */
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as vscode from 'vscode';
import { strict } from '../../support/parts';
import { COUNTS_MARKER, hostLog } from '../hostLog';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return testFiles(full);
      return entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

class ConsoleCountingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      const line = JSON.stringify({ suite: 'vscode', passes, failures, pending });
      console.log(COUNTS_MARKER + line);
      const file = process.env.PGHA_VSCODE_COUNTS_FILE;
      if (file) fs.writeFileSync(file, line + '\n');
    });
  }
}

export async function run(): Promise<void> {
  hostLog(`VS Code ${vscode.version} (${vscode.env.appName}, host ${vscode.env.appHost}, ui ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'})`);
  // The runner's environment reaches this host through code-server; strict mode must too.
  hostLog(`strict mode: ${strict ? 'on' : 'off'}; counts file: ${process.env.PGHA_VSCODE_COUNTS_FILE ? 'set' : 'not set'}`);
  Mocha.reporters.Base.useColors = false;
  Mocha.reporters.Base.consoleLog = hostLog; // the host's console joins arguments without formatting them
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: ConsoleCountingReporter });
  const grep = process.env.PGHA_VSCODE_GREP;
  if (grep) mocha.grep(grep);
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} VS Code test(s) failed`);
}
