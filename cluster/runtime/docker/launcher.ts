/**
 * `up`: starts a compose Topology through the Docker Engine API. Checks everything first (supported
 * keys, engine, images, ports, name clashes), creates network/volumes/containers with compose labels,
 * starts services as soon as their depends_on conditions hold, and waits until every PostgreSQL node
 * accepts connections and every replica streams. Any failure removes everything created in this run.
 */
import { randomUUID } from 'crypto';
import type Docker from 'dockerode';
import type { Topology } from '../../../core/model/topology';
import { assertEngineReachable, isNotFound, type EngineConnection } from './engine';
import { ClusterError, throwIfCancelled } from '../errors';
import type { ImageMap } from './imageMap';
import { planLaunch, type LaunchPlan, type PlannedService } from './plan';
import { checkImages, checkPorts, findExistingContainers, type ExistingContainer } from './preflight';
import { logReason, reasonFirst } from '../failureReason';
import { answersOnPort, logTail, probeUser, runHealthTest, type NodeStatus } from './probes';
import { LABEL } from './labels';
import { asClusterError, rollback, type CreatedInRun } from './rollback';
import { nodeReadFile } from './util';
import { pollUntil } from '../poll';
import { assertAlive, countSteps, nodeReady, type Progress, type ReadyContext, type RunOptions } from './readiness';
import type { ProgressEvent } from '../types';
import { dcsQuorumGate, managedReady } from './managedLaunch';

export interface UpOptions {
  engine: EngineConnection;
  imageMap: ImageMap;
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  /** Wait until PostgreSQL nodes accept connections and replicas stream (default true). */
  wait?: boolean;
  timeoutMs?: number;
  readFile?: (path: string) => string | undefined;
  currentRoles?: Record<string, string>;
  publishAllInterfaces?: boolean;
}

export interface UpNode {
  service: string;
  containerName: string;
  id: string;
  role: string;
  hostPort?: number;
  status?: NodeStatus;
}

export interface UpResult {
  project: string;
  nodes: UpNode[];
  createdContainers: number;
  elapsedMs: number;
  /** Services whose existing container was created from an older definition (the compose file changed since). */
  outdated: string[];
}

