/**
 * Follow the logs of a node or of the whole stack into an output channel (one per node/stack, reused).
 * Following stops when the node stops or the channel is opened again (it restarts from the tail).
 */
import * as vscode from 'vscode';
import { followProjectLogs, type ClusterRuntime, type LogOptions, type RuntimeKind } from '../../../../cluster/runtime';
import type { CommandFactory } from '../index';
import { resolveCluster, runtimes, showFailure } from './shared';

interface LogTarget {
  project: string;
  /** Undefined: the whole stack. */
  service?: string;
  /** The runtime's node id, when the tree knows it. */
  nodeId?: string;
  runtime?: RuntimeKind;
}

function logTargetOf(arg: unknown): LogTarget | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const tree = arg as { kind?: string; cluster?: { project: string; runtime?: RuntimeKind }; node?: { service: string; instance?: { id: string } } };
  if ((tree.kind === 'node' || tree.kind === 'detail') && tree.cluster && tree.node) {
    return { project: tree.cluster.project, service: tree.node.service, nodeId: tree.node.instance?.id, runtime: tree.cluster.runtime };
  }
  // From an error's "Show logs" action: { project, service }.
  const plain = arg as { project?: unknown; service?: unknown };
  if (typeof plain.project === 'string' && !tree.kind) return { project: plain.project, service: typeof plain.service === 'string' ? plain.service : undefined };
  return undefined;
}

/** The runtime of the target: the one the tree named, else whichever runs the project. */
async function runtimeFor(target: LogTarget): Promise<ClusterRuntime> {
  const registry = runtimes();
  return target.runtime ? registry.require(target.runtime) : registry.forProject(target.project);
}

/** Follows one node (by id, else found by service) or, without a service, every node of the project. */
async function followTarget(target: LogTarget, options: LogOptions): Promise<void> {
  const runtime = await runtimeFor(target);
  if (!target.service) return followProjectLogs(runtime, target.project, options);
  const nodeId = target.nodeId ?? (await runtime.list(target.project)).find((n) => n.service === target.service)?.id;
  if (!nodeId) throw new Error(`${target.project} has no node '${target.service}' (any more); refresh the view.`);
  return runtime.logs(nodeId, options);
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
      target = { project: cluster.project, runtime: cluster.runtime };
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
    const follow = followTarget(target, { follow: true, onLine, signal: stop.signal, tail: 200 });
    // Following lasts as long as the node runs: do not keep the command (and its caller) waiting.
    void follow.then(
      () => {
        if (!stop.signal.aborted) channel.appendLine('--- the node stopped; run the command again to follow it once more ---');
      },
      (error) => showFailure(ctx, `Following the logs of ${name}`, error),
    );
    return true;
  };
};
