/**
 * The names compose gives a project's containers, volumes and networks (v2 naming), and the host names other
 * containers of the project reach a service by. Launcher, failover, monitor, views and test clusters use these.
 */

/** `container_name:` when set, else `<project>-<service>-1`. */
export function containerName(project: string, service: string, explicit?: string): string {
  return explicit ?? `${project}-${service}-1`;
}

/** A named volume of the project as Docker knows it. */
export function volumeName(project: string, volume: string): string {
  return `${project}_${volume}`;
}

/** A network of the project as Docker knows it. */
export function networkName(project: string, network: string): string {
  return `${project}_${network}`;
}

/** The volume key pgha gives the data of a node it adds (failover add-replica). */
export function nodeDataVolumeKey(service: string): string {
  return `${service}-data`;
}

/**
 * Names under which other containers of the project reach a service (and so what a replica's
 * primary_conninfo host may say): the service name, its container name (`container_name:` or compose v2's),
 * and compose v1's `<project>_<service>_1` for stacks started by the old tool.
 */
export function serviceHostNames(project: string, service: string, explicitContainerName?: string): string[] {
  const names = [service, containerName(project, service, explicitContainerName)];
  if (!explicitContainerName) names.push(`${project}_${service}_1`);
  return [...new Set(names)];
}
