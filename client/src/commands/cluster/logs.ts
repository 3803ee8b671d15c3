/**
 * Follow the logs of a node or of the whole stack into an output channel (one per node/stack, reused).
 * Following stops when the container stops or the channel is opened again (it restarts from the tail).
 */
import * as vscode from 'vscode';
import { containerName } from '../../../../core/names';
import { followLogs, followStackLogs } from '../../../../cluster/runtime/docker/manage';
import type { CommandFactory } from '../index';
import { engine, resolveCluster, showFailure } from './shared';

interface LogTarget {
  project: string;
  /** Undefined: the whole stack. */
  service?: string;
  containerId?: string;
}

function logTargetOf(arg: unknown): LogTarget | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const tree = arg as { kind?: string; cluster?: { project: string }; node?: { service: string; container?: { id: string } } };
  if ((tree.kind === 'node' || tree.kind === 'detail') && tree.cluster && tree.node) {
    return { project: tree.cluster.project, service: tree.node.service, containerId: tree.node.container?.id };
  }
  // From an error's "Show logs" action: { project, service }.
  const plain = arg as { project?: unknown; service?: unknown };
  if (typeof plain.project === 'string' && !tree.kind) return { project: plain.project, service: typeof plain.service === 'string' ? plain.service : undefined };
  return undefined;
}

export const showLogs: CommandFactory = (ctx) => {
  const channels = new Map<string, { channel: vscode.OutputChannel; stop?: AbortController }>();
  ctx.pushExtensionDisposable({
    dispose: () => {
      for (const entry of channels.values()) {
        entry.stop?.abort();
        entry.channel.dispose();
      }
    },
  });
  return async (arg?: unknown) => {
    let target = logTargetOf(arg);
    if (!target) {
      const cluster = await resolveCluster(ctx, arg, ['running', 'partial', 'stopped'], 'Choose a cluster whose logs to follow');
      if (!cluster) return false;
      target = { project: cluster.project };
    }
    const name = target.service ? `${target.project}/${target.service}` : target.project;
    let entry = channels.get(name);
    if (!entry) {
      entry = { channel: vscode.window.createOutputChannel(`PostgreSQL HA Logs: ${name}`) };
      channels.set(name, entry);
    }
    entry.stop?.abort();
    const stop = new AbortController();
    entry.stop = stop;
    entry.channel.clear();
    entry.channel.show(true);
    const channel = entry.channel;
    const onLine = (line: string) => channel.appendLine(line);
    const follow = target.service
      ? followLogs(engine(), target.containerId ?? containerName(target.project, target.service), { onLine, signal: stop.signal, tail: 200 })
      : followStackLogs(engine(), target.project, { onLine, signal: stop.signal, tail: 200 });
    // Following lasts as long as the container runs: do not keep the command (and its caller) waiting.
    void follow.then(
      () => {
        if (!stop.signal.aborted) channel.appendLine('--- the container stopped; run the command again to follow it once more ---');
      },
      (error) => showFailure(ctx, `Following the logs of ${name}`, error),
    );
    return true;
  };
};