export async function up(topology: Topology, upOptions: UpOptions): Promise<UpResult> {
  const started = Date.now();
  // Our own signal too: after a failure, every wait still running stops before the rollback.
  const stopWaits = new AbortController();
  const onCallerAbort = () => stopWaits.abort();
  upOptions.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (upOptions.signal?.aborted) stopWaits.abort();
  const options: RunOptions = { ...upOptions, signal: stopWaits.signal, restartBaseline: new Map() };
  const readFile = options.readFile ?? nodeReadFile;
  const plan = planLaunch(topology, { imageMap: options.imageMap, readFile, publishAllInterfaces: options.publishAllInterfaces });
  const docker = options.engine.docker;
  let step = 0;
  // A managed cluster adds four: the etcd quorum wait and answer, the leader wait and answer.
  const totalSteps = countSteps(plan, options) + (topology.managed && options.wait !== false ? 4 : 0);
  const progress: Progress = (message, service) => options.onProgress?.({ message, step: ++step, totalSteps, service });

  progress(`Checking the Docker engine at ${options.engine.endpoint}`);
  await assertEngineReachable(options.engine);
  if (plan.loopbackPorts.length) {
    progress(`Publishing on 127.0.0.1 only (no host address written; --publish-all-interfaces for every interface): ${plan.loopbackPorts.join(', ')}`);
  }
  progress('Checking images, ports and container names');
  const existing = await findExistingContainers(options.engine, plan);
  await checkImages(options.engine, plan.services.filter((s) => !existing.has(s.name)));
  await checkPorts(plan, existing);
  throwIfCancelled(options.signal);

  const created: CreatedInRun = { containers: [], networks: [], volumes: [] };
  try {
    const { containers, outdated } = await createObjects(docker, plan, existing, created, progress, options.signal);
    throwIfCancelled(options.signal);
    // Each node's readiness wait begins as soon as it starts, overlapping with the services after it.
    const readiness = new Map<string, Promise<UpNode>>();
    const context: ReadyContext = { plan, topology, readFile, options, progress };
    const whenStarted = (service: PlannedService) => {
      const ready = nodeReady(context, service, containers.get(service.name)!);
      ready.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
      readiness.set(service.name, ready);
    };
    await startInDependencyOrder(plan, containers, options, progress, whenStarted, dcsQuorumGate(topology, containers, options, progress));
    const nodes = await Promise.all(plan.services.map((s) => readiness.get(s.name)!));
    await managedReady(topology, options, progress);
    return { project: plan.project, nodes, createdContainers: created.containers.length, elapsedMs: Date.now() - started, outdated };
  } catch (error) {
    stopWaits.abort();
    const leftovers = await rollback(created);
    throw asClusterError(error, plan, leftovers, created);
  } finally {
    upOptions.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/**
 * Creates the plan's networks, volumes and containers (reusing what exists), recording each object in `created` the
 * moment it exists so a failure anywhere still rolls it back. Returns every service's container and the services
 * whose existing container comes from an older definition.
 */
async function createObjects(
  docker: Docker,
  plan: LaunchPlan,
  existing: Map<string, ExistingContainer>,
  created: CreatedInRun,
  progress: (message: string, service?: string) => void,
  signal: AbortSignal | undefined,
): Promise<{ containers: Map<string, Docker.Container>; outdated: string[] }> {
  const outdated: string[] = [];
  const containers = new Map<string, Docker.Container>();
  for (const network of plan.networks) {
    progress(`Network ${network.name}`);
    if (!(await exists(() => docker.getNetwork(network.name).inspect()))) {
      created.networks.push(await docker.createNetwork({ Name: network.name, Driver: 'bridge', Labels: network.labels, CheckDuplicate: true }));
    }
  }
  // Volumes and containers are independent of each other: create them concurrently.
  await settleAll(
    plan.volumes.map(async (volume) => {
      progress(`Volume ${volume.name}`);
      if (!(await exists(() => docker.getVolume(volume.name).inspect()))) {
        await docker.createVolume({ Name: volume.name, Labels: { ...volume.labels, [LABEL.dataId]: randomUUID() } });
        created.volumes.push(docker.getVolume(volume.name));
      }
    }),
  );
  throwIfCancelled(signal);
  await settleAll(
    plan.services.map(async (service) => {
      const found = existing.get(service.name);
      if (found) {
        // Like docker compose, notice an edited definition; unlike it, never recreate a database node unasked.
        const outdatedDefinition = found.configHash !== undefined && found.configHash !== service.create.Labels?.[LABEL.configHash];
        if (outdatedDefinition) outdated.push(service.name);
        progress(`Container ${service.containerName} exists; reusing it${outdatedDefinition ? ' (created from an older definition of the service)' : ''}`, service.name);
        containers.set(service.name, docker.getContainer(found.id));
        return;
      }
      progress(`Creating container ${service.containerName}`, service.name);
      const container = await docker.createContainer(service.create);
      created.containers.push(container);
      containers.set(service.name, container);
      for (const extra of service.extraNetworks) {
        await docker.getNetwork(extra.name).connect({ Container: container.id, EndpointConfig: { Aliases: extra.aliases } });
      }
    }),
  );
  return { containers, outdated };
}

/** Like Promise.all, but waits for every promise before rethrowing the first failure (nothing still in flight during rollback). */
async function settleAll(promises: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(promises);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

async function exists(inspect: () => Promise<unknown>): Promise<boolean> {
  try {
    await inspect();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** Starts each service once its dependencies meet their condition; independent services start concurrently. */
async function startInDependencyOrder(
  plan: LaunchPlan,
  containers: Map<string, Docker.Container>,
  options: RunOptions,
  progress: (message: string, service?: string) => void,
  whenStarted: (service: PlannedService) => void,
  beforeStart: (service: PlannedService) => Promise<void>,
): Promise<void> {
  const healthWaits = new Map<string, Promise<void>>();
  const byName = new Map(plan.services.map((s) => [s.name, s]));
  const startedServices = new Map<string, Promise<void>>();
  const startService = (service: PlannedService): Promise<void> => {
    let promise = startedServices.get(service.name);
    if (!promise) {
      promise = (async () => {
        for (const dep of service.model.dependsOn) {
          const target = byName.get(dep.service)!;
          await startService(target);
          if (dep.condition === 'service_healthy') {
            let wait = healthWaits.get(target.name);
            if (!wait) {
              progress(`Waiting for ${dep.service} to be healthy`, dep.service);
              wait = waitHealthy(target, containers.get(target.name)!, options);
              healthWaits.set(target.name, wait);
            }
            await wait;
          } else if (dep.condition === 'service_completed_successfully') {
            progress(`Waiting for ${dep.service} to complete`, dep.service);
            await waitCompleted(target, containers.get(target.name)!, options);
          }
        }
        await beforeStart(service);
        throwIfCancelled(options.signal);
        const container = containers.get(service.name)!;
        const info = await container.inspect();
        options.restartBaseline.set(service.name, info.RestartCount);
        if (!info.State.Running) {
          progress(`Starting ${service.name}`, service.name);
          await container.start();
        } else {
          progress(`${service.name} is already running`, service.name);
        }
        whenStarted(service);
      })();
      startedServices.set(service.name, promise);
    }
    return promise;
  };
  await Promise.all(plan.services.map(startService));
}

async function waitHealthy(service: PlannedService, container: Docker.Container, options: RunOptions): Promise<void> {
  const test = service.create.Healthcheck?.Test;
  if (!test || test[0] === 'NONE') {
    throw new ClusterError('invalid-topology', `Another service waits for '${service.name}' to be healthy, but '${service.name}' has no healthcheck. Add a healthcheck: to it.`);
  }
  await pollUntil(
    async () => {
      const info = await assertAlive(service, container, options);
      const health = info.State.Health?.Status;
      if (health === 'healthy') return true;
      if (health === 'unhealthy') {
        const tail = await logTail(container);
        throw new ClusterError(
          'start-failed',
          reasonFirst(service.name, logReason(tail), 'is unhealthy (its healthcheck keeps failing).'),
          [{ id: 'show-logs', title: `Show logs of ${service.name}`, target: service.name }],
          tail,
        );
      }
      if (!info.State.Running) return false;
      // A PostgreSQL node is not healthy before it answers on its published port: check that first
      // (cheap), so the exec below does not compete with initdb for CPU on every poll.
      if (service.postgres && service.hostPort && !(await answersOnPort(service.hostPort.ip, service.hostPort.port, probeUser(service)))) return false;
      // Then run the service's own test ourselves: same condition, without waiting for Docker's next interval.
      return runHealthTest(container, test);
    },
    `${service.name} to be healthy`,
    options,
  );
}

async function waitCompleted(service: PlannedService, container: Docker.Container, options: UpOptions): Promise<void> {
  await pollUntil(
    async () => {
      const info = await container.inspect();
      if (info.State.Running || info.State.Status === 'created') return false;
      if (info.State.ExitCode === 0) return true;
      throw new ClusterError('start-failed', `Service '${service.name}' exited with code ${info.State.ExitCode}; services depending on its success cannot start.`, [
        { id: 'show-logs', title: `Show logs of ${service.name}`, target: service.name },
      ]);
    },
    `${service.name} to complete`,
    options,
  );
}

