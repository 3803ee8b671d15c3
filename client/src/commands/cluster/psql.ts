/**
 * Open psql on a node in a VS Code terminal: a pseudoterminal over a TTY `docker exec`. psql runs inside the
 * container over the local socket as the postgres OS user (peer/trust auth), so no password crosses anything.
 */
import * as vscode from 'vscode';
import { describeError } from '../../../../cluster/runtime/docker/errors';
import { openInteractiveExec, type InteractiveExec } from '../../../../cluster/runtime/docker/manage';
import type { CommandFactory } from '../index';
import { engine, resolveNode } from './shared';

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
  private exec: InteractiveExec | undefined;
  private closed = false;
  private failed = false;

  constructor(private readonly start: () => Promise<InteractiveExec>) {}

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    this.start().then(
      (exec) => {
        this.exec = exec;
        if (dimensions) void exec.resize(dimensions.columns, dimensions.rows);
        exec.stream.on('data', (chunk: Buffer) => this.writeEmitter.fire(chunk.toString('utf8')));
        void exec.exitCode().then((code) => this.finish(code));
      },
      (error) => {
        this.writeEmitter.fire(`\r\nCould not start psql: ${describeError(error)}\r\nPress any key to close.\r\n`);
        this.exec = undefined;
        this.failed = true;
      },
    );
  }

  handleInput(data: string): void {
    if (this.failed) return this.finish(1);
    this.exec?.stream.write(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    void this.exec?.resize(dimensions.columns, dimensions.rows);
  }

  close(): void {
    this.exec?.stream.end();
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

export const openPsql: CommandFactory = (ctx) => async (arg?: unknown) => {
  const ref = await resolveNode(ctx, arg, (n) => n.container?.state === 'running' && (n.container.role === 'primary' || n.container.role === 'replica'), 'Choose a node to open psql on');
  const container = ref?.node.container;
  if (!ref || !container) return undefined;
  const { node } = ref;
  const env = node.model?.environment ?? {};
  const user = node.model?.credentials.user ?? env.POSTGRES_USER ?? 'postgres';
  const database = node.model?.credentials.database ?? env.POSTGRES_DB ?? user;
  const containerId = container.id;
  const terminal = vscode.window.createTerminal({
    name: `psql ${node.service}`,
    iconPath: new vscode.ThemeIcon('database'),
    pty: new ExecTerminal(() => openInteractiveExec(engine(), containerId, psqlCommand(user, database), ['TERM=xterm-256color'])),
  });
  terminal.show();
  ctx.output.appendLine(`[clusters] psql on ${ref.cluster.project}/${node.service} as ${user}`);
  return terminal;
};
