/**
 * `up`: starts a compose Topology through the Docker Engine API. Checks everything first (supported
 * keys, engine, images, ports, name clashes), creates network/volumes/containers with compose labels,
 * starts services as soon as their depends_on conditions hold, and waits until every PostgreSQL node
 * accepts connections and every replica streams. Any failure removes everything created in this run.
 */
import type Docker from 'dockerode';
import type { Topology } from '../../../core/model/topology';
import { postgresContainerPort } from '../../../core/postgresPort';
import { assertEngineReachable, isNotFound, type EngineConnection } from './engine';
import { ClusterError, describeError, isClusterError, throwIfCancelled } from '../errors';
import type { ImageMap } from './imageMap';
import { planLaunch, type LaunchPlan, type PlannedService } from './plan';
import { checkImages, checkPorts, findExistingContainers, type ExistingContainer } from './preflight';
import { logReason, reasonFirst } from '../failureReason';
import { answersOnPort, credentialsFor, logTail, probeUser, queryNodeStatus, queryNodeStatusByExec, runHealthTest, type NodeStatus, type PgCredentials } from './probes';
import { poolerAnswers, poolerPort } from '../../monitor/pooler';
import { LABEL } from './labels';
import { asClusterError, rollback, type CreatedInRun } from './rollback';
import { nodeReadFile } from './util';
import { pollUntil } from '../poll';
import type { ProgressEvent } from '../types';

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
  const pgNodes = plan.services.filter((s) => s.postgres);
  const poolers = plan.services.filter((s) => poolerPort(s.model) !== undefined);
  let step = 0;
  const healthTargets = new Set(plan.services.flatMap((s) => s.model.dependsOn.filter((d) => d.condition !== 'service_started').map((d) => d.service)));
  const totalSteps =
    2 + (plan.loopbackPorts.length ? 1 : 0) + plan.networks.length + plan.volumes.length + plan.services.length * 2 + healthTargets.size + (options.wait === false ? 0 : pgNodes.length + poolers.length);
  const progress = (message: string, service?: string) => options.onProgress?.({ message, step: ++step, totalSteps, service });

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
    const whenStarted = (service: PlannedService) => {
      const ready = nodeReady(service, containers.get(service.name)!);
      ready.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
      readiness.set(service.name, ready);
    };
    const nodeReady = async (service: PlannedService, container: Docker.Container): Promise<UpNode> => {
      const node: UpNode = { service: service.name, containerName: service.containerName, id: container.id, role: service.model.role };
      node.hostPort = await publishedPostgresPort(container, service);
      if (service.postgres && options.wait !== false) {
        node.status = await waitForPostgres(service, container, node.hostPort, topology, readFile, plan.workingDir, options);
        progress(node.status.inRecovery ? `${service.name} streams from ${service.model.upstream ?? 'its primary'}` : `${service.name} accepts connections`, service.name);
      }
      const pooler = poolerPort(service.model);
      if (pooler !== undefined && options.wait !== false) {
        const answers = async () => (await assertAlive(service, container, options), poolerAnswers('127.0.0.1', pooler));
        await withLogOnTimeout(container, pollUntil(answers, `${service.name} (PgBouncer) to answer on port ${pooler}`, options));
        progress(`${service.name} (PgBouncer) answers on port ${pooler}`, service.name);
      }
      return node;
    };
    await startInDependencyOrder(plan, containers, options, progress, whenStarted);
    const nodes = await Promise.all(plan.services.map((s) => readiness.get(s.name)!));
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
        await docker.createVolume({ Name: volume.name, Labels: volume.labels });
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

/** Restart counts before this run started each container: a restart during `up` means the service crashed. */
type RunOptions = UpOptions & { restartBaseline: Map<string, number> };

