/** One compose service planned as a Docker container: mounts, ports, labels and the create options. */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { ContainerCreateOptions } from 'dockerode';
import type { ServiceModel, Topology } from '../../../core/model/topology';
import { publishedPostgresPort, reachableHost } from '../../../core/postgresPort';
import { ClusterError, type SuggestedAction } from '../errors';
import { byteSize, durationNs, healthcheck, readEnvFiles, restartPolicy } from './composeValues';
import { resolveImage } from './imageMap';
import { COMPOSE_VERSION_LABEL, LABEL, containerName, networkName, volumeName } from './labels';
import { composeFilePath, isPostgresNode, publishAddress, serviceNetworks, type PlanOptions, type PlannedService } from './plan';

/** What every service of one plan shares. */
export interface PlanContext {
  topology: Topology;
  options: PlanOptions;
  composeFile: string;
  workingDir: string;
  fileName: string;
  projectLabels: Record<string, string>;
  externalVolumes: Set<string>;
  externalNetworks: Set<string>;
}

export function planContext(topology: Topology, options: PlanOptions): PlanContext {
  const composeFile = composeFilePath(topology);
  return {
    topology,
    options,
    composeFile,
    workingDir: path.dirname(composeFile),
    fileName: path.basename(composeFile),
    projectLabels: {
      [LABEL.project]: topology.project,
      [LABEL.managed]: 'true',
      [LABEL.composeVersion]: COMPOSE_VERSION_LABEL,
      // Which file owns the stack: another file with the same project name never reuses or removes it.
      [LABEL.composeFile]: composeFile,
    },
    // External volumes/networks keep their own name and are never created (or removed) by us.
    externalVolumes: new Set(topology.externalVolumes ?? []),
    externalNetworks: new Set(topology.externalNetworks ?? []),
  };
}

const hostPath = (context: PlanContext, p: string) => (path.isAbsolute(p) ? p : path.resolve(context.workingDir, p));
const projectVolume = (context: PlanContext, key: string) =>
  context.externalVolumes.has(key) ? key : volumeName(context.topology.project, key);
const projectNetwork = (context: PlanContext, key: string) =>
  context.externalNetworks.has(key) ? key : networkName(context.topology.project, key);
const editCompose = (target: string): SuggestedAction[] => [{ id: 'edit-compose', title: 'Open the compose file', target }];

/** Plans one service; ports written without a host address that go to loopback are added to loopbackPorts. */
export function planService(context: PlanContext, written: ServiceModel, loopbackPorts: string[]): PlannedService {
  const { options, fileName } = context;
  const model = { ...written, ports: written.ports.map((port) => ({ ...port, hostIp: publishAddress(port.hostIp, options.publishAllInterfaces) })) };
  for (const port of written.ports) {
    if (port.hostIp === undefined && !options.publishAllInterfaces) loopbackPorts.push(`${model.name} ${port.hostPort ?? '(random)'}:${port.containerPort}`);
  }
  if (!model.image) {
    throw new ClusterError('invalid-topology', `Service '${model.name}' in ${fileName} has no image; add an image: line.`, editCompose(model.name));
  }
  const image = resolveImage(model.image, options.imageMap);
  const name = containerName(context.topology.project, model.name, model.containerName);
  const env = { ...readEnvFiles(model.envFiles.map((f) => hostPath(context, f)), options.readFile, model.name, fileName), ...model.environment };
  const networks = serviceNetworks(model).map((key) => projectNetwork(context, key));
  const aliases = [model.name];
  const postgres = isPostgresNode(model);
  const pgPort = publishedPostgresPort({ ...model, environment: env });
  const create = createOptions(context, model, { name, image, env, networks, aliases, postgres });
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
}

interface ContainerFacts {
  name: string;
  image: string;
  env: Record<string, string>;
  networks: string[];
  aliases: string[];
  postgres: boolean;
}

function createOptions(context: PlanContext, model: ServiceModel, facts: ContainerFacts): ContainerCreateOptions {
  const { binds, anonymous, tmpfs } = mounts(context, model);
  const { exposed, bindings } = portBindings(model);
  const labels = serviceLabels(context, model);
  const create: ContainerCreateOptions = {
    name: facts.name,
    Image: facts.image,
    Env: Object.entries(facts.env).map(([k, v]) => `${k}=${v}`),
    Labels: model.labels ? { ...model.labels, ...labels } : labels,
    ExposedPorts: exposed,
    Volumes: anonymous,
    HostConfig: {
      Binds: binds,
      Tmpfs: tmpfs,
      PortBindings: bindings,
      RestartPolicy: restartPolicy(model.restart),
      NetworkMode: facts.networks[0],
    },
    NetworkingConfig: { EndpointsConfig: { [facts.networks[0]]: { Aliases: facts.aliases } } },
  };
  applyRunOptions(create, model, facts.postgres);
  create.Labels = { ...create.Labels, [LABEL.configHash]: createHash('sha256').update(JSON.stringify(create)).digest('hex').slice(0, 16) };
  return create;
}

/** command, entrypoint, hostname, shm, grace period, user, stop signal, healthcheck. */
function applyRunOptions(create: ContainerCreateOptions, model: ServiceModel, postgres: boolean): void {
  if (model.command) create.Cmd = model.command;
  if (model.entrypoint?.length) create.Entrypoint = model.entrypoint;
  if (model.hostname) create.Hostname = model.hostname;
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
}

function mounts(context: PlanContext, model: ServiceModel) {
  const binds: string[] = [];
  const anonymous: Record<string, object> = {};
  const tmpfs: Record<string, string> = {};
  for (const mount of model.volumes) {
    const mode = mount.readOnly ? ':ro' : '';
    if (mount.type === 'tmpfs') tmpfs[mount.target] = '';
    else if (mount.type === 'volume' && !mount.source) anonymous[mount.target] = {};
    else if (mount.type === 'volume') binds.push(`${projectVolume(context, mount.source!)}:${mount.target}${mode}`);
    else binds.push(`${hostPath(context, mount.source ?? '.')}:${mount.target}${mode}`);
  }
  for (const secret of model.secrets) {
    const file = context.topology.secrets[secret]?.file;
    if (!file) {
      throw new ClusterError(
        'invalid-topology',
        `Secret '${secret}' of service '${model.name}' has no file in ${context.fileName}; only file-based secrets are supported.`,
        editCompose(model.name),
      );
    }
    binds.push(`${hostPath(context, file)}:/run/secrets/${secret}:ro`);
  }
  return { binds, anonymous, tmpfs };
}

function portBindings(model: ServiceModel) {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of model.ports) {
    const key = `${port.containerPort}/${port.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: port.hostPort === undefined ? '' : String(port.hostPort) });
  }
  return { exposed, bindings };
}

function serviceLabels(context: PlanContext, model: ServiceModel): Record<string, string> {
  const labels: Record<string, string> = {
    ...context.projectLabels,
    [LABEL.service]: model.name,
    [LABEL.containerNumber]: '1',
    [LABEL.oneoff]: 'False',
    [LABEL.configFiles]: context.composeFile,
    [LABEL.workingDir]: context.workingDir,
    [LABEL.role]: model.role,
    [LABEL.composeFile]: context.composeFile,
  };
  if (model.major !== undefined) labels[LABEL.major] = String(model.major);
  if (model.upstream) labels[LABEL.upstream] = model.upstream;
  return labels;
}
