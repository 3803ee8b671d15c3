/** Readiness during `up`: when a started node counts as ready, and when it has visibly failed (with its log's reason). */
import type Docker from 'dockerode';
import type { Topology } from '../../../core/model/topology';
import { postgresContainerPort } from '../../../core/postgresPort';
import { ClusterError, describeError, isClusterError } from '../errors';
import { logReason, reasonFirst } from '../failureReason';
import { pollUntil } from '../poll';
import { pgpoolAnswers, pgpoolPort } from '../../monitor/pgpool';
import { poolerAnswers, poolerPort } from '../../monitor/pooler';
import type { UpNode, UpOptions } from './launcher';
import type { LaunchPlan, PlannedService } from './plan';
import { answersOnPort, credentialsFor, logTail, queryNodeStatus, queryNodeStatusByExec, type NodeStatus, type PgCredentials } from './probes';

export type Progress = (message: string, service?: string) => void;

/** Start steps of one run, for the progress figures: checks, objects, starts, health waits and readiness waits. */
export function countSteps(plan: LaunchPlan, options: RunOptions): number {
  const pgNodes = plan.services.filter((s) => s.postgres);
  const poolers = plan.services.filter((s) => poolerProbe(s.model) !== undefined);
  const healthTargets = new Set(plan.services.flatMap((s) => s.model.dependsOn.filter((d) => d.condition !== 'service_started').map((d) => d.service)));
  const waits = options.wait === false ? 0 : pgNodes.length + poolers.length;
  return 2 + (plan.loopbackPorts.length ? 1 : 0) + plan.networks.length + plan.volumes.length + plan.services.length * 2 + healthTargets.size + waits;
}

export interface ReadyContext {
  plan: LaunchPlan;
  topology: Topology;
  readFile: (file: string) => string | undefined;
  options: RunOptions;
  progress: Progress;
}

/** How `up` knows a pooler it started answers: its published port and the probe for its kind. */
function poolerProbe(model: PlannedService['model']): { port: number; kind: string; answers: (host: string, port: number) => Promise<boolean> } | undefined {
  const bouncer = poolerPort(model);
  if (bouncer !== undefined) return { port: bouncer, kind: 'PgBouncer', answers: poolerAnswers };
  const pgpool = pgpoolPort(model);
  return pgpool === undefined ? undefined : { port: pgpool, kind: 'pgpool-II', answers: pgpoolAnswers };
}

/** Waits until a started node is ready: PostgreSQL accepts connections (a replica streams), a PgBouncer or pgpool-II answers. */
export async function nodeReady(context: ReadyContext, service: PlannedService, container: Docker.Container): Promise<UpNode> {
  const { options, progress } = context;
  const node: UpNode = { service: service.name, containerName: service.containerName, id: container.id, role: service.model.role };
  node.hostPort = await publishedPostgresPort(container, service);
  if (service.postgres && options.wait !== false) {
    node.status = await waitForPostgres(service, container, node.hostPort, context.topology, context.readFile, context.plan.workingDir, options);
    progress(node.status.inRecovery ? `${service.name} streams from ${service.model.upstream ?? 'its primary'}` : `${service.name} accepts connections`, service.name);
  }
  const pooler = poolerProbe(service.model);
  if (pooler !== undefined && options.wait !== false) {
    const answers = async () => (await assertAlive(service, container, options), pooler.answers('127.0.0.1', pooler.port));
    await withLogOnTimeout(container, pollUntil(answers, `${service.name} (${pooler.kind}) to answer on port ${pooler.port}`, options));
    progress(`${service.name} (${pooler.kind}) answers on port ${pooler.port}`, service.name);
  }
  return node;
}

/** Restart counts before this run started each container: a restart during `up` means the service crashed. */
export type RunOptions = UpOptions & { restartBaseline: Map<string, number> };

/** Fails fast (with the log's errors) when a container stopped or was restarted, instead of waiting for the timeout. */
export async function assertAlive(service: PlannedService, container: Docker.Container, options: RunOptions): Promise<Docker.ContainerInspectInfo> {
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
export async function withLogOnTimeout<T>(container: Docker.Container, waiting: Promise<T>): Promise<T> {
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
