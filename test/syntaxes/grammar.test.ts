import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');

describe('syntaxes/pgconf.tmLanguage.json', () => {
  it('passes every vscode-tmgrammar-test case under test/syntaxes', () => {
    const result = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js'),
        '--compact',
        '-g',
        'syntaxes/pgconf.tmLanguage.json',
        'test/syntaxes/**/*.test.pgconf',
      ],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    const output = `${result.stdout}${result.stderr}`;
    assert.strictEqual(result.status, 0, `grammar tests failed:\n${output}`);
    assert.match(output, /settings\.test\.pgconf/, 'the settings cases ran');
    assert.match(output, /strings\.test\.pgconf/, 'the strings cases ran');
  });
});

describe('syntaxes/pgbouncer.tmLanguage.json', () => {
  it('passes every vscode-tmgrammar-test case under test/syntaxes/pgbouncer', () => {
    const unit = path.join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
    const result = spawnSync(process.execPath, [unit, '--compact', '-g', 'syntaxes/pgbouncer.tmLanguage.json', 'test/syntaxes/pgbouncer/*.test.pgbouncer'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    const output = `${result.stdout}${result.stderr}`;
    assert.strictEqual(result.status, 0, `grammar tests failed:\n${output}`);
    assert.match(output, /sections\.test\.pgbouncer/, 'the cases ran');
  });
});
