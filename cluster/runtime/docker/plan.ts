/**
 * Launch plan: a pure translation of the compose Topology into Docker Engine API objects (network,
 * volumes, container create options, start order). No Docker calls here, so it is unit-testable and
 * every "this file cannot be started" problem is found before anything is created.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { ContainerCreateOptions } from 'dockerode';
import type { HealthcheckModel, ServiceModel, Topology } from '../../../core/model/topology';
import { uriToPath } from '../../../core/paths';
import { LOOPBACK, publishedPostgresPort, reachableHost } from '../../../core/postgresPort';
import { ClusterError } from '../errors';
import { resolveImage, type ImageMap } from './imageMap';
import { COMPOSE_VERSION_LABEL, LABEL, containerName, networkName, volumeName } from './labels';

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
  const composeFile = composeFilePath(topology);
  const workingDir = path.dirname(composeFile);
  const fileName = path.basename(composeFile);
  assertSupported(topology, fileName);
  if (topology.services.length === 0) throw new ClusterError('invalid-topology', `${fileName} defines no services to start.`);
  const ordered = startOrder(topology.services, fileName);
  const projectLabels = {
    [LABEL.project]: topology.project,
    [LABEL.managed]: 'true',
    [LABEL.composeVersion]: COMPOSE_VERSION_LABEL,
    // Which file owns the stack: another file with the same project name never reuses or removes it.
    [LABEL.composeFile]: composeFile,
  };
  const usedNetworks = new Set<string>();
  const usedVolumes = new Set<string>(topology.volumes);
  for (const service of topology.services) {
    for (const net of serviceNetworks(service)) usedNetworks.add(net);
    for (const mount of service.volumes) if (mount.type === 'volume' && mount.source) usedVolumes.add(mount.source);
  }
  const resolveHostPath = (p: string) => (path.isAbsolute(p) ? p : path.resolve(workingDir, p));
  // External volumes/networks keep their own name and are never created (or removed) by us.
  const externalVolumes = new Set(topology.externalVolumes ?? []);
  const externalNetworks = new Set(topology.externalNetworks ?? []);
  const projectVolume = (key: string) => (externalVolumes.has(key) ? key : volumeName(topology.project, key));
  const projectNetwork = (key: string) => (externalNetworks.has(key) ? key : networkName(topology.project, key));

  const loopbackPorts: string[] = [];
  const services = ordered.map((written): PlannedService => {
    const model = { ...written, ports: written.ports.map((port) => ({ ...port, hostIp: publishAddress(port.hostIp, options.publishAllInterfaces) })) };
    for (const port of written.ports) {
      if (port.hostIp === undefined && !options.publishAllInterfaces) loopbackPorts.push(`${model.name} ${port.hostPort ?? '(random)'}:${port.containerPort}`);
    }
    if (!model.image) {
      throw new ClusterError('invalid-topology', `Service '${model.name}' in ${fileName} has no image; add an image: line.`, [
        { id: 'edit-compose', title: 'Open the compose file', target: model.name },
      ]);
    }
    const image = resolveImage(model.image, options.imageMap);
    const name = containerName(topology.project, model.name, model.containerName);
    const env = { ...readEnvFiles(model.envFiles.map(resolveHostPath), options.readFile, model.name, fileName), ...model.environment };
    const binds: string[] = [];
    const anonymous: Record<string, object> = {};
    const tmpfs: Record<string, string> = {};
    for (const mount of model.volumes) {
      const mode = mount.readOnly ? ':ro' : '';
      if (mount.type === 'tmpfs') tmpfs[mount.target] = '';
      else if (mount.type === 'volume' && !mount.source) anonymous[mount.target] = {};
      else if (mount.type === 'volume') binds.push(`${projectVolume(mount.source!)}:${mount.target}${mode}`);
      else binds.push(`${resolveHostPath(mount.source ?? '.')}:${mount.target}${mode}`);
    }
    for (const secret of model.secrets) {
      const file = topology.secrets[secret]?.file;
      if (!file) {
        throw new ClusterError('invalid-topology', `Secret '${secret}' of service '${model.name}' has no file in ${fileName}; only file-based secrets are supported.`, [
          { id: 'edit-compose', title: 'Open the compose file', target: model.name },
        ]);
      }
      binds.push(`${resolveHostPath(file)}:/run/secrets/${secret}:ro`);
    }
    const exposed: Record<string, object> = {};
    const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
    for (const port of model.ports) {
      const key = `${port.containerPort}/${port.protocol}`;
      exposed[key] = {};
      (bindings[key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: port.hostPort === undefined ? '' : String(port.hostPort) });
    }
    const networks = serviceNetworks(model).map(projectNetwork);
    const aliases = [model.name];
    const postgres = isPostgresNode(model);
    const pgPort = publishedPostgresPort({ ...model, environment: env });
    const labels: Record<string, string> = {
      ...projectLabels,
      [LABEL.service]: model.name,
      [LABEL.containerNumber]: '1',
      [LABEL.oneoff]: 'False',
      [LABEL.configFiles]: composeFile,
      [LABEL.workingDir]: workingDir,
      [LABEL.role]: model.role,
      [LABEL.composeFile]: composeFile,
    };
    if (model.major !== undefined) labels[LABEL.major] = String(model.major);
    if (model.upstream) labels[LABEL.upstream] = model.upstream;
    const create: ContainerCreateOptions = {
      name,
      Image: image,
      Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
      Labels: labels,
      ExposedPorts: exposed,
      Volumes: anonymous,
      HostConfig: {
        Binds: binds,
        Tmpfs: tmpfs,
        PortBindings: bindings,
        RestartPolicy: restartPolicy(model.restart),
        NetworkMode: networks[0],
      },
      NetworkingConfig: { EndpointsConfig: { [networks[0]]: { Aliases: aliases } } },
    };
    if (model.command) create.Cmd = model.command;
    if (model.entrypoint?.length) create.Entrypoint = model.entrypoint;
    if (model.hostname) create.Hostname = model.hostname;
    if (model.labels) create.Labels = { ...model.labels, ...labels };
    const shm = byteSize(model.shmSize);
    if (shm !== undefined) create.HostConfig!.ShmSize = shm;
    const grace = durationNs(model.stopGracePeriod);
    if (grace !== undefined) create.StopTimeout = Math.ceil(grace / 1e9);
    if (model.user) create.User = model.user;
    // The official postgres image declares STOPSIGNAL SIGINT (fast shutdown); images imported without it
    // (mirrors, our test images) would otherwise get SIGTERM and wait for every session to end.
    if (model.stopSignal) create.StopSignal = model.stopSignal;
    else if (postgres) create.StopSignal = 'SIGINT';
    if (model.healthcheck) create.Healthcheck = healthcheck(model.healthcheck);
    create.Labels = { ...create.Labels, [LABEL.configHash]: createHash('sha256').update(JSON.stringify(create)).digest('hex').slice(0, 16) };
    return {
      name: model.name,
      model,
      containerName: name,
      image,
      requestedImage: model.image,
      create,
      extraNetworks: networks.slice(1).map((n) => ({ name: n, aliases })),
      postgres,
      hostPort: pgPort ? { ip: reachableHost(pgPort.hostIp), port: pgPort.hostPort } : undefined,
    };
  });

  return {
    project: topology.project,
    composeFile,
    workingDir,
    networks: [...usedNetworks].filter((key) => !externalNetworks.has(key)).map((key) => ({
      key,
      name: networkName(topology.project, key),
      labels: { ...projectLabels, [LABEL.network]: key },
    })),
    volumes: [...usedVolumes].filter((key) => !externalVolumes.has(key)).map((key) => ({
      key,
      name: volumeName(topology.project, key),
      labels: { ...projectLabels, [LABEL.volume]: key },
    })),
    services,
    loopbackPorts,
  };
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

function serviceNetworks(service: ServiceModel): string[] {
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

/** Probes go to loopback; a port published on all interfaces is reachable there too. */
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

