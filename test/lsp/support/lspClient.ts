import { spawn, type ChildProcess } from 'child_process';
import {
  CodeActionRequest,
  CompletionRequest,
  CompletionResolveRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  ExitNotification,
  FoldingRangeRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type SymbolInformation,
} from 'vscode-languageserver-protocol/node';
import { ensureServerBuilt, repoRoot } from './build';

/** What VS Code's client declares for completion: item defaults, and detail/documentation filled in by resolve. */
export const VSCODE_COMPLETION = {
  completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] } },
  completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
};

export interface StartOptions {
  /** How to talk to the server process; both are what VS Code's client uses. */
  transport?: 'stdio' | 'ipc';
  /** Sent as InitializeParams.initializationOptions, e.g. `{ pgha: { postgresVersion: 16 } }`. */
  initializationOptions?: unknown;
  env?: NodeJS.ProcessEnv;
  /** The client's completion capabilities (default: snippets and markdown, no item defaults, no lazy resolve). */
  completion?: Record<string, unknown>;
}

type DiagnosticsWaiter = { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (d: Diagnostic[]) => void };

/**
 * A language client for tests: spawns the real bundled server, speaks LSP over its streams, and keeps
 * every published diagnostic so tests can wait for them (promises, no sleeps).
 */
export class LspTestClient {
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters = new Set<DiagnosticsWaiter>();
  private readonly versions = new Map<string, number>();
  private stderrText = '';
  private logText = '';
  private exited = false;
  initializeResult!: InitializeResult;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    process.stderr?.on('data', (chunk: Buffer) => (this.stderrText += chunk.toString()));
    process.on('exit', () => (this.exited = true));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.set(params.uri, params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.accept(params)) {
          this.waiters.delete(waiter);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    // Server-to-client requests a real client answers; configuration gets "no settings" per item.
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest']) {
      connection.onRequest(method, () => null);
    }
    connection.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? []).map(() => null));
    connection.onNotification('window/logMessage', (params: { message?: string }) => (this.logText += `${params.message ?? ''}\n`));
  }

  /** Spawns `dist/server.js` (built if stale) and completes the initialize handshake. */
  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const serverPath = ensureServerBuilt();
    const transport = options.transport ?? 'stdio';
    const child = spawn(process.execPath, [serverPath, transport === 'ipc' ? '--node-ipc' : '--stdio'], {
      cwd: repoRoot,
      env: { ...process.env, ...options.env },
      stdio: transport === 'ipc' ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
    });
    const connection =
      transport === 'ipc'
        ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
        : createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection);
    connection.listen();
    client.initializeResult = await client.within(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: {
          textDocument: {
            completion: options.completion ?? { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true, dataSupport: true },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          },
        },
        initializationOptions: options.initializationOptions,
        workspaceFolders: null,
      }),
      'initialize',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Everything the server wrote to stderr (crash traces land here). */
  get stderr(): string {
    return this.stderrText;
  }

  /** window/logMessage lines the server sent (its connection.console output). */
  get log(): string {
    return this.logText;
  }

  async open(uri: string, text: string, languageId = 'pgconf'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text; returns the new version (diagnostics for it can be awaited). */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** workspace/didChangeConfiguration, e.g. `{ pgha: { postgresVersion: 15 } }`. */
  async changeSettings(settings: unknown): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /**
   * Resolves with the diagnostics of `uri` once the server has published them for the document's current
   * version (or any version when the server sends none) and `accept` agrees.
   */
  waitForDiagnostics(uri: string, accept: (diagnostics: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const wanted = this.versions.get(uri);
    const matches = (p: PublishDiagnosticsParams) => (p.version === undefined || wanted === undefined || p.version === wanted) && accept(p.diagnostics);
    const latest = this.published.get(uri);
    if (latest && matches(latest)) return Promise.resolve(latest.diagnostics);
    return new Promise<Diagnostic[]>((resolve, reject) => {
      const waiter: DiagnosticsWaiter = { uri, accept: matches, resolve: (d) => (clearTimeout(timer), resolve(d)) };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const last = this.published.get(uri);
        reject(new Error(`no matching diagnostics for ${uri} (version ${wanted}) within ${timeoutMs} ms; last published: ${JSON.stringify(last ?? null)}${this.stderrText ? `\nserver stderr:\n${this.stderrText}` : ''}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  completion(uri: string, position: Position): Promise<CompletionList | CompletionItem[] | null> {
    return this.within(this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }), 'completion');
  }

  /** Completion items as a flat array (whatever shape the server answered with). */
  async completionItems(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = await this.completion(uri, position);
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  resolveCompletion(item: CompletionItem): Promise<CompletionItem> {
    return this.within(this.connection.sendRequest(CompletionResolveRequest.type, item), 'completionItem/resolve');
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.within(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), 'hover');
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<(Command | CodeAction)[] | null> {
    return this.within(this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } }), 'codeAction');
  }

  documentSymbols(uri: string): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
    return this.within(this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), 'documentSymbol');
  }

  foldingRanges(uri: string): Promise<FoldingRange[] | null> {
    return this.within(this.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }), 'foldingRange');
  }

  documentLinks(uri: string): Promise<DocumentLink[] | null> {
    return this.within(this.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } }), 'documentLink');
  }

  /** Any other request (custom `pgha/…` methods), with the same timeout and stderr reporting. */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.within(this.connection.sendRequest<R>(method, params), method);
  }

  /** Orderly shutdown; kills the process if it does not exit within a few seconds. */
  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await this.within(this.connection.sendRequest(ShutdownRequest.type), 'shutdown', 5_000);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // already gone or hung: fall through to kill
      }
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => (this.process.kill('SIGKILL'), resolve()), 5_000);
      this.process.once('exit', () => (clearTimeout(timer), resolve()));
    });
    this.connection.dispose();
  }

  /** A request that fails with the server's stderr instead of hanging when the server died. */
  private within<T>(request: Promise<T>, what: string, timeoutMs = 15_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms${this.stderrText ? `\nserver stderr:\n${this.stderrText}` : ''}`)), timeoutMs);
      request.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error: unknown) => (clearTimeout(timer), reject(error)),
      );
    });
  }
}

/** `{line, character}` of the `|` marker in `text`, and the text without it: for writing requests as pictures. */
export function cursor(textWithCursor: string): { text: string; position: Position } {
  const offset = textWithCursor.indexOf('|');
  if (offset < 0) throw new Error('cursor(): the text has no | marker');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}
