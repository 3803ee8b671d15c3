import { createConnection, ProposedFeatures, type MessageReader, TextDocuments, TextDocumentSyncKind, type ClientCapabilities } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lazyCatalog } from '../../language/catalog/catalog';
import { DEFAULT_MAJOR, isMajor, type Major } from '../../language/catalog/types';
import { nodeFileSystem } from '../../core/nodeFileSystem';
import { guardStdioFraming } from './lsp/framingGuard';
import { MessageActivity } from './lsp/messageActivity';
import { routeConsole, SerializedAnswers, stdioWriter } from './lsp/transport';
import { providers } from './lsp/providers';
import { getLanguageService } from '../../language/service/languageService';
import { SqlParserHost } from '../../language/sql/parser';

const activity = new MessageActivity();
const answers = new SerializedAnswers();
const stdio = process.argv.includes('--stdio');
// Over stdio our writer encodes large messages into a kept buffer (see transport.ts); stdin stays a stream, so the
// library still exits when the client closes it.
const connection = stdio
  ? createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, stdioWriter(process.stdout, answers), activity.connectionOptions)
  : createConnection(ProposedFeatures.all, activity.connectionOptions);
if (stdio) routeConsole(connection);
const documents = new TextDocuments(TextDocument);
let defaultMajor: Major = DEFAULT_MAJOR;
let initSql = true;
const readMajor = (settings: unknown) => {
  const pgha = (settings as { pgha?: { postgresVersion?: unknown; initSql?: { enabled?: unknown } } } | undefined)?.pgha;
  const major = pgha?.postgresVersion;
  if (isMajor(major)) defaultMajor = major;
  if (typeof pgha?.initSql?.enabled === 'boolean') initSql = pgha.initSql.enabled;
};
const settingsListeners: (() => void)[] = [];
// Init SQL is parsed once the parser is loaded (on first need): every open document is checked again then.
const sql = new SqlParserHost(() => settingsListeners.forEach((listener) => listener()));
const service = getLanguageService({ catalog: lazyCatalog(), fs: nodeFileSystem, settings: () => ({ defaultMajor, initSql }), sql });

let clientCapabilities: ClientCapabilities = {};
connection.onInitialize((params) => {
  readMajor(params.initializationOptions);
  clientCapabilities = params.capabilities;
  return {
    capabilities: Object.assign({ textDocumentSync: TextDocumentSyncKind.Incremental }, ...providers.map((p) => p.capabilities)),
    serverInfo: { name: 'pgha-language-server', version: process.env.PGHA_VERSION ?? 'dev' },
  };
});
connection.onDidChangeConfiguration((change) => {
  readMajor(change.settings);
  settingsListeners.forEach((listener) => listener());
});
const onSettingsChanged = (listener: () => void) => void settingsListeners.push(listener);
const idle = () => activity.whenIdle();
const context = { connection, documents, service, onSettingsChanged, idle, clientCapabilities: () => clientCapabilities, answers };
for (const provider of providers) provider.register(context);
documents.listen(connection);
connection.listen();
// After listen: the guard reads the same stdin chunks as the connection's reader, from the first one on.
guardStdioFraming(process.argv, process.stdin, (reason) => {
  process.stderr.write(`pgha language server: the client broke the message framing: ${reason}. Exiting so the client can start a new server.\n`);
  process.exit(1);
});