function restartPolicy(restart: string | undefined): { Name: string; MaximumRetryCount?: number } {
  if (!restart || restart === 'no') return { Name: 'no' };
  const onFailure = /^on-failure(?::(\d+))?$/.exec(restart);
  if (onFailure) return { Name: 'on-failure', MaximumRetryCount: Number(onFailure[1] ?? 0) };
  return { Name: restart };
}

/** Compose durations ("1m30s", "500ms", "10s") in nanoseconds, as the Engine API wants them. */
export function durationNs(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const units: Record<string, number> = { h: 3600e9, m: 60e9, s: 1e9, ms: 1e6, us: 1e3, ns: 1 };
  let total = 0;
  let matched = '';
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|ns)/g)) {
    total += Number(part[1]) * units[part[2]];
    matched += part[0];
  }
  return matched === text.replace(/\s+/g, '') && matched ? Math.round(total) : undefined;
}

/** Compose byte sizes ("256m", "1gb", "1024") in bytes. */
export function byteSize(text: string | undefined): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$/i.exec(text ?? '');
  if (!match) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(match[1]) * unit);
}

export function healthcheck(model: HealthcheckModel): NonNullable<ContainerCreateOptions['Healthcheck']> {
  if (model.disabled) return { Test: ['NONE'] };
  const test = typeof model.test === 'string' ? ['CMD-SHELL', model.test] : model.test;
  return {
    Test: test,
    Interval: durationNs(model.interval),
    Timeout: durationNs(model.timeout),
    Retries: model.retries,
    StartPeriod: durationNs(model.startPeriod),
  };
}

/** KEY=VALUE lines of env files (comments and blanks skipped; optional quotes removed). */
export function readEnvFiles(files: string[], readFile: (file: string) => string | undefined, service: string, fileName: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const file of files) {
    const text = readFile(file);
    if (text === undefined) {
      throw new ClusterError('invalid-topology', `env_file ${file} of service '${service}' (${fileName}) does not exist; create it or remove the env_file entry.`);
    }
    for (const line of text.split(/\r?\n/)) {
      const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
      if (!match || line.trim().startsWith('#')) continue;
      env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  return env;
}
