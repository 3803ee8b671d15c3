/**
 * Failover and replication actions from the tree or the palette: promote, switchover, add/remove replica,
 * synchronous/asynchronous, pause/resume replay. Each shows its steps as progress, asks for explicit
 * confirmation when the core refuses as unsafe, and reports what it did (summary pop-up, steps in the output).
 */
import * as vscode from 'vscode';
import { UnsafeActionError, type ActionContext, type ActionReport } from '../../../../cluster/failover/context';
import { poolerFollowersOf, stackAdminLogin } from '../../../../cluster/failover/poolers';
import { promote } from '../../../../cluster/failover/promote';
import { addReplica, removeReplica } from '../../../../cluster/failover/replicas';
import { suggestReplica as suggestNewReplica } from '../../../../cluster/monitor/runtimeTargets';
import { setReplayPaused, setReplicationMode } from '../../../../cluster/failover/settings';
import { switchover } from '../../../../cluster/failover/switchover';
import type { ClusterEntry } from '../../views/clusters/clusterList';
import { clusterTargets } from '../../views/clusters/clusterTargets';
import { SecretCredentials } from '../../views/credentials';
import type { ClusterViewDeps } from '../../views/deps';
import { roleOf, type NodeEntry } from '../../views/nodes/nodeItems';
import { confirmAction } from '../confirm';
import { historyOf, lastSeenOf } from '../../views/splitBrain';
import { resolveCluster, resolveNode, runtimes, showFailure, withSteps } from '../cluster/shared';
import type { Ctx } from '../../ctx';
import type { CommandFactory } from '../index';

async function actionContext(deps: ClusterViewDeps, cluster: ClusterEntry, progress: (message: string) => void, force: boolean, signal?: AbortSignal): Promise<ActionContext> {
  if (cluster.state === 'attached') throw new Error('attached clusters are monitored only; run failover actions where the cluster is managed');
  const { targets, problems } = clusterTargets(cluster);
  if (targets.length === 0) throw new Error(`no node of ${cluster.project} can be reached from here: ${problems.join('; ') || 'no published PostgreSQL port'}`);
  await new SecretCredentials(deps.extensionContext.secrets).complete(targets);
  const registry = runtimes(deps);
  // A cluster started outside pgha (docker compose) is not in any runtime's list: its compose labels still let the
  // first runtime (Docker) drive it.
  const runtime = cluster.runtime ? registry.require(cluster.runtime) : await registry.forProject(cluster.project);
  // Cancel in the progress notification: the action stops at its next safe step, or finishes past its point of no return.
  // PgBouncers of the stack follow a promotion, as from the CLI (cluster/failover/poolers.ts).
  const poolers = cluster.topology ? poolerFollowersOf(cluster.topology, stackAdminLogin(targets)) : undefined;
  const managed = cluster.topology?.managed;
  return { targets, control: runtime.nodeControl(cluster.project, cluster.topology), progress, force, history: historyOf(cluster), lastSeen: lastSeenOf(cluster), signal, poolers, managed };
}

/** Runs an action with progress; on an unsafe refusal asks once (modal) and reruns with force when confirmed. */
export async function runAction(deps: ClusterViewDeps, title: string, cluster: ClusterEntry, work: (actx: ActionContext) => Promise<ActionReport>, accepted = false): Promise<ActionReport | undefined> {
  // `accepted`: the caller accepted the risk ahead (scripts and tests; like --force); otherwise a refusal asks.
  let force = accepted;
  for (;;) {
    try {
      const report = await withSteps(title, async (step, signal) => work(await actionContext(deps, cluster, (m) => step(m), force, signal)));
      deps.output.appendLine(`[monitor] ${report.action} (${(report.durationMs / 1000).toFixed(1)} s):`);
      for (const s of report.steps) deps.output.appendLine(`  - ${s}`);
      for (const w of report.warnings) deps.output.appendLine(`  ! ${w}`);
      const warned = report.warnings.length ? ` ${report.warnings.length} warning(s): ${report.warnings[0]}` : '';
      void vscode.window.showInformationMessage(`PostgreSQL HA: ${title} — done in ${(report.durationMs / 1000).toFixed(1)} s.${warned}`, 'Show Steps').then((pick) => {
        if (pick) deps.output.show(true);
      });
      return report;
    } catch (error) {
      if (error instanceof UnsafeActionError && !force) {
        const cancel: vscode.MessageItem = { title: 'Cancel', isCloseAffordance: true };
        const proceed = await vscode.window.showWarningMessage(
          `${title}: this looks unsafe.`,
          { modal: true, detail: `${error.reasons.map((r) => `• ${r}`).join('\n')}\n\nProceed only if you accept the risk.` },
          cancel,
          { title: 'Proceed Anyway' } as vscode.MessageItem,
        );
        if (proceed?.title !== 'Proceed Anyway') return undefined;
        force = true;
        continue;
      }
      showFailure(deps, title, error, { project: cluster.project, composeUri: cluster.composeUri });
      return undefined;
    }
  }
}

const runningReplica = (n: NodeEntry) => (n.instance?.lifecycle === 'running' || n.view?.state === 'up') && roleOf(n) === 'replica';

