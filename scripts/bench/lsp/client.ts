/**
 * The benchmark's editor: spawns a language server process, speaks LSP to it over stdio the way an editor does,
 * and times what the user waits for (a request's answer, the diagnostics of a version).
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export interface ServerSpec {
  name: string;
  /** Node script and its arguments (run with this Node). */
  args: string[];
  initializationOptions?: unknown;
  /** Answer to workspace/configuration for a section (yaml-language-server asks for `yaml`). */
  configuration?: (section: string | undefined) => unknown;
  /** Sent as workspace/didChangeConfiguration after initialized. */
  settings?: unknown;
}

type Waiter = { uri: string; version: number | undefined; resolve: (p: PublishDiagnosticsParams) => void };

const REQUEST_TIMEOUT_MS = 30_000;

export class BenchClient {
  private readonly waiters = new Set<Waiter>();
  private readonly versions = new Map<string, number>();
  /** Every publish, in order of arrival (uri, version), for checking that stale versions never follow newer ones. */
  readonly published: { uri: string; version?: number; at: number }[] = [];

  private constructor(
    readonly spec: ServerSpec,
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push({ uri: p.uri, version: p.version, at: performance.now() });
      for (const waiter of [...this.waiters]) {
        // Servers that do not send versions: the next publish for the document is the answer.
        if (waiter.uri === p.uri && (p.version === undefined || waiter.version === undefined || p.version >= waiter.version)) {
          this.waiters.delete(waiter);
          waiter.resolve(p);
        }
      }
    });
    connection.onRequest('workspace/configuration', (params: { items?: { section?: string }[] }) => (params.items ?? []).map((i) => spec.configuration?.(i.section) ?? null));
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest']) connection.onRequest(method, () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('telemetry/event', () => undefined);
  }

  /** Spawns the server and completes initialize/initialized; resolves with the time that took. */
  static async start(spec: ServerSpec): Promise<{ client: BenchClient; startupMs: number }> {
    const started = performance.now();
    const child = spawn(process.execPath, spec.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr?.resume();
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new BenchClient(spec, child, connection);
    connection.listen();
    await client.timed(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        initializationOptions: spec.initializationOptions,
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
          textDocument: {
            synchronization: { dynamicRegistration: true, didSave: true },
            // What VS Code's client declares: item defaults let a server send the shared edit range once.
            completion: {
              completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] } },
              completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
            },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          },
        },
      }),
      'initialize',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    if (spec.settings !== undefined) await connection.sendNotification('workspace/didChangeConfiguration', { settings: spec.settings });
    return { client, startupMs: performance.now() - started };
  }

  /** Opens a document; resolves with the milliseconds until its first diagnostics. */
  async open(uri: string, languageId: string, text: string): Promise<number> {
    return (await this.openPublished(uri, languageId, text)).ms;
  }

  /** Opens a document; resolves with the milliseconds until its first diagnostics and what was published. */
  async openPublished(uri: string, languageId: string, text: string, timeoutMs = REQUEST_TIMEOUT_MS): Promise<{ ms: number; published: PublishDiagnosticsParams }> {
    this.versions.set(uri, 1);
    const start = performance.now();
    const diagnostics = this.diagnosticsFor(uri, 1, timeoutMs);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    const published = await diagnostics;
    return { ms: performance.now() - start, published };
  }

  /** Sends one change; returns the new version and a promise of the milliseconds until its diagnostics. */
  async change(uri: string, change: TextDocumentContentChangeEvent): Promise<{ version: number; diagnostics: Promise<number> }> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const start = performance.now();
    const diagnostics = this.diagnosticsFor(uri, version).then(() => performance.now() - start);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    return { version, diagnostics };
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** One request; resolves with the milliseconds to its answer and the size of that answer. */
  async request(method: string, params: unknown): Promise<{ ms: number; bytes: number; result: unknown }> {
    const start = performance.now();
    const result = await this.timed(this.connection.sendRequest(method, params), method);
    const ms = performance.now() - start;
    return { ms, bytes: JSON.stringify(result ?? null).length, result };
  }

  /** VmHWM of the server process (peak resident set), in MiB; undefined where /proc is not there. */
  peakRssMiB(): number | undefined {
    return readStatusMiB(this.process.pid, 'VmHWM');
  }

  /** VmRSS: resident set now, in MiB. */
  rssMiB(): number | undefined {
    return readStatusMiB(this.process.pid, 'VmRSS');
  }

  /** CPU time (user + system) the server process has used so far, in ms (10 ms steps); undefined without /proc. */
  cpuMs(): number | undefined {
    return processCpuMs(this.process.pid);
  }

  async stop(): Promise<void> {
    try {
      await this.timed(this.connection.sendRequest(ShutdownRequest.type), 'shutdown', 5_000);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // hung or gone: killed below
    }
    if (this.process.exitCode === null && this.process.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (this.process.kill('SIGKILL'), resolve()), 3_000);
        this.process.once('exit', () => (clearTimeout(timer), resolve()));
      });
    }
    this.connection.dispose();
  }

  private diagnosticsFor(uri: string, version: number, timeoutMs = REQUEST_TIMEOUT_MS): Promise<PublishDiagnosticsParams> {
    return this.timed(new Promise((resolve) => this.waiters.add({ uri, version, resolve })), `diagnostics of ${uri} v${version}`, timeoutMs);
  }

  private timed<T>(promise: Promise<T>, what: string, timeoutMs = REQUEST_TIMEOUT_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.spec.name}: no ${what} within ${timeoutMs} ms`)), timeoutMs);
      promise.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error: unknown) => (clearTimeout(timer), reject(error)),
      );
    });
  }
}

/** CPU time (user + system) a process has used so far, in ms (10 ms steps); undefined without /proc. */
export function processCpuMs(pid: number | undefined): number | undefined {
  try {
    // Fields after the command name: state is field 3, utime and stime are fields 14 and 15 (clock ticks, 100 Hz).
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function readStatusMiB(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
