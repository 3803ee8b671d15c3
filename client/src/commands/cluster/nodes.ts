/** Rehearse failures on one node: stop (clean), kill (SIGKILL, like a crash), restart, start. No confirmation: nothing is deleted. */
import * as vscode from 'vscode';
import type { NodeAction } from '../../../../cluster/runtime';
import type { CommandFactory } from '../index';
import { resolveNode, runtimeOf, showFailure, withSteps } from './shared';

const VERB: Record<NodeAction, [string, string]> = {
  start: ['Starting', 'started'],
  stop: ['Stopping', 'stopped (clean shutdown)'],
  restart: ['Restarting', 'restarted'],
  kill: ['Killing', 'killed with SIGKILL, as in a crash'],
};

function nodeCommand(action: NodeAction): CommandFactory {
  return (ctx) => async (arg?: unknown) => {
    const wantRunning = action !== 'start';
    const active = (lifecycle: string) => lifecycle === 'running' || lifecycle === 'starting';
    const ref = await resolveNode(ctx, arg, (n) => n.instance !== undefined && active(n.instance.lifecycle) === wantRunning, `Choose a node to ${action}`);
    const instance = ref?.node.instance;
    if (!ref || !instance) return false;
    const { node } = ref;
    const [doing, done] = VERB[action];
    try {
      const runtime = await runtimeOf(ref.cluster);
      await withSteps(`${doing} ${node.service}`, async (report) => {
        report(`${doing} ${instance.name}`);
        await runtime.nodeAction(instance.id, action);
      });
      ctx.output.appendLine(`[clusters] ${ref.cluster.project}/${node.service} ${done}`);
      void vscode.window.setStatusBarMessage(`PostgreSQL HA: ${node.service} ${done}`, 5000);
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
