/** Test helpers for talking LSP to the real server process (see lspClient.ts). */
export { ensureServerBuilt, repoRoot } from './build';
export { applyWorkspaceEdit, codeActionsOnly } from './edits';
export { cursor, LspTestClient, type StartOptions } from './lspClient';
