/**
 * Managing stacks after `up`: list (ps), stop/start the whole stack, stop/kill/restart one node, remove
 * (down, optionally with volumes), follow logs, and an interactive exec (psql) for pseudoterminals.
 * Every operation only touches containers, networks and volumes that carry our pgha.managed label.
 */
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { isNotFound, type EngineConnection } from './engine';
import { ClusterError, throwIfCancelled } from '../errors';
import { LABEL, isOurs, ourProjectFilter } from './labels';
import { demuxText } from './probes';
import { assertOwnComposeFile } from '../identity';
import type { NodeAction, NodeLifecycle, RuntimeNode, RuntimeProject } from '../types';

/** One of our containers: a runtime node plus the Docker state the Docker runtime itself decides on. */
export interface StackContainer extends RuntimeNode {
  /** Docker state: running, exited, restarting, created, paused, removing, dead. */
  state: string;
}

/** The runtime-neutral lifecycle of a Docker state (a created container was never started: stopped). */
export function lifecycleOf(state: string): NodeLifecycle {
  switch (state) {
    case 'running':
    case 'paused':
    case 'restarting':
    case 'dead':
      return state;
    case 'removing':
      return 'dead';
    default:
      return 'stopped';
  }
}

/** Our containers (all states), optionally of one project, sorted by project then service. */
export async function listContainers(engine: EngineConnection, project?: string): Promise<StackContainer[]> {
  const list = await engine.docker.listContainers({ all: true, filters: { label: ourProjectFilter(project) } });
  return list
    .map((c): StackContainer => ({
      id: c.Id,
      name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
      project: c.Labels[LABEL.project] ?? '',
      service: c.Labels[LABEL.service] ?? '',
      role: c.Labels[LABEL.role] ?? 'other',
      major: c.Labels[LABEL.major] ? Number(c.Labels[LABEL.major]) : undefined,
      composeFile: c.Labels[LABEL.composeFile],
      state: c.State,
      lifecycle: lifecycleOf(c.State),
      status: c.Status,
      ports: c.Ports.filter((p) => p.PublicPort).map((p) => ({ hostIp: p.IP, hostPort: p.PublicPort, containerPort: p.PrivatePort })),
      runtime: 'docker',
    }))
    .sort((a, b) => a.project.localeCompare(b.project) || a.service.localeCompare(b.service));
}

export async function listProjects(engine: EngineConnection): Promise<RuntimeProject[]> {
  const byProject = new Map<string, RuntimeProject>();
  for (const container of await listContainers(engine)) {
    const summary = byProject.get(container.project) ?? { project: container.project, composeFile: container.composeFile, runtime: 'docker', nodes: [] };
    summary.nodes.push(container);
    byProject.set(container.project, summary);
  }
  return [...byProject.values()];
}

export interface StackOperationOptions {
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
  /** Seconds Docker waits for a clean shutdown before killing (default 10). */
  stopTimeoutSeconds?: number;
  /** Act only when the project belongs to this compose file (see cluster/runtime/identity.ts). */
  composeFile?: string;
}

/** The project's containers, after checking they belong to options.composeFile (when given). */
async function projectContainers(engine: EngineConnection, project: string, options: StackOperationOptions, what: string): Promise<StackContainer[]> {
  const containers = await listContainers(engine, project);
  assertOwnComposeFile(project, options.composeFile, containers.map((c) => c.composeFile), what, 'Docker');
  return containers;
}

/** Replicas and other services stop first and the primary last, so replicas do not log lost connections. */
function stopOrder(containers: StackContainer[]): StackContainer[] {
  const rank = (c: StackContainer) => (c.role === 'primary' ? 2 : c.role === 'replica' ? 1 : 0);
  return [...containers].sort((a, b) => rank(a) - rank(b));
}

/** Stops every container of the project (volumes and containers stay; `start` brings the data back). */
export async function stopStack(engine: EngineConnection, project: string, options: StackOperationOptions = {}): Promise<number> {
  const running = (await projectContainers(engine, project, options, 'stopped')).filter((c) => c.state === 'running' || c.state === 'restarting');
  for (const group of groupByRank(stopOrder(running))) {
    throwIfCancelled(options.signal);
    await Promise.all(
      group.map(async (c) => {
        options.onProgress?.(`Stopping ${c.service}`);
        await stopContainer(engine, c, options.stopTimeoutSeconds ?? 10);
      }),
    );
  }
  return running.length;
}

