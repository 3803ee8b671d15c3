/**
 * Names and labels that make our containers, networks and volumes look exactly like a `docker compose`
 * project to other tools, plus our own pgha.* labels that mark what we created (we never touch the rest).
 */
export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  containerNumber: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  configFiles: 'com.docker.compose.project.config_files',
  workingDir: 'com.docker.compose.project.working_dir',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
  composeVersion: 'com.docker.compose.version',
  managed: 'pgha.managed',
  role: 'pgha.role',
  major: 'pgha.major',
  composeFile: 'pgha.compose-file',
  upstream: 'pgha.upstream',
  /** Hash of the container definition, to notice a compose file edited after the container was created. */
  configHash: 'pgha.config-hash',
  /** A random id given to each data volume we create: a volume removed and made again under its name is other data. */
  dataId: 'pgha.data-id',
} as const;

/** The compose version we present ourselves as (v2 naming: project-service-1). */
export const COMPOSE_VERSION_LABEL = '2.20.0';

export { containerName, networkName, volumeName } from '../../../core/names';

/** Label filter for everything of a project that we created. */
export function ourProjectFilter(project?: string): string[] {
  const filters = [`${LABEL.managed}=true`];
  if (project) filters.push(`${LABEL.project}=${project}`);
  return filters;
}

export function isOurs(labels: Record<string, string> | undefined | null, project?: string): boolean {
  if (!labels || labels[LABEL.managed] !== 'true') return false;
  return project === undefined || labels[LABEL.project] === project;
}
