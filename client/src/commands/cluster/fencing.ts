/**
 * Split-brain prevention in the UI: the cluster history (cluster/history) of a tree cluster, and the check every
 * start makes — a fenced former primary is not started; the user is offered "Rejoin as Replica" instead.
 */
import * as vscode from 'vscode';
import { FencedStartError, assertMayStart, planStart, type StartPlan } from '../../../../cluster/history/guard';
import type { Topology } from '../../../../core/model/topology';
import type { ClusterEntry } from '../../views/clusters/clusterList';
import { historyOf, nodeArgument } from '../../views/splitBrain';
import { CANCEL } from '../confirm';

export const REJOIN = 'Rejoin as Replica';
const uiHint = (service: string) => `use "${REJOIN}" on ${service}`;

/** Offers the repair of a refused start; runs "Rejoin as Replica" on the fenced node when chosen. */
async function offerRejoin(cluster: ClusterEntry, error: FencedStartError): Promise<void> {
  const pick = await vscode.window.showErrorMessage(`PostgreSQL HA: not started. ${error.message}`, { modal: true }, { title: CANCEL, isCloseAffordance: true }, { title: REJOIN });
  if (pick?.title !== REJOIN) return;
  await vscode.commands.executeCommand('pgha.monitor.rejoin', nodeArgument(cluster, error.services[0]));
}

/** True when starting `services` of `cluster` must not happen (the user was told why and offered the repair). */
export async function refuseFencedStart(cluster: ClusterEntry, services: string[]): Promise<boolean> {
  try {
    assertMayStart(historyOf(cluster), services, uiHint);
    return false;
  } catch (error) {
    if (!(error instanceof FencedStartError)) throw error;
    await offerRejoin(cluster, error);
    return true;
  }
}

/** The start plan of a cluster with a compose file: refused (user told) → undefined, else the roles to wait for. */
export async function planClusterStart(cluster: ClusterEntry, topology: Topology): Promise<StartPlan | undefined> {
  const plan = planStart(topology, historyOf(cluster), uiHint);
  if (!plan.refusal) return plan;
  const fenced = historyOf(cluster).read().fenced.map((f) => f.service);
  await offerRejoin(cluster, new FencedStartError(fenced, plan.refusal));
  return undefined;
}