async function stopContainer(engine: EngineConnection, c: StackContainer, timeoutSeconds: number): Promise<void> {
  await engine.docker.getContainer(c.id).stop({ t: timeoutSeconds }).catch(ignoreNotModified);
}

/** Starts the stopped containers of a project: primary first, then the rest. (Use `up` to honour depends_on conditions.) */
export async function startStack(engine: EngineConnection, project: string, options: StackOperationOptions = {}): Promise<number> {
  // A helper a killed pgha left (role helper: a one-off rewind or copy) is never started again; down removes it.
  const stopped = (await projectContainers(engine, project, options, 'started')).filter((c) => c.state !== 'running' && c.role !== 'helper');
  for (const group of groupByRank(stopOrder(stopped)).reverse()) {
    throwIfCancelled(options.signal);
    await Promise.all(
      group.map(async (c) => {
        options.onProgress?.(`Starting ${c.service}`);
        await engine.docker.getContainer(c.id).start().catch(ignoreNotModified);
      }),
    );
  }
  return stopped.length;
}

function groupByRank(containers: StackContainer[]): StackContainer[][] {
  const groups: StackContainer[][] = [];
  let lastRole: string | undefined;
  for (const c of containers) {
    const key = c.role === 'primary' || c.role === 'replica' ? c.role : 'other';
    if (key !== lastRole) groups.push([]);
    groups[groups.length - 1].push(c);
    lastRole = key;
  }
  return groups;
}

export interface DownOptions extends StackOperationOptions {
  /** Also remove the project's named volumes (data is lost). */
  volumes?: boolean;
}

export interface DownResult {
  containers: number;
  networks: number;
  volumes: number;
}

/** Removes the project's containers and networks (and volumes when asked); only what carries our labels. */
export async function down(engine: EngineConnection, project: string, options: DownOptions = {}): Promise<DownResult> {
  const docker = engine.docker;
  const containers = await projectContainers(engine, project, options, 'removed');
  const ourVolumes = options.volumes ? ((await docker.listVolumes({ filters: { label: ourProjectFilter(project) } })).Volumes ?? []) : [];
  assertOwnComposeFile(project, options.composeFile, ourVolumes.map((v) => v.Labels?.[LABEL.composeFile]), 'removed', 'Docker');
  let removed = 0;
  const stopIfCancelled = (left: string) => {
    if (!options.signal?.aborted) return;
    const rest = containers.length - removed;
    throw new ClusterError(
      'cancelled',
      `Cancelled: removed ${removed} of ${containers.length} container(s) of project '${project}'; ${rest ? `the other ${rest}, ` : ''}${left} still there. Run the same down again to finish.`,
    );
  };
  const volumesLeft = options.volumes ? ' and its volumes (the data is kept) are' : ' is';
  for (const group of groupByRank(stopOrder(containers))) {
    stopIfCancelled(`its network${volumesLeft}`);
    removed += group.length;
    await Promise.all(
      group.map(async (c) => {
        options.onProgress?.(`Removing container ${c.name}`);
        if (c.state === 'running' || c.state === 'restarting') await stopContainer(engine, c, options.stopTimeoutSeconds ?? 10);
        await docker.getContainer(c.id).remove({ force: true, v: Boolean(options.volumes) }).catch(ignoreNotFound);
      }),
    );
  }
  stopIfCancelled(`its network${volumesLeft}`);
  const networks = await docker.listNetworks({ filters: { label: ourProjectFilter(project) } });
  for (const n of networks) {
    options.onProgress?.(`Removing network ${n.Name}`);
    await docker.getNetwork(n.Id).remove().catch(ignoreNotFound);
  }
  if (options.volumes) stopIfCancelled('its volumes (the data is kept) are');
  let volumeCount = 0;
  if (options.volumes) {
    for (const v of ourVolumes) {
      options.onProgress?.(`Removing volume ${v.Name}`);
      await docker.getVolume(v.Name).remove().catch(ignoreNotFound);
      volumeCount++;
    }
  }
  return { containers: containers.length, networks: networks.length, volumes: volumeCount };
}

