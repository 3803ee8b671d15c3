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
  restrict(['core/**/*.ts', 'language/**/*.ts'], [], 'vscode', 'dockerode', 'lsp', 'lspNode'),
  restrictWithBackends(['cli/**/*.ts'], 'vscode', 'dockerode', 'lsp', 'lspNode'),
  restrict(['cluster/**/*.ts'], ['cluster/runtime/docker/**/*.ts'], 'vscode', 'dockerode', 'lsp', 'lspNode'),
  restrict(['cluster/runtime/docker/**/*.ts'], [], 'vscode', 'lsp', 'lspNode'),
  restrict(['server/**/*.ts'], [], 'vscode', 'dockerode'),
  restrictWithBackends(['client/**/*.ts'], 'dockerode', 'lsp', 'lspNode'),
);
