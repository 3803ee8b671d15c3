import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Which folder may import which outside dependency: `vscode` only in the extension (client/ and its tests),
// `dockerode` only in the Docker runtime, `vscode-languageserver` (the LSP connection) only in the LSP server.
const banned = {
  vscode: { name: 'vscode', message: 'only the extension (client/) may use the VS Code API' },
  dockerode: { name: 'dockerode', message: 'only the Docker runtime (cluster/runtime/docker/) may use dockerode' },
  lsp: { name: 'vscode-languageserver', message: 'only the LSP server (server/) may use the LSP connection' },
  lspNode: { name: 'vscode-languageserver/node', message: 'only the LSP server (server/) may use the LSP connection' },
};
// The extension and the CLI reach a backend only through the runtime registry (cluster/runtime/index.ts).
const backendInternals = {
  regex: 'cluster/runtime/(docker|native)(/|$)',
  message: 'use the runtime registry (cluster/runtime/index.ts), not a backend directly',
};
const restrict = (files, ignores, ...names) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { paths: names.map((n) => banned[n]) }] },
});
const restrictWithBackends = (files, ...names) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths: names.map((n) => banned[n]), patterns: [backendInternals] }] },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', '.test-tmp/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Size: no file over 400 lines; in the product's own code no function over ~60 lines (a longer one says why
  // next to an eslint-disable comment). Tests and tools are exempt from the function limit.
  { files: ['**/*.ts'], rules: { 'max-lines': ['error', { max: 400 }] } },
  {
    files: ['core/**/*.ts', 'language/**/*.ts', 'cluster/**/*.ts', 'cli/**/*.ts', 'server/**/*.ts', 'client/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 65, skipBlankLines: true, skipComments: true }] },
  },
  restrict(['core/**/*.ts', 'language/**/*.ts'], [], 'vscode', 'dockerode', 'lsp', 'lspNode'),
  restrictWithBackends(['cli/**/*.ts'], 'vscode', 'dockerode', 'lsp', 'lspNode'),
  restrict(['cluster/**/*.ts'], ['cluster/runtime/docker/**/*.ts'], 'vscode', 'dockerode', 'lsp', 'lspNode'),
  restrict(['cluster/runtime/docker/**/*.ts'], [], 'vscode', 'lsp', 'lspNode'),
  restrict(['server/**/*.ts'], [], 'vscode', 'dockerode'),
  restrictWithBackends(['client/**/*.ts'], 'dockerode', 'lsp', 'lspNode'),
);
