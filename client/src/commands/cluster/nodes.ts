/**
 * Rehearse failures on one node: stop (clean), kill (SIGKILL, like a crash), restart, start — each confirmed first
 * (pgha.confirmations). Start refuses a fenced former primary and offers "Rejoin as Replica" (./fencing.ts).
 */
import * as vscode from 'vscode';
import type { NodeAction } from '../../../../cluster/runtime';
import type { CommandFactory } from '../index';
import { confirmAction } from '../confirm';
import { refuseFencedStart } from './fencing';
import { resolveNode, runtimeOf, showFailure, withSteps } from './shared';

const CONFIRM: Record<NodeAction, [string, string]> = {
  start: ['Start Node', 'The node starts in the role its data gives it.'],
  stop: ['Stop Node', 'Clients connected to it are disconnected; a stopped primary stops all writes until it is back or a replica is promoted.'],
  restart: ['Restart Node', 'Clients connected to it are disconnected while it restarts.'],
  kill: ['Kill Node', 'The server is killed with SIGKILL, like a crash: open transactions are lost and it recovers on the next start.'],
};

const VERB: Record<NodeAction, [string, string]> = {
  start: ['Starting', 'started'],
  stop: ['Stopping', 'stopped (clean shutdown)'],
  restart: ['Restarting', 'restarted'],
  kill: ['Killing', 'killed with SIGKILL, as in a crash'],
};

function nodeCommand(action: NodeAction): CommandFactory {
  return (ctx) => async (arg?: unknown, options?: { confirmed?: boolean }) => {
    const wantRunning = action !== 'start';
    const active = (lifecycle: string) => lifecycle === 'running' || lifecycle === 'starting';
    const ref = await resolveNode(ctx, arg, (n) => n.instance !== undefined && active(n.instance.lifecycle) === wantRunning, `Choose a node to ${action}`);
    const instance = ref?.node.instance;
    if (!ref || !instance) return false;
    const { node } = ref;
    const [doing, done] = VERB[action];
    const [title, detail] = CONFIRM[action];
    if (!(await confirmAction(`${title}: ${node.service} of ${ref.cluster.project}?`, detail, [title], options?.confirmed))) return false;
    try {
      if (action === 'start' && (await refuseFencedStart(ref.cluster, [node.service]))) return false;
      const runtime = await runtimeOf(ref.cluster);
      await withSteps(`${doing} ${node.service}`, async (report) => {
        report(`${doing} ${instance.name}`);
        await runtime.nodeAction(instance.id, action);
      });
      ctx.output.appendLine(`[clusters] ${ref.cluster.project}/${node.service} ${done}`);
      void vscode.window.showInformationMessage(`PostgreSQL HA: ${node.service} ${done}.`);
      return true;
    } catch (error) {
      showFailure(ctx, `${doing} ${node.service}`, error, { project: ref.cluster.project });
      return false;
    }
  };
}

export const startNode = nodeCommand('start');
export const stopNode = nodeCommand('stop');
export const restartNode = nodeCommand('restart');
export const killNode = nodeCommand('kill');
