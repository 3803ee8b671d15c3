/**
 * Start / stop / remove a whole cluster. Start is also the compose code lens's "Start cluster" (argument: the
 * document URI string). The tree follows through Docker events; these commands never refresh it by hand.
 */
import * as vscode from 'vscode';
import { up } from '../../../../cluster/runtime/docker/launcher';
import { down, startStack, stopStack } from '../../../../cluster/runtime/docker/manage';
import type { Topology } from '../../../../server/src/protocol';
import type { ClusterEntry } from '../../views/clusters/clusterList';
import { requireTopology } from '../../views/clusters/discovery';
import { readClusterSettings } from '../../views/settings';
import type { Ctx } from '../../ctx';
import type { ImageMap } from '../../../../cluster/runtime/docker/imageMap';
import type { CommandFactory } from '../index';
import { describeOutdated, RECREATE_ACTION } from './outdated';
import { engine, resolveCluster, showFailure, withSteps } from './shared';

/** What `up` reported, in one line: "ha-stack is up in 12.3 s: primary, replica1 (streaming), replica2 (streaming)". */
export function describeUp(project: string, nodes: { service: string; status?: { inRecovery: boolean } }[], elapsedMs: number): string {
  const parts = nodes.map((n) => (n.status?.inRecovery ? `${n.service} (streaming)` : n.service));
  return `${project} is up in ${(elapsedMs / 1000).toFixed(1)} s: ${parts.join(', ')}`;
}

export const startCluster: CommandFactory = (ctx) => {
  const run = async (arg?: unknown): Promise<boolean> => {
    let cluster: ClusterEntry | undefined;
    try {
      cluster = await resolveCluster(ctx, arg, ['not created', 'stopped', 'partial'], 'Choose a cluster to start');
      if (!cluster) return false;
      const chosen = cluster;
      const settings = readClusterSettings();
      for (const problem of settings.imageMapProblems) ctx.output.appendLine(`[clusters] ${problem}`);
      if (!chosen.composeUri) {
        // A project started elsewhere whose compose file we do not know: start its existing containers.
        await withSteps(`Starting ${chosen.project}`, (report, signal) => startStack(engine(), chosen.project, { onProgress: report, signal }));
        return true;
      }
      const topology = chosen.topology ?? (await requireTopology(ctx, vscode.Uri.parse(chosen.composeUri)));
      await startFromTopology(ctx, topology, settings.imageMap, `Starting ${chosen.project}`);
      return true;
    } catch (error) {
      showFailure(ctx, `Starting ${cluster?.project ?? 'the cluster'}`, error, { retry: () => run(arg), composeUri: cluster?.composeUri, project: cluster?.project });
      return false;
    }
  };
  return run;
};

/** Runs `up`, reports it, and warns (never recreating unasked) about containers from an older compose file. */
async function startFromTopology(ctx: Ctx, topology: Topology, imageMap: ImageMap, title: string): Promise<void> {
  const result = await withSteps(title, (report, signal) =>
    up(topology, {
      engine: engine(),
      imageMap,
      signal,
      onProgress: (event) => report(event.message, event.step, event.totalSteps),
    }),
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
      await withSteps(`Removing ${result.project}`, (report, signal) => down(engine(), result.project, { volumes: false, onProgress: report, signal }));
      await startFromTopology(ctx, topology, imageMap, `Recreating ${result.project}`);
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
    const stopped = await withSteps(`Stopping ${project}`, (report, signal) => stopStack(engine(), project, { onProgress: report, signal }));
    const message = `${project}: stopped ${stopped} container${stopped === 1 ? '' : 's'}; the data stays in its volumes ("Start cluster" brings it back).`;
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

/** Removes containers and networks; asks first, and whether the volumes (the data) go too. */
export const removeCluster: CommandFactory = (ctx) => async (arg?: unknown, options?: { volumes?: boolean; confirmed?: boolean }) => {
  let cluster: ClusterEntry | undefined;
  try {
    cluster = await resolveCluster(ctx, arg, ['running', 'partial', 'stopped'], 'Choose a cluster to remove');
    if (!cluster) return false;
    const project = cluster.project;
    let volumes = options?.volumes ?? false;
    if (!options?.confirmed) {
      const pick = await vscode.window.showWarningMessage(
        `Remove cluster ${project}?`,
        { modal: true, detail: `Its ${cluster.containers.length} container(s) and network are removed. Only objects created by PostgreSQL HA Studio are touched.` },
        KEEP_DATA,
        DELETE_DATA,
      );
      if (!pick) return false;
      volumes = pick === DELETE_DATA;
    }
    const result = await withSteps(`Removing ${project}`, (report, signal) => down(engine(), project, { volumes, onProgress: report, signal }));
    const message = `${project}: removed ${result.containers} container(s), ${result.networks} network(s)${volumes ? ` and ${result.volumes} volume(s)` : '; volumes kept'}.`;
    ctx.output.appendLine(`[clusters] ${message}`);
    void vscode.window.showInformationMessage(`PostgreSQL HA: ${message}`);
    return true;
  } catch (error) {
    showFailure(ctx, `Removing ${cluster?.project ?? 'the cluster'}`, error, { project: cluster?.project });
    return false;
  }
};
