/**
 * Start / stop / remove a whole cluster. Start is also the compose code lens's "Start cluster" (argument: the
 * document URI string). A cluster that exists runs where it was created; a new one where pgha.backend says.
 * The tree follows through runtime events; these commands never refresh it by hand.
 */
import * as vscode from 'vscode';
import { forgetHistory, retireHistoryOfOtherData } from '../../../../cluster/history/guard';
import { describeRemoved, type ClusterRuntime } from '../../../../cluster/runtime';
import type { Topology } from '../../../../core/model/topology';
import type { ClusterEntry } from '../../views/clusters/clusterList';
import { requireTopology } from '../../views/clusters/discovery';
import type { Ctx } from '../../ctx';
import type { CommandFactory } from '../index';
import { SET_ACTIVITY_COMMAND } from '../../statusBar/clusterStatusItem';
import { confirmAction } from '../confirm';
import { historyOf } from '../../views/splitBrain';
import { planClusterStart, refuseFencedStart } from './fencing';
import { describeOutdated, RECREATE_ACTION } from './outdated';
import { resolveCluster, runtimeOf, runtimes, showFailure, withSteps } from './shared';

/** What `up` reported, in one line: "ha-stack is up in 12.3 s: primary, replica1 (streaming), replica2 (streaming)". */
export function describeUp(project: string, nodes: { service: string; standby?: boolean }[], elapsedMs: number): string {
  const parts = nodes.map((n) => (n.standby ? `${n.service} (streaming)` : n.service));
  return `${project} is up in ${(elapsedMs / 1000).toFixed(1)} s: ${parts.join(', ')}`;
}

/** The status bar says "starting…" for the project while `work` runs (its nodes are not up yet: not a problem). */
async function whileStarting<T>(project: string, work: () => Thenable<T>): Promise<T> {
  await vscode.commands.executeCommand(SET_ACTIVITY_COMMAND, project, 'starting…').then(undefined, () => undefined);
  try {
    return await work();
  } finally {
    void vscode.commands.executeCommand(SET_ACTIVITY_COMMAND, project, undefined).then(undefined, () => undefined);
  }
}

export const startCluster: CommandFactory = (ctx) => {
  const run = async (arg?: unknown): Promise<boolean> => {
    let cluster: ClusterEntry | undefined;
    try {
      cluster = await resolveCluster(ctx, arg, ['not created', 'stopped', 'partial'], 'Choose a cluster to start');
      if (!cluster) return false;
      const chosen = cluster;
      const registry = runtimes(ctx);
      if (!chosen.composeUri) {
        // A project started elsewhere whose compose file we do not know: start its existing nodes.
        const runtime = await runtimeOf(chosen, registry);
        if (await refuseFencedStart(chosen, chosen.nodes.map((n) => n.service))) return false;
        await whileStarting(chosen.project, () => withSteps(`Starting ${chosen.project}`, (report, signal) => runtime.start(chosen.project, { onProgress: report, signal })));
        return true;
      }
      const topology = chosen.topology ?? (await requireTopology(ctx, vscode.Uri.parse(chosen.composeUri)));
      const runtime = chosen.runtime ? registry.require(chosen.runtime) : await registry.pick(ctx.config.backend, topology);
      const retired = await retireHistoryOfOtherData(topology, historyOf(chosen), runtime.nodeControl(chosen.project, topology));
      if (retired) ctx.output.appendLine(`[clusters] ${chosen.project}: ${retired}`);
      const plan = await planClusterStart(chosen, topology);
      if (!plan) return false;
      await startFromTopology(ctx, runtime, topology, `Starting ${chosen.project}`, plan.currentRoles);
      return true;
    } catch (error) {
      showFailure(ctx, `Starting ${cluster?.project ?? 'the cluster'}`, error, { retry: () => run(arg), composeUri: cluster?.composeUri, project: cluster?.project });
      return false;
    }
  };
  return run;
};

