/**
 * The ActionContext a CLI command that changes a cluster hands to cluster/failover: the compose file's targets plus
 * nodes the runtime runs beyond the file (replicas added with `pgha replica add`), the runtime's node control, the
 * history, poolers to re-point, progress lines and the journal.
 */
import type { ActionContext } from '../cluster/failover/context';
import { poolerFollowersOf, stackAdminLogin } from '../cluster/failover/poolers';
import { LastSeenStore } from '../cluster/history/lastSeen';
import { FileHistoryStore } from '../cluster/history/store';
import { pgpoolTargetsOf } from '../cluster/monitor/pgpool';
import { addRuntimeNodes } from '../cluster/monitor/runtimeTargets';
import type { NodeTarget } from '../cluster/monitor/types';
import type { ClusterRuntime, RuntimeNode } from '../cluster/runtime/types';
import type { ClusterFile } from './clusterFile';
import type { CliIO } from './command';
import { cliRuntimes } from './runtimes';

export interface CliActionOptions {
  force?: boolean;
  signal?: AbortSignal;
  journal?: ActionContext['journal'];
}

export interface CliAction {
  ctx: ActionContext;
  runtime: ClusterRuntime;
  /** The project's nodes as the runtime lists them now. */
  nodes: RuntimeNode[];
}

/** The file's targets plus the nodes its runtime runs beyond the file (a runtime that cannot be asked adds none). */
export async function runtimeTargets(io: CliIO, cluster: ClusterFile): Promise<{ runtime: ClusterRuntime; nodes: RuntimeNode[]; targets: NodeTarget[] }> {
  const project = cluster.topology.project;
  const runtime = await cliRuntimes(io).forProject(project);
  const nodes = await runtime.list(project).catch(() => [] as RuntimeNode[]);
  return { runtime, nodes, targets: addRuntimeNodes([...cluster.targets], nodes) };
}

export async function cliActionContext(io: CliIO, cluster: ClusterFile, options: CliActionOptions): Promise<CliAction> {
  const project = cluster.topology.project;
  const { runtime, nodes, targets } = await runtimeTargets(io, cluster);
  const ctx: ActionContext = {
    targets,
    control: runtime.nodeControl(project, cluster.topology),
    force: options.force,
    history: FileHistoryStore.forProject(project, cluster.file),
    lastSeen: LastSeenStore.forProject(project, cluster.file),
    poolers: poolerFollowersOf(cluster.topology, stackAdminLogin(cluster.targets)),
    pgpool: pgpoolTargetsOf(cluster.topology, stackAdminLogin(cluster.targets)),
    managed: cluster.topology.managed,
    progress: (message) => io.out(`  ${message}\n`),
    signal: options.signal,
    journal: options.journal,
  };
  return { ctx, runtime, nodes };
}
