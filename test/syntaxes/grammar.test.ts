import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');

/** Each grammar with the case files that must have run. */
const GRAMMARS = [
  { language: 'pgconf', cases: ['settings', 'strings'] },
  { language: 'pghba', cases: ['lines'] },
  { language: 'pgident', cases: ['maps'] },
  { language: 'pgbouncer', cases: ['sections'] },
];

for (const { language, cases } of GRAMMARS) {
  describe(`syntaxes/${language}.tmLanguage.json`, () => {
    it('passes every vscode-tmgrammar-test case under test/syntaxes', () => {
      const result = spawnSync(
        process.execPath,
        [
          path.join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js'),
          '--compact',
          '-g',
          `syntaxes/${language}.tmLanguage.json`,
          `test/syntaxes/**/*.test.${language}`,
        ],
        { cwd: root, encoding: 'utf8', timeout: 60_000 },
      );
      const output = `${result.stdout}${result.stderr}`;
      assert.strictEqual(result.status, 0, `grammar tests failed:\n${output}`);
      for (const name of cases) assert.match(output, new RegExp(`${name}\\.test\\.${language}`), `the ${name} cases ran`);
    });
  });
}
