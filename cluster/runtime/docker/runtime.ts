/**
 * DockerRuntime: the cluster runtime over the Docker Engine API. It wraps the launcher (up), the stack
 * operations (manage), the preflight and availability checks, the event stream and the one DockerNodeControl;
 * everything it touches carries our compose/pgha labels.
 */
import type { Topology } from '../../../core/model/topology';
import type {
  Availability,
  ClusterRuntime,
  Disposable,
  InteractiveSession,
  LogOptions,
  NodeAction,
  NodeControl,
  PullOptions,
  RuntimeDownResult,
  RuntimeEvent,
  RuntimeNode,
  RuntimeProject,
  RuntimeUpOptions,
  RuntimeUpResult,
  StackOptions,
} from '../types';
import { dockerAvailability } from './availability';
import { describeError } from '../errors';
import { assertEngineReachable, connectEngine, type EngineConnection } from './engine';
import { dockerEvents } from './events';
import type { ImageMap } from './imageMap';
import { up } from './launcher';
import { down, followLogs, listContainers, listProjects, nodeAction, openInteractiveExec, startStack, stopStack, type InteractiveExec } from './manage';
import { DockerNodeControl } from './nodeControl';
import { composeFilePath } from './plan';
import { pullImage } from './pull';

/** Listing answers the tree and `pgha ps`: a dead engine must say so quickly. */
const LIST_PING_MS = 3000;
/** How long a failed ping is taken as the answer (one command asks several times; a mute engine costs its wait once). */
const UNREACHABLE_MEMORY_MS = 10_000;

export interface DockerRuntimeOptions {
  /** The engine; default: connect as `env` says (DOCKER_HOST), on first use. */
  engine?: EngineConnection;
  env?: NodeJS.ProcessEnv;
  /** Official image names → replacements (pgha.imageMap, PGHA_IMAGE_MAP). */
  imageMap?: ImageMap;
}

export class DockerRuntime implements ClusterRuntime {
  readonly kind = 'docker' as const;
  readonly label = 'Docker';
  private connection: EngineConnection | undefined;
  private readonly env: NodeJS.ProcessEnv;
  private readonly imageMap: ImageMap;
  private lastUnreachable: { at: number; error: unknown } | undefined;

  constructor(options: DockerRuntimeOptions = {}) {
    this.connection = options.engine;
    this.env = options.env ?? process.env;
    this.imageMap = options.imageMap ?? new Map();
  }

  /** The engine connection; throws the ClusterError of a DOCKER_HOST it cannot use (so every call reports it). */
  get engine(): EngineConnection {
    this.connection ??= connectEngine(this.env);
    return this.connection;
  }

  /** Pings the engine, or repeats the failure of a ping less than UNREACHABLE_MEMORY_MS ago. */
  private async assertReachable(timeoutMs?: number): Promise<void> {
    if (this.lastUnreachable && Date.now() - this.lastUnreachable.at < UNREACHABLE_MEMORY_MS) throw this.lastUnreachable.error;
    try {
      await assertEngineReachable(this.engine, timeoutMs);
      this.lastUnreachable = undefined;
    } catch (error) {
      this.lastUnreachable = { at: Date.now(), error };
      throw error;
    }
  }

  async available(topology?: Topology, signal?: AbortSignal): Promise<Availability> {
    try {
      return await dockerAvailability(this.engine, this.imageMap, topology, signal);
    } catch (error) {
      return { ok: false, reason: describeError(error) };
    }
  }

  async up(topology: Topology, options: RuntimeUpOptions): Promise<RuntimeUpResult> {
    const result = await up(topology, { ...options, engine: this.engine, imageMap: this.imageMap });
    return {
      project: result.project,
      nodes: result.nodes.map((n) => ({ service: n.service, name: n.containerName, id: n.id, role: n.role, hostPort: n.hostPort, standby: n.status?.inRecovery })),
      created: result.createdContainers,
      elapsedMs: result.elapsedMs,
      outdated: result.outdated,
    };
  }

  async down(project: string, options: StackOptions & { volumes?: boolean }): Promise<RuntimeDownResult> {
    await this.assertReachable();
    const result = await down(this.engine, project, options);
    const objects = [
      { what: 'container', count: result.containers },
      { what: 'network', count: result.networks },
      ...(options.volumes ? [{ what: 'volume', count: result.volumes }] : []),
    ];
    return { removed: result.containers, volumesRemoved: result.volumes, kept: [], objects };
  }

  async stop(project: string, options?: StackOptions): Promise<number> {
    return stopStack(this.engine, project, options);
  }

  async start(project: string, options?: StackOptions): Promise<number> {
    return startStack(this.engine, project, options);
  }

  async list(project?: string): Promise<RuntimeNode[]> {
    await this.assertReachable(LIST_PING_MS);
    return listContainers(this.engine, project);
  }

  async listProjects(): Promise<RuntimeProject[]> {
    await this.assertReachable(LIST_PING_MS);
    return listProjects(this.engine);
  }

  async nodeAction(nodeId: string, action: NodeAction): Promise<void> {
    return nodeAction(this.engine, nodeId, action);
  }

  async logs(nodeId: string, options: LogOptions): Promise<void> {
    return followLogs(this.engine, nodeId, options);
  }

  async exec(nodeId: string, cmd: string[], env: Record<string, string> = {}): Promise<InteractiveSession> {
    const exec = await openInteractiveExec(this.engine, nodeId, cmd, Object.entries(env).map(([k, v]) => `${k}=${v}`));
    return interactiveSession(exec);
  }

  events(listener: (event: RuntimeEvent) => void): Disposable {
    try {
      return dockerEvents(this.engine, listener);
    } catch {
      queueMicrotask(() => listener({ action: 'ended' }));
      return { dispose: () => undefined };
    }
  }

  /** The one place a Docker node control is made. */
  nodeControl(project: string, topology?: Topology): NodeControl {
    return new DockerNodeControl(this.engine.docker, project, undefined, topology ? composeFilePath(topology) : undefined, topology);
  }

  async pull(image: string, options: PullOptions = {}): Promise<void> {
    return pullImage(this.engine, image, (p) => options.onProgress?.(p.status, p.percent), options.signal);
  }
}

/** A TTY exec as the runtime-neutral session a pseudoterminal drives. */
function interactiveSession(exec: InteractiveExec): InteractiveSession {
  return {
    write: (data) => exec.stream.write(data),
    resize: (columns, rows) => void exec.resize(columns, rows),
    onData: (listener) => exec.stream.on('data', (chunk: Buffer) => listener(chunk.toString('utf8'))),
    onExit: (listener) => void exec.exitCode().then(listener),
    close: () => exec.stream.end(),
  };
}
