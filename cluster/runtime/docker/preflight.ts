/**
 * Checks run before anything is created: images present, published ports free, container names not
 * taken by containers we did not create. Each failure is one ClusterError listing every offender.
 */
import type { EngineConnection } from './engine';
import { isNotFound } from './engine';
import { ClusterError } from '../errors';
import { isOurs, LABEL } from './labels';
import type { LaunchPlan, PlannedService } from './plan';
import { tcpPortFree } from '../tcpPort';
import { assertOwnComposeFile } from '../identity';

export interface ExistingContainer {
  id: string;
  name: string;
  running: boolean;
  /** Our definition hash when it was created (absent on containers from older versions). */
  configHash?: string;
}

/** Our containers of this plan that already exist (a stack started before); foreign ones raise name-clash. */
export async function findExistingContainers(engine: EngineConnection, plan: LaunchPlan): Promise<Map<string, ExistingContainer>> {
  await assertPlanOwnsProject(engine, plan);
  const existing = new Map<string, ExistingContainer>();
  const clashes: { name: string; service: string }[] = [];
  for (const service of plan.services) {
    try {
      const info = await engine.docker.getContainer(service.containerName).inspect();
      if (!isOurs(info.Config.Labels, plan.project)) {
        clashes.push({ name: service.containerName, service: service.name });
        continue;
      }
      existing.set(service.name, { id: info.Id, name: service.containerName, running: info.State.Running, configHash: info.Config.Labels?.[LABEL.configHash] });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  if (clashes.length) {
    throw new ClusterError(
      'name-clash',
      `A container named ${clashes.map((c) => `'${c.name}' (service ${c.service})`).join(', ')} already exists and was not created by PostgreSQL HA Studio for project '${plan.project}'. ` +
        'Nothing was created. Remove or rename that container (docker rm), or set a different project name (name: in the compose file).',
      // The command runs as printed: the bare container name (a name is [a-zA-Z0-9][a-zA-Z0-9_.-]*, nothing to quote).
      clashes.map((c) => ({ id: 'remove-container' as const, title: `Show '${c.name}'`, target: c.name, command: `docker inspect ${c.name}` })),
    );
  }
  return existing;
}

/**
 * The project's containers and volumes that exist must come from this plan's compose file: a look-alike project
 * (same name, another folder) is neither reused nor given our volumes (its data).
 */
async function assertPlanOwnsProject(engine: EngineConnection, plan: LaunchPlan): Promise<void> {
  const filters = { label: [`${LABEL.managed}=true`, `${LABEL.project}=${plan.project}`] };
  const [containers, { Volumes }] = await Promise.all([engine.docker.listContainers({ all: true, filters }), engine.docker.listVolumes({ filters })]);
  const owners = [...containers.map((c) => c.Labels[LABEL.composeFile]), ...(Volumes ?? []).map((v) => v.Labels?.[LABEL.composeFile])];
  assertOwnComposeFile(plan.project, plan.composeFile, owners, 'created or started', 'Docker');
}

/** Every image (after the image map) must exist locally; missing ones are listed with a pull action. */
export async function checkImages(engine: EngineConnection, services: PlannedService[]): Promise<void> {
  const missing: PlannedService[] = [];
  const seen = new Set<string>();
  for (const service of services) {
    if (seen.has(service.image)) continue;
    seen.add(service.image);
    try {
      await engine.docker.getImage(service.image).inspect();
    } catch (error) {
      if (!isNotFound(error)) throw error;
      missing.push(service);
    }
  }
  if (missing.length === 0) return;
  const names = missing.map((s) => (s.image === s.requestedImage ? `'${s.image}'` : `'${s.image}' (mapped from '${s.requestedImage}')`));
  throw new ClusterError(
    'image-missing',
    `Image ${names.join(', ')} is not available locally. Nothing was created. Pull it first (needs access to a registry), ` +
      'or, when offline, map the name to an image you have with the pgha.imageMap setting or PGHA_IMAGE_MAP="name=local-image".',
    missing.map((s) => ({ id: 'pull-image' as const, title: `Pull ${s.image}`, target: s.image, command: `docker pull ${s.image}` })),
  );
}

/** Published host ports must be free (unless our own running container of this stack holds them). */
export async function checkPorts(plan: LaunchPlan, existing: Map<string, ExistingContainer>): Promise<void> {
  const problems: string[] = [];
  const claimed = new Map<string, string>();
  for (const service of plan.services) {
    if (existing.get(service.name)?.running) continue;
    for (const port of service.model.ports) {
      if (port.hostPort === undefined) continue;
      const ip = port.hostIp ?? '0.0.0.0';
      const key = `${port.protocol}:${port.hostPort}`;
      const other = claimed.get(key);
      if (other) {
        problems.push(`port ${port.hostPort} is published by both '${other}' and '${service.name}'`);
        continue;
      }
      claimed.set(key, service.name);
      if (port.protocol === 'tcp' && !(await tcpPortFree(ip, port.hostPort))) {
        problems.push(`port ${port.hostPort} on ${ip} (service ${service.name}) is already in use`);
      }
    }
  }
  if (problems.length === 0) return;
  throw new ClusterError(
    'port-busy',
    `Cannot publish the ports of project '${plan.project}': ${problems.join('; ')}. Nothing was created. ` +
      'Stop the program or container using the port, or change the host port in the ports: list of the compose file.',
    [{ id: 'free-port', title: 'Show what uses the port' }, { id: 'edit-compose', title: 'Open the compose file' }],
  );
}
