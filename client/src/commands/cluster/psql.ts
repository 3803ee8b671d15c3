/**
 * Open psql on a node in a VS Code terminal: a pseudoterminal over the runtime's interactive session (Docker: a TTY
 * `docker exec`). psql runs beside the server over the local socket as the postgres OS user (peer/trust auth), so
 * no password crosses anything.
 */
import * as vscode from 'vscode';
import { describeError, type InteractiveSession } from '../../../../cluster/runtime';
import type { CommandFactory } from '../index';
import { loginOf } from './psqlLogin';
import { resolveNode, runtimeOf } from './shared';

/** Become the postgres user when the exec runs as root (official images start as root; replicas may run as postgres). */
const PSQL_SCRIPT = 'if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null; then exec runuser -u postgres -- psql "$@"; elif [ "$(id -u)" = 0 ] && command -v gosu >/dev/null; then exec gosu postgres psql "$@"; else exec psql "$@"; fi';

export function psqlCommand(user: string, database: string): string[] {
  return ['sh', '-c', PSQL_SCRIPT, 'psql', '-U', user, '-d', database];
}

class ExecTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private session: InteractiveSession | undefined;
  private closed = false;
  private failed = false;

  constructor(
    private readonly start: () => Promise<InteractiveSession>,
    /** Sees everything written to the terminal (tests: the prompt appears). */
    private readonly onOutput?: (text: string) => void,
  ) {
    if (onOutput) this.writeEmitter.event(onOutput);
  }

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    this.start().then(
      (session) => {
        this.session = session;
        if (dimensions) session.resize(dimensions.columns, dimensions.rows);
        session.onData((text) => this.writeEmitter.fire(text));
        session.onExit((code) => this.exited(code));
      },
      (error) => {
        this.writeEmitter.fire(`\r\nCould not start psql: ${describeError(error)}\r\nPress any key to close.\r\n`);
        this.session = undefined;
        this.failed = true;
      },
    );
  }

  /** A failed psql keeps its message on screen (the terminal would close with it) until a key is pressed. */
  private exited(code: number): void {
    if (code === 0 || this.closed) return this.finish(code);
    this.writeEmitter.fire(`\r\n[psql exited with code ${code}; its message is above. Press any key to close.]\r\n`);
    this.session = undefined;
    this.failed = true;
  }

  handleInput(data: string): void {
    if (this.failed) return this.finish(1);
    this.session?.write(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.session?.resize(dimensions.columns, dimensions.rows);
  }

  close(): void {
    this.session?.close();
    this.finish(0);
  }

  private finish(code: number): void {
    if (this.closed) return;
    this.closed = true;
    this.closeEmitter.fire(code);
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }
}

export const openPsql: CommandFactory = (ctx) => async (arg?: unknown, options?: { onOutput?: (text: string) => void }) => {
  const ref = await resolveNode(ctx, arg, (n) => n.instance?.lifecycle === 'running' && (n.instance.role === 'primary' || n.instance.role === 'replica'), 'Choose a node to open psql on');
  const instance = ref?.node.instance;
  if (!ref || !instance) return undefined;
  const { node } = ref;
  const cluster = ref.cluster;
  const { user, database } = loginOf(cluster, node.model);
  const terminal = vscode.window.createTerminal({
    name: `psql ${node.service}`,
    iconPath: new vscode.ThemeIcon('database'),
    pty: new ExecTerminal(async () => (await runtimeOf(cluster)).exec(instance.id, psqlCommand(user, database), { TERM: 'xterm-256color' }), options?.onOutput),
  });
  terminal.show();
  ctx.output.appendLine(`[clusters] psql on ${ref.cluster.project}/${node.service} as ${user}`);
  return terminal;
};