/** One of our containers by name or id; refuses containers we did not create. */
export async function ourContainer(engine: EngineConnection, nameOrId: string): Promise<Docker.Container> {
  const container = engine.docker.getContainer(nameOrId);
  try {
    const info = await container.inspect();
    if (!isOurs(info.Config.Labels)) {
      throw new ClusterError('not-found', `Container '${nameOrId}' was not created by PostgreSQL HA Studio; it is left alone.`);
    }
    return container;
  } catch (error) {
    if (isNotFound(error)) throw new ClusterError('not-found', `There is no container '${nameOrId}'. Refresh the view or run pgha ps.`);
    throw error;
  }
}

/** Rehearse failures: stop (clean shutdown), kill (SIGKILL, like a crash), restart, start one node. */
export async function nodeAction(engine: EngineConnection, nameOrId: string, action: NodeAction, stopTimeoutSeconds = 10): Promise<void> {
  const container = await ourContainer(engine, nameOrId);
  if (action === 'start') await container.start().catch(ignoreNotModified);
  else if (action === 'stop') await container.stop({ t: stopTimeoutSeconds }).catch(ignoreNotModified);
  else if (action === 'restart') await container.restart({ t: stopTimeoutSeconds });
  else await container.kill({ signal: 'SIGKILL' }).catch(ignoreConflict);
}

export interface FollowLogsOptions {
  onLine: (line: string) => void;
  signal?: AbortSignal;
  /** Lines of history first (default 100). */
  tail?: number;
  follow?: boolean;
}

/** Streams a container's log lines until it stops, or until the signal aborts. */
export async function followLogs(engine: EngineConnection, nameOrId: string, options: FollowLogsOptions): Promise<void> {
  const container = await ourContainer(engine, nameOrId);
  if (options.follow === false) {
    const buffer = (await container.logs({ stdout: true, stderr: true, tail: options.tail ?? 100, follow: false })) as unknown as Buffer;
    for (const line of demuxText(buffer).split('\n')) if (line) options.onLine(line);
    return;
  }
  const stream = (await container.logs({ stdout: true, stderr: true, tail: options.tail ?? 100, follow: true })) as NodeJS.ReadableStream & { destroy(): void };
  let pending = '';
  await new Promise<void>((resolve) => {
    const stop = () => {
      stream.destroy();
      resolve();
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    stream.on('data', (chunk: Buffer) => {
      const lines = (pending + demuxText(chunk)).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) options.onLine(line);
    });
    stream.on('end', () => {
      if (pending) options.onLine(pending);
      resolve();
    });
    stream.on('error', () => resolve());
  });
}

export interface InteractiveExec {
  stream: Duplex;
  resize(columns: number, rows: number): Promise<void>;
  /** Resolves with the exit code once the command ends. */
  exitCode(): Promise<number>;
}

/** A TTY exec (e.g. psql) for a VS Code pseudoterminal: write keystrokes to `stream`, read its output from it. */
export async function openInteractiveExec(engine: EngineConnection, nameOrId: string, cmd: string[], env: string[] = []): Promise<InteractiveExec> {
  const container = await ourContainer(engine, nameOrId);
  const exec = await container.exec({ Cmd: cmd, Env: env, AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  // Listen from the start, so a command that ends before anyone asks still reports its code.
  const exited = new Promise<number>((resolve) => {
    const done = () => void exec.inspect().then((i) => resolve(i.ExitCode ?? -1), () => resolve(-1));
    stream.once('end', done);
    stream.once('close', done);
  });
  return {
    stream,
    resize: async (columns, rows) => {
      await exec.resize({ w: columns, h: rows }).catch(() => undefined);
    },
    exitCode: () => exited,
  };
}

function ignoreNotFound(error: unknown): void {
  if (!isNotFound(error)) throw error;
}

/** 304: already started/stopped. */
function ignoreNotModified(error: unknown): void {
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== 304 && status !== 404) throw error;
}

/** 409: killing a container that is not running. */
function ignoreConflict(error: unknown): void {
  if ((error as { statusCode?: number }).statusCode !== 409) throw error;
}