/** Runs `up`, reports it, and warns (never recreating unasked) about nodes created from an older compose file. */
async function startFromTopology(ctx: Ctx, runtime: ClusterRuntime, topology: Topology, title: string, currentRoles?: Record<string, string>): Promise<void> {
  const result = await whileStarting(topology.project, () =>
    withSteps(title, (report, signal) => runtime.up(topology, { signal, currentRoles, publishAllInterfaces: ctx.config.publishAllInterfaces, onProgress: (event) => report(event.message, event.step, event.totalSteps) })),
  );
  const summary = describeUp(result.project, result.nodes, result.elapsedMs);
  ctx.output.appendLine(`[clusters] ${summary}`);
  void vscode.window.showInformationMessage(`PostgreSQL HA: ${summary}.`);
  const warning = describeOutdated(result.project, result.outdated);
  if (!warning) return;
  ctx.output.appendLine(`[clusters] ${warning}`);
  // Not awaited: the command finishes now; the recreate runs only if the user picks the action.
  void vscode.window.showWarningMessage(warning, RECREATE_ACTION).then(async (pick) => {
    if (pick !== RECREATE_ACTION) return;
    try {
      await withSteps(`Removing ${result.project}`, (report, signal) => runtime.down(result.project, { volumes: false, onProgress: report, signal }));
      await startFromTopology(ctx, runtime, topology, `Recreating ${result.project}`);
    } catch (error) {
      showFailure(ctx, `Recreating ${result.project}`, error, { project: result.project });
    }
  });
}

export const stopCluster: CommandFactory = (ctx) => async (arg?: unknown) => {
  let cluster: ClusterEntry | undefined;
  try {
    cluster = await resolveCluster(ctx, arg, ['running', 'partial'], 'Choose a cluster to stop');
    if (!cluster) return false;
    const project = cluster.project;
    const runtime = await runtimeOf(cluster);
    const stopped = await withSteps(`Stopping ${project}`, (report, signal) => runtime.stop(project, { onProgress: report, signal, composeFile: cluster?.composePath }));
    const message = `${project}: stopped ${stopped} node${stopped === 1 ? '' : 's'}; the data stays where it is ("Start cluster" brings it back).`;
    ctx.output.appendLine(`[clusters] ${message}`);
    void vscode.window.showInformationMessage(`PostgreSQL HA: ${message}`);
    return true;
  } catch (error) {
    showFailure(ctx, `Stopping ${cluster?.project ?? 'the cluster'}`, error, { project: cluster?.project });
    return false;
  }
};

const KEEP_DATA = 'Remove, Keep Data';
const DELETE_DATA = 'Remove with Volumes (Delete Data)';

/** Removes the cluster's nodes (containers and networks); asks first, and whether the volumes (the data) go too. */
export const removeCluster: CommandFactory = (ctx) => async (arg?: unknown, options?: { volumes?: boolean; confirmed?: boolean }) => {
  let cluster: ClusterEntry | undefined;
  try {
    cluster = await resolveCluster(ctx, arg, ['running', 'partial', 'stopped'], 'Choose a cluster to remove');
    if (!cluster) return false;
    const project = cluster.project;
    const detail = `Its ${cluster.nodes.length} node(s) are removed (in ${cluster.runtime ?? 'its runtime'}). Only what PostgreSQL HA Studio created is touched.`;
    const pick = await confirmAction(`Remove cluster ${project}?`, detail, [KEEP_DATA, DELETE_DATA], options?.confirmed);
    if (!pick) return false;
    const volumes = options?.confirmed ? (options.volumes ?? false) : pick === DELETE_DATA;
    const runtime = await runtimeOf(cluster);
    const result = await withSteps(`Removing ${project}`, (report, signal) => runtime.down(project, { volumes, onProgress: report, signal, composeFile: cluster?.composePath }));
    if (volumes && cluster.composeUri) forgetHistory({ project, uri: cluster.composeUri }); // the data is gone: its roles too
    const message = `${project}: removed ${describeRemoved(result)}${volumes ? '' : '; volumes kept'}.`;
    ctx.output.appendLine(`[clusters] ${message}`);
    void vscode.window.showInformationMessage(`PostgreSQL HA: ${message}`);
    return true;
  } catch (error) {
    showFailure(ctx, `Removing ${cluster?.project ?? 'the cluster'}`, error, { project: cluster?.project });
    return false;
  }
};
