/**
 * The runtime registry: the backends this build can use, by kind ('docker'; 'native' when registered), which one
 * to launch a topology with (`pick`), and which one runs a project (`ownerOf`, by asking each one's listProjects).
 * An instance, not a module-level singleton: the factory (cluster/runtime/index.ts) builds one from the settings.
 */
import type { Topology } from '../../core/model/topology';
import { ClusterError, describeError } from './errors';
import type { ClusterRuntime, RuntimeKind, RuntimeProject } from './types';

/** What `pgha up --backend` and the pgha.backend setting accept. */
export type RuntimeChoice = RuntimeKind | 'auto';
export const RUNTIME_CHOICES: readonly RuntimeChoice[] = ['auto', 'docker', 'native'];

/** 'auto' tries Docker first, then native processes. */
const AUTO_ORDER: readonly RuntimeKind[] = ['docker', 'native'];

export function isRuntimeChoice(value: unknown): value is RuntimeChoice {
  return typeof value === 'string' && (RUNTIME_CHOICES as readonly string[]).includes(value);
}

export interface RuntimeProblem {
  runtime: ClusterRuntime;
  /** Why it could not be asked, in words a user can act on. */
  reason: string;
}

export interface ProjectListing {
  projects: RuntimeProject[];
  /** Runtimes that could not list their projects (e.g. Docker not running). */
  unreachable: RuntimeProblem[];
}

export class RuntimeRegistry {
  private readonly runtimes = new Map<RuntimeKind, ClusterRuntime>();

  register(runtime: ClusterRuntime): this {
    this.runtimes.set(runtime.kind, runtime);
    return this;
  }

  get(kind: RuntimeKind): ClusterRuntime | undefined {
    return this.runtimes.get(kind);
  }

  /** Registered runtimes, Docker first. */
  all(): ClusterRuntime[] {
    return AUTO_ORDER.map((kind) => this.runtimes.get(kind)).filter((r): r is ClusterRuntime => r !== undefined);
  }

  /** The runtime of `kind`, or a ClusterError saying this build has none. */
  require(kind: RuntimeKind): ClusterRuntime {
    const runtime = this.runtimes.get(kind);
    if (runtime) return runtime;
    const known = this.all().map((r) => r.kind).join(', ') || 'none';
    throw new ClusterError('no-backend', `The ${kind} backend is not available in this build (available: ${known}). Choose another with --backend or the pgha.backend setting.`);
  }

  /**
   * The runtime to launch `topology` with. A named kind is returned as is (its `up` reports what is missing, with
   * actions). 'auto': Docker when its engine answers and the images are present or pullable, else native processes
   * when registered and able; with a single runtime registered, that one (its errors are the most precise).
   */
  async pick(choice: RuntimeChoice, topology?: Topology, signal?: AbortSignal): Promise<ClusterRuntime> {
    if (choice !== 'auto') return this.require(choice);
    const candidates = this.all();
    if (candidates.length === 1) return candidates[0];
    const reasons: string[] = [];
    for (const runtime of candidates) {
      const availability = await runtime.available(topology, signal);
      if (availability.ok) return runtime;
      reasons.push(`${runtime.label}: ${availability.reason ?? 'not available'}`);
    }
    const what = topology ? `project '${topology.project}'` : 'a cluster';
    throw new ClusterError(
      'no-backend',
      `No backend can start ${what} here. ${reasons.join('. ')}. Fix one of these, or choose a backend with --backend / the pgha.backend setting to see its own error.`,
      [{ id: 'retry', title: 'Retry' }],
    );
  }

  /** Every runtime's projects; a runtime that cannot be asked is listed with its reason instead. Never throws. */
  async listProjects(): Promise<ProjectListing> {
    const results = await Promise.all(
      this.all().map(async (runtime) => {
        try {
          return { runtime, projects: await runtime.listProjects() };
        } catch (error) {
          return { runtime, reason: describeError(error) };
        }
      }),
    );
    const listing: ProjectListing = { projects: [], unreachable: [] };
    for (const result of results) {
      if ('projects' in result) listing.projects.push(...(result.projects ?? []));
      else listing.unreachable.push({ runtime: result.runtime, reason: result.reason });
    }
    return listing;
  }

  /** The runtime that runs (or keeps stopped) `project`; undefined when none knows it. */
  async ownerOf(project: string): Promise<ClusterRuntime | undefined> {
    const { projects } = await this.listProjects();
    const found = projects.find((p) => p.project === project);
    return found ? this.runtimes.get(found.runtime) : undefined;
  }

  /**
   * The runtime to manage `project` with: its owner, else the first registered (Docker), whose own call then says
   * what is wrong (engine unreachable, nothing to remove).
   */
  async forProject(project: string): Promise<ClusterRuntime> {
    const owner = await this.ownerOf(project);
    if (owner) return owner;
    const [first] = this.all();
    if (!first) throw new ClusterError('no-backend', 'No backend is registered in this build.');
    return first;
  }
}