/** Fails fast (with the log's errors) when a container stopped or was restarted, instead of waiting for the timeout. */
async function assertAlive(service: PlannedService, container: Docker.Container, options: RunOptions): Promise<Docker.ContainerInspectInfo> {
  const info = await container.inspect();
  const state = info.State;
  const restarts = info.RestartCount - (options.restartBaseline.get(service.name) ?? 0);
  const crashed = (!state.Running && !state.Restarting && state.Status !== 'created') || restarts > 0;
  if (crashed) {
    const tail = await logTail(container, 40);
    throw new ClusterError(
      'start-failed',
      reasonFirst(service.name, logReason(tail), `stopped (exit code ${state.ExitCode}${restarts > 0 ? `; Docker restarted it ${restarts} time(s)` : ''}) before it was ready.`),
      [{ id: 'show-logs', title: `Show logs of ${service.name}`, target: service.name }],
      tail,
    );
  }
  return info;
}

/** The error lines of a log tail (what went wrong), or its last lines when none stands out. */
export function summarizeLog(tail: string): string {
  const lines = tail.split('\n');
  // A retry loop (until pg_basebackup …) repeats one error many times: show each distinct line once.
  const errors = [...new Set(lines.filter((l) => /\b(ERROR|FATAL|PANIC)\b|error:|No such file|Permission denied|not found/i.test(l)))].slice(-6);
  return errors.length ? `Errors in its log:\n${errors.join('\n')}` : `Last log lines:\n${lines.slice(-10).join('\n')}`;
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

async function publishedPostgresPort(container: Docker.Container, service: PlannedService): Promise<number | undefined> {
  if (!service.postgres) return undefined;
  if (service.hostPort) return service.hostPort.port;
  const info = await container.inspect();
  const port = postgresContainerPort(service.model);
  const binding = info.NetworkSettings.Ports?.[`${port}/tcp`]?.[0];
  return binding?.HostPort ? Number(binding.HostPort) : undefined;
}

async function waitForPostgres(
  service: PlannedService,
  container: Docker.Container,
  hostPort: number | undefined,
  topology: Topology,
  readFile: (path: string) => string | undefined,
  workingDir: string,
  options: RunOptions,
): Promise<NodeStatus> {
  const candidates = credentialsFor(service, topology, readFile, workingDir);
  const mustStream = (options.currentRoles?.[service.name] ?? service.model.role) === 'replica';
  let lastStatus: NodeStatus | undefined;
  // Once a login works, only that one is used: every wrong guess is a failed login in the server's log.
  let working: PgCredentials | undefined;
  return withLogOnTimeout(container, pollUntil(
    async () => {
      await assertAlive(service, container, options);
      if (hostPort && !(await answersOnPort(service.hostPort?.ip ?? '127.0.0.1', hostPort, candidates[0].user))) return false;
      for (const credentials of working ? [working] : candidates) {
        try {
          const status = hostPort
            ? await queryNodeStatus(service.hostPort?.ip ?? '127.0.0.1', hostPort, credentials)
            : await queryNodeStatusByExec(container, credentials);
          lastStatus = status;
          working = credentials;
          if (status.inRecovery) return status.receiver === 'streaming' ? status : false;
          return mustStream ? false : status;
        } catch (error) {
          if (/password authentication failed|role .* does not exist|password must be a string|no password supplied|no pg_hba.conf entry/.test(describeError(error))) continue;
          throw error;
        }
      }
      return false;
    },
    mustStream ? `${service.name} to stream from its primary` : `${service.name} to accept connections`,
    options,
    () => (lastStatus && mustStream && !lastStatus.inRecovery ? `${service.name} accepts connections but is not a standby (no standby.signal / primary_conninfo)` : undefined),
  ));
}

/**
 * A node that never became ready usually says why in its log (pg_basebackup: authentication failed, no such slot…).
 * Quote it now: the rollback removes the container, and its logs with it.
 */
async function withLogOnTimeout<T>(container: Docker.Container, waiting: Promise<T>): Promise<T> {
  try {
    return await waiting;
  } catch (error) {
    if (!isClusterError(error) || error.code !== 'timeout') throw error;
    const tail = await logTail(container, 40);
    if (!tail) throw error;
    const reason = logReason(tail);
    throw new ClusterError(error.code, reason ? `${reason} — ${error.message}` : `${error.message} ${summarizeLog(tail)}`, error.actions, tail);
  }
}
