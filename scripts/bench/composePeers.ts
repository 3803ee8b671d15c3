/**
 * Drivers for the peer compose language servers the benchmark compares against:
 * yaml-language-server through its language-service API, and @microsoft/compose-language-service
 * over LSP on in-process streams (it only ships as a server).
 */
import { PassThrough } from 'stream';
import { createConnection } from 'vscode-languageserver/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** What the benchmark does with every server: open, edit, and the three measured requests. */
export interface BenchTarget {
  name: string;
  open(uri: string, text: string): Promise<void>;
  edit(change: TextDocumentContentChangeEvent): Promise<void>;
  completion(position: Position): Promise<number>;
  hover(position: Position): Promise<boolean>;
  diagnostics(): Promise<number>;
  close(): Promise<void>;
}

/** A reduced Compose schema, so yaml-language-server validates, completes and hovers as with the real one. */
const COMPOSE_SCHEMA = {
  type: 'object',
  properties: {
    version: { type: 'string', description: 'Obsolete.' },
    name: { type: 'string' },
    services: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: {
          image: { type: 'string', description: 'Image to start the container from.' },
          command: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description: 'Overrides the default command.' },
          entrypoint: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
          environment: { oneOf: [{ type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } }, { type: 'array', items: { type: 'string' } }], description: 'Environment variables.' },
          ports: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'object' }] } },
          volumes: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'object' }] } },
          depends_on: { oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'object', additionalProperties: { type: 'object', properties: { condition: { enum: ['service_started', 'service_healthy', 'service_completed_successfully'] } } } }] },
          healthcheck: { type: 'object', properties: { test: { oneOf: [{ type: 'string' }, { type: 'array' }] }, interval: { type: 'string' }, timeout: { type: 'string' }, retries: { type: 'number' }, start_period: { type: 'string' } } },
          restart: { enum: ['no', 'always', 'on-failure', 'unless-stopped'] },
          user: { type: 'string' },
          labels: { type: 'object' },
          secrets: { type: 'array' },
          configs: { type: 'array' },
        },
      },
    },
    volumes: { type: 'object' },
    secrets: { type: 'object' },
    configs: { type: 'object' },
  },
  patternProperties: { '^x-': {} },
};

export async function yamlLanguageServerTarget(): Promise<BenchTarget> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yls = require('yaml-language-server') as typeof import('yaml-language-server');
  const service = yls.getLanguageService({ schemaRequestService: async () => '{}', workspaceContext: { resolveRelativePath: (p) => p } });
  let doc: TextDocument | undefined;
  return {
    name: 'yaml-language-server',
    async open(uri, text) {
      service.configure({ validate: true, completion: true, hover: true, schemas: [{ uri: 'file:///compose-schema.json', fileMatch: ['*compose*.yaml'], schema: COMPOSE_SCHEMA as never }] });
      doc = TextDocument.create(uri, 'yaml', 1, text);
    },
    async edit(change) {
      doc = TextDocument.update(doc!, [change], doc!.version + 1);
    },
    completion: async (position) => (await service.doComplete(doc!, position, false)).items.length,
    hover: async (position) => (await service.doHover(doc!, position)) !== null,
    diagnostics: async () => (await service.doValidation(doc!, false)).length,
    async close() {},
  };
}

/** @microsoft/compose-language-service, connected through a pair of in-process streams. */
export async function microsoftComposeTarget(): Promise<BenchTarget> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ComposeLanguageService } = require('@microsoft/compose-language-service/lib/service/ComposeLanguageService') as {
    ComposeLanguageService: new (connection: unknown, params: unknown) => { capabilities: unknown; dispose(): void };
  };
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  let instance: { dispose(): void } | undefined;
  server.onInitialize((params) => {
    const created = new ComposeLanguageService(server, params);
    instance = created;
    return { capabilities: created.capabilities as never };
  });
  server.listen();
  const client: ProtocolConnection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const waiters: ((count: number) => void)[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: { diagnostics: unknown[] }) => waiters.splice(0).forEach((w) => w(p.diagnostics.length)));
  client.onRequest('workspace/configuration', () => [null]);
  client.listen();
  await client.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { publishDiagnostics: {}, completion: { completionItem: { snippetSupport: true } }, hover: {} } },
    initializationOptions: { diagnosticDelay: 0 },
  });
  client.sendNotification('initialized', {});
  let uri = '';
  let version = 1;
  let pendingDiagnostics: Promise<number> | undefined;
  const nextDiagnostics = () => new Promise<number>((resolve) => waiters.push(resolve));
  return {
    name: '@microsoft/compose-language-service',
    async open(u, text) {
      uri = u;
      const first = nextDiagnostics();
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version, text } });
      await first;
    },
    async edit(change) {
      pendingDiagnostics = nextDiagnostics();
      await client.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
    },
    async completion(position) {
      const result = (await client.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as { items?: unknown[] } | unknown[] | null;
      return Array.isArray(result) ? result.length : (result?.items?.length ?? 0);
    },
    hover: async (position) => (await client.sendRequest('textDocument/hover', { textDocument: { uri }, position })) !== null,
    // Diagnostics are pushed: the time from the edit to the notification (debounce set to 0).
    diagnostics: async () => pendingDiagnostics ?? nextDiagnostics(),
    async close() {
      // The last undo edit still has debounced diagnostics on the way: let them arrive before disposing.
      await Promise.race([pendingDiagnostics, new Promise((resolve) => setTimeout(resolve, 500))]);
      instance?.dispose();
      client.dispose();
      server.dispose();
    },
  };
}
