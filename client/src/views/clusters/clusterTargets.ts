/**
 * Monitor targets of a cluster: from its compose model (credentials from environment and secret files), plus
 * runtime nodes the model does not know (a replica added from the tree), or from attached connection
 * strings. vscode-free.
 */
import { addRuntimeNodes } from '../../../../cluster/monitor/runtimeTargets';
import { targetsFromConnectionStrings, targetsFromTopology } from '../../../../cluster/monitor/targets';
import type { NodeTarget } from '../../../../cluster/monitor/types';
import type { ClusterEntry } from './clusterList';

export { fillSecretPasswords, inheritPrimaryCredentials } from '../../../../cluster/monitor/targets';

export interface ClusterTargets {
  targets: NodeTarget[];
  problems: string[];
}

export function clusterTargets(cluster: ClusterEntry): ClusterTargets {
  if (cluster.state === 'attached') {
    try {
      return { targets: targetsFromConnectionStrings(cluster.connections ?? []), problems: [] };
    } catch (error) {
      return { targets: [], problems: [`pgha.attach.connections: ${(error as Error).message}`] };
    }
  }
  // The core reads secret files and gives replicas their primary's login (the CLI gets the same targets).
  const fromModel = cluster.topology ? targetsFromTopology(cluster.topology) : { targets: [], problems: [] };
  const targets = addRuntimeNodes(fromModel.targets, cluster.nodes);
  return { targets, problems: fromModel.problems.map((p) => p.message) };
}
