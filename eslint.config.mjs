import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', '.test-tmp/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Cores stay free of the vscode API so the CLI and plain Node tests can use them.
    files: ['language/**/*.ts', 'server/**/*.ts', 'cli/**/*.ts', 'client/src/cluster/**/*.ts', 'client/src/monitor/**/*.ts', 'client/src/failover/**/*.ts', 'client/src/wizard/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'cores must not depend on the VS Code API' }] }] },
  },
);
