/**
 * Test helpers for talking LSP to the real server process (dist/server.js, rebuilt when stale).
 *
 *   const client = await LspTestClient.start({ transport: 'stdio', initializationOptions: { pgha: { postgresVersion: 16 } } });
 *   const { text, position } = cursor('wal_level = |\n');
 *   await client.open('file:///x/postgresql.conf', text);            // languageId defaults to 'pgconf'
 *   const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);   // promise, no sleeps
 *   const items = await client.completionItems(uri, position);
 *   const fixed = applyWorkspaceEdit(text, uri, codeActionsOnly(await client.codeActions(uri, range, diagnostics))[0].edit);
 *   await client.stop();
 *
 * `client.connection` is the raw ProtocolConnection for requests without a helper (custom `pgha/…` ones).
 */
export { ensureCliBuilt, ensureServerBuilt, repoRoot } from './build';
export { applyWorkspaceEdit, codeActionsOnly } from './edits';
export { cursor, LspTestClient, VSCODE_COMPLETION, type StartOptions } from './lspClient';