export const promoteReplica: CommandFactory = (ctx) => async (arg?: unknown, options?: { confirmed?: boolean; force?: boolean }) => {
  const ref = await resolveNode(ctx, arg, runningReplica, 'Choose the replica to promote');
  if (!ref) return undefined;
  const detail = `${ref.node.service} stops replaying and accepts writes (a new timeline); the other replicas are re-pointed to it. A former primary that is down is fenced: it must rejoin as a replica before it runs again.`;
  if (!(await confirmAction(`Promote ${ref.node.service} to primary?`, detail, ['Promote'], options?.confirmed))) return undefined;
  return runAction(ctx, `Promote ${ref.node.service}`, ref.cluster, (actx) => promote(actx, ref.node.service), options?.force === true);
};

export const switchoverTo: CommandFactory = (ctx) => async (arg?: unknown, options?: { confirmed?: boolean }) => {
  const ref = await resolveNode(ctx, arg, runningReplica, 'Choose the replica to become primary');
  if (!ref) return undefined;
  const detail = `The primary stops (clients are disconnected), ${ref.node.service} becomes the primary once it has all WAL, and the old primary comes back as its replica.`;
  if (!(await confirmAction(`Switch over to ${ref.node.service}?`, detail, ['Switch Over'], options?.confirmed))) return undefined;
  return runAction(ctx, `Switchover to ${ref.node.service}`, ref.cluster, (actx) => switchover(actx, ref.node.service));
};

/** Name and loopback port for a new replica: the next free replicaN and the port after the highest published one. */
export function suggestReplica(cluster: ClusterEntry): { service: string; hostPort: number } {
  return suggestNewReplica(cluster.nodes, cluster.topology);
}

export const addReplicaCommand: CommandFactory = (ctx) => async (arg?: unknown, preset?: { service?: string; hostPort?: number }) => {
  const cluster = await resolveCluster(ctx, arg, ['running', 'partial'], 'Choose the cluster to add a replica to');
  if (!cluster) return undefined;
  const suggestion = suggestReplica(cluster);
  const service =
    preset?.service ??
    (await vscode.window.showInputBox({
      title: `Add a replica to ${cluster.project}`,
      prompt: 'Service name of the new replica',
      value: suggestion.service,
      validateInput: (v) => (/^[a-z0-9][a-z0-9_-]*$/.test(v) ? undefined : 'lower-case letters, digits, - and _'),
    }));
  if (!service) return undefined;
  const portText =
    preset?.hostPort?.toString() ??
    (await vscode.window.showInputBox({
      title: `Add a replica to ${cluster.project}`,
      prompt: 'Port on 127.0.0.1 to publish its PostgreSQL on',
      value: String(suggestion.hostPort),
      validateInput: (v) => (/^\d+$/.test(v) && Number(v) > 0 && Number(v) < 65536 ? undefined : 'a TCP port (1–65535)'),
    }));
  if (!portText) return undefined;
  return runAction(ctx, `Add replica ${service}`, cluster, (actx) => addReplica(actx, { service, hostPort: Number(portText) }));
};

export const removeReplicaCommand: CommandFactory = (ctx) => async (arg?: unknown, options?: { volumes?: boolean; confirmed?: boolean }) => {
  const ref = await resolveNode(ctx, arg, (n) => roleOf(n) === 'replica' && n.instance !== undefined, 'Choose the replica to remove');
  if (!ref) return undefined;
  const [keep, withData] = ['Remove, Keep Its Volume', 'Remove with Its Data'];
  const detail = 'The node is removed and its replication slot dropped on the primary; "with Its Data" also deletes its volume.';
  const pick = await confirmAction(`Remove replica ${ref.node.service} from ${ref.cluster.project}?`, detail, [keep, withData], options?.confirmed);
  if (!pick) return undefined;
  const volumes = options?.confirmed ? (options.volumes ?? true) : pick === withData;
  return runAction(ctx, `Remove replica ${ref.node.service}`, ref.cluster, (actx) => removeReplica(actx, ref.node.service, { volumes }));
};

function replicationMode(mode: 'sync' | 'async'): CommandFactory {
  return (ctx) => async (arg?: unknown) => {
    const cluster = await resolveCluster(ctx, arg, ['running', 'partial'], `Choose the cluster to make ${mode === 'sync' ? 'synchronous' : 'asynchronous'}`);
    if (!cluster) return undefined;
    return runAction(ctx, `${mode === 'sync' ? 'Synchronous' : 'Asynchronous'} replication on ${cluster.project}`, cluster, (actx) => setReplicationMode(actx, mode));
  };
}

export const setSynchronous = replicationMode('sync');
export const setAsynchronous = replicationMode('async');

function replay(paused: boolean): CommandFactory {
  return (ctx: Ctx) => async (arg?: unknown) => {
    const ref = await resolveNode(ctx, arg, runningReplica, `Choose the replica whose replay to ${paused ? 'pause' : 'resume'}`);
    if (!ref) return undefined;
    return runAction(ctx, `${paused ? 'Pause' : 'Resume'} replay on ${ref.node.service}`, ref.cluster, (actx) => setReplayPaused(actx, ref.node.service, paused));
  };
}

export const pauseReplay = replay(true);
export const resumeReplay = replay(false);
