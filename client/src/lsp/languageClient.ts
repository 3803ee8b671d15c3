import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { Config } from '../config';
import { LIVE_LENS_COMMANDS } from '../editor/composeLenses';
import { documentSelector } from './documentSelector';

export const LANGUAGE_CLIENT_ID = 'pgha';
export const LANGUAGE_CLIENT_NAME = 'PostgreSQL HA Language Server';
/** F5 ("Run Extension") starts the server with this inspector port; "Attach to Server" connects to it. */
export const SERVER_DEBUG_PORT = 6009;

export interface LanguageClientSetup {
  serverModule: string;
  config: Config;
  output: vscode.OutputChannel;
  /** Decides what happens when the server process ends without being asked to. */
  onServerClosed(): CloseHandlerResult;
  /** Called after the server received changed `pgha.*` settings, so views can ask it again. */
  onSettingsSent(): void;
}

/** The language client over IPC; the debug variant is used when the extension host itself is being debugged. */
export function createLanguageClient(setup: LanguageClientSetup): LanguageClient {
  const serverOptions: ServerOptions = {
    run: { module: setup.serverModule, transport: TransportKind.ipc },
    debug: {
      module: setup.serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', `--inspect=${SERVER_DEBUG_PORT}`] },
    },
  };
  const errorHandler: ErrorHandler = {
    // Transport errors (EPIPE while writing to a server that just died): keep going and let the close handler (the
    // crash policy) decide. The client counts errors over its whole life, across restarts: a Shutdown at the 4th
    // made the first crash after earlier ones final ("will not be restarted"), seen in the code-server suite.
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => setup.onServerClosed(),
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: setup.output,
    initializationOptions: setup.config.initializationOptions(),
    synchronize: { configurationSection: 'pgha' },
    errorHandler,
    middleware: {
      // The extension's own lenses (editor/composeLenses.ts) show Start or Stop by the cluster's live state.
      provideCodeLenses: async (document, token, next) => (await next(document, token))?.filter((lens) => !LIVE_LENS_COMMANDS.has(lens.command?.command ?? '')),
      workspace: {
        didChangeConfiguration: async (sections, next) => {
          await next(sections);
          setup.onSettingsSent();
        },
      },
    },
  };
  return new LanguageClient(LANGUAGE_CLIENT_ID, LANGUAGE_CLIENT_NAME, serverOptions, clientOptions);
}

export { CloseAction };
