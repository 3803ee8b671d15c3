/**
 * Monitor targets of a cluster: from its compose model (credentials from environment and secret files), plus
 * runtime nodes the model does not know (a replica added from the tree), or from attached connection
 * strings. vscode-free.
 */
import { DEFAULT_POSTGRES_PORT, reachableHost } from '../../../../core/postgresPort';
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
  const targets = fromModel.targets;
  const template = targets.find((t) => t.expectedRole === 'primary') ?? targets[0];
  for (const node of cluster.nodes) {
    if (node.role !== 'primary' && node.role !== 'replica') continue;
    if (targets.some((t) => t.service === node.service)) continue;
    // Not in the compose model (added from the tree as a copy of a node): PostgreSQL's default port.
    const port = node.ports.find((p) => p.containerPort === DEFAULT_POSTGRES_PORT);
    if (!port) continue;
    targets.push({
      service: node.service,
      host: reachableHost(port.hostIp),
      port: port.hostPort,
      user: template?.user ?? 'postgres',
      password: template?.password,
      database: template?.database ?? 'postgres',
      expectedRole: node.role,
      aliases: [node.service, node.name],
      replication: template?.replication,
    });
  }
  return { targets, problems: fromModel.problems.map((p) => p.message) };
}
