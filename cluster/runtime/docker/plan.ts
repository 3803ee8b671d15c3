/**
 * Launch plan: a pure translation of the compose Topology into Docker Engine API objects (network,
 * volumes, container create options, start order). No Docker calls here, so it is unit-testable and
 * every "this file cannot be started" problem is found before anything is created.
 */
import type { ContainerCreateOptions } from 'dockerode';
import type { ServiceModel, Topology } from '../../../core/model/topology';
import { uriToPath } from '../../../core/paths';
import { LOOPBACK } from '../../../core/postgresPort';
import { ClusterError } from '../errors';
import type { ImageMap } from './imageMap';
import { LABEL, networkName, volumeName } from './labels';
import { planContext, planService } from './planService';

export { durationNs } from './composeValues';

export interface PlannedService {
  name: string;
  model: ServiceModel;
  containerName: string;
  image: string;
  /** The image as the compose file writes it (before the image map). */
  requestedImage: string;
  create: ContainerCreateOptions;
  /** Networks beyond the first, connected after create (full names). */
  extraNetworks: { name: string; aliases: string[] }[];
  /** A PostgreSQL server we wait for (accepts connections; replicas stream). */
  postgres: boolean;
  /** Host side of the published PostgreSQL port, when there is one (probes go through it). */
  hostPort?: { ip: string; port: number };
}

export interface LaunchPlan {
  project: string;
  composeFile: string;
  workingDir: string;
  networks: { name: string; key: string; labels: Record<string, string> }[];
  volumes: { name: string; key: string; labels: Record<string, string> }[];
  /** Services in a valid start order (dependencies first). */
  services: PlannedService[];
  /** Ports written without a host address that this plan binds to 127.0.0.1 ("service 25432:5432"), for the plan's message. */
  loopbackPorts: string[];
}

export interface PlanOptions {
  imageMap: ImageMap;
  /** Reads an env_file (absolute path); undefined when missing. */
  readFile: (file: string) => string | undefined;
  /**
   * Publish ports written without a host address on every interface, as Compose does (default: on 127.0.0.1 only,
   * a local rehearsal stack is not meant to be reachable from the network).
   */
  publishAllInterfaces?: boolean;
}

/** The host address a published port binds: the written one, else loopback unless every interface was asked for. */
export function publishAddress(hostIp: string | undefined, publishAllInterfaces = false): string | undefined {
  return hostIp ?? (publishAllInterfaces ? undefined : LOOPBACK);
}

export function composeFilePath(topology: Topology): string {
  return uriToPath(topology.uri) ?? topology.uri;
}

export function planLaunch(topology: Topology, options: PlanOptions): LaunchPlan {
  const context = planContext(topology, options);
  assertSupported(topology, context.fileName);
  if (topology.services.length === 0) throw new ClusterError('invalid-topology', `${context.fileName} defines no services to start.`);
  const ordered = startOrder(topology.services, context.fileName);
  const loopbackPorts: string[] = [];
  const services = ordered.map((written) => planService(context, written, loopbackPorts));
  const { usedNetworks, usedVolumes } = usedResources(topology);
  return {
    project: topology.project,
    composeFile: context.composeFile,
    workingDir: context.workingDir,
    networks: [...usedNetworks].filter((key) => !context.externalNetworks.has(key)).map((key) => ({
      key,
      name: networkName(topology.project, key),
      labels: { ...context.projectLabels, [LABEL.network]: key },
    })),
    volumes: [...usedVolumes].filter((key) => !context.externalVolumes.has(key)).map((key) => ({
      key,
      name: volumeName(topology.project, key),
      labels: { ...context.projectLabels, [LABEL.volume]: key },
    })),
    services,
    loopbackPorts,
  };
}

function usedResources(topology: Topology): { usedNetworks: Set<string>; usedVolumes: Set<string> } {
  const usedNetworks = new Set<string>();
  const usedVolumes = new Set<string>(topology.volumes);
  for (const service of topology.services) {
    for (const net of serviceNetworks(service)) usedNetworks.add(net);
    for (const mount of service.volumes) if (mount.type === 'volume' && mount.source) usedVolumes.add(mount.source);
  }
  return { usedNetworks, usedVolumes };
}

function assertSupported(topology: Topology, fileName: string): void {
  const unsupported = topology.services.flatMap((s) => s.unsupportedKeys.map((key) => `services.${s.name}.${key}`));
  if (unsupported.length === 0) return;
  throw new ClusterError(
    'unsupported-keys',
    `${fileName} uses compose keys the launcher does not support: ${unsupported.join(', ')}. ` +
      'Nothing was created. Remove these keys (for build:, build the image first and reference it with image:) or start this file with docker compose.',
    [{ id: 'edit-compose', title: 'Open the compose file' }],
  );
}

export function serviceNetworks(service: ServiceModel): string[] {
  return service.networks.length ? service.networks : ['default'];
}

/** Services that run a PostgreSQL server we can wait for. */
export function isPostgresNode(service: ServiceModel): boolean {
  if (service.role === 'primary' || service.role === 'replica') return true;
  if (service.role === 'pooler') return false;
  // A postgres image running some other command (a one-shot job, a backup script) is not a server to wait for.
  const first = service.command?.[0];
  const runsServer = first === undefined || first === 'postgres' || first.startsWith('-');
  return runsServer && (/(^|\/)postgres(ql)?(:|@|$)/.test(service.image ?? '') || (service.flavor === 'official' && service.major !== undefined));
}

/** Dependencies first; a cycle or a missing dependency is a clear error, not a hang. */
export function startOrder(services: ServiceModel[], fileName: string): ServiceModel[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const done = new Set<string>();
  const visiting: string[] = [];
  const order: ServiceModel[] = [];
  const visit = (service: ServiceModel) => {
    if (done.has(service.name)) return;
    if (visiting.includes(service.name)) {
      const cycle = [...visiting.slice(visiting.indexOf(service.name)), service.name].join(' → ');
      throw new ClusterError('invalid-topology', `depends_on in ${fileName} forms a cycle: ${cycle}. Remove one of these dependencies.`);
    }
    visiting.push(service.name);
    for (const dep of service.dependsOn) {
      const target = byName.get(dep.service);
      if (!target) {
        throw new ClusterError('invalid-topology', `Service '${service.name}' depends on '${dep.service}', which ${fileName} does not define.`);
      }
      visit(target);
    }
    visiting.pop();
    done.add(service.name);
    order.push(service);
  };
  for (const service of services) visit(service);
  return order;
}

