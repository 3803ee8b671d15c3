/** What `up` created in this run, and removing it again when the run fails or is cancelled. */
import type Docker from 'dockerode';
import { ClusterError, describeError, isClusterError } from '../errors';
import { isNotFound } from './engine';
import type { LaunchPlan } from './plan';

export interface CreatedInRun {
  containers: Docker.Container[];
  networks: Docker.Network[];
  volumes: Docker.Volume[];
}

/** Removes what this run created, newest first; returns what could not be removed (for the message). */
export async function rollback(created: CreatedInRun): Promise<string[]> {
  const leftovers: string[] = [];
  for (const container of [...created.containers].reverse()) {
    await container.remove({ force: true, v: true }).catch((e) => (isNotFound(e) ? undefined : leftovers.push(`container ${container.id.slice(0, 12)}`)));
  }
  for (const network of created.networks) {
    await network.remove().catch((e) => (isNotFound(e) ? undefined : leftovers.push(`network ${network.id}`)));
  }
  for (const volume of created.volumes) {
    await volume.remove().catch((e) => (isNotFound(e) ? undefined : leftovers.push(`volume ${volume.name}`)));
  }
  return leftovers;
}

export function asClusterError(error: unknown, plan: LaunchPlan, leftovers: string[], created: CreatedInRun): ClusterError {
  const cleanup = leftovers.length
    ? ` Could not remove ${leftovers.join(', ')}; remove them with docker rm/network rm/volume rm.`
    : ' Everything created in this run was removed.';
  if (isClusterError(error)) {
    const cancelled = error.code === 'cancelled' && `Cancelled before project '${plan.project}' was up (${created.containers.length} container(s), ${created.networks.length} network(s), ${created.volumes.length} volume(s) created in this run).${cleanup}`;
    const message = cancelled || `${error.message}${error.message.includes('\n') ? `\n${cleanup.trim()}` : cleanup}`;
    // Once the containers are gone there are no logs to show; the message and detail carry the log tail instead.
    const actions = leftovers.length ? error.actions : error.actions.filter((a) => a.id !== 'show-logs');
    return new ClusterError(error.code, message, actions, error.detail);
  }
  return new ClusterError('start-failed', `Starting project '${plan.project}' failed: ${describeError(error)}.${cleanup}`, [{ id: 'retry', title: 'Retry' }]);
}

