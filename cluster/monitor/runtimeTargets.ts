/**
 * Nodes a runtime runs that the compose model does not know (a replica added from the tree or with `pgha replica
 * add`, a copy of a node): monitor targets for them, and the name and port a new replica gets. vscode-free; the
 * extension and the CLI share it.
 */
import type { Topology } from '../../core/model/topology';
import { DEFAULT_POSTGRES_PORT, reachableHost } from '../../core/postgresPort';
import type { RuntimeNode } from '../runtime/types';
import type { NodeTarget } from './types';

/** Appends a target per running-runtime PostgreSQL node missing from `targets` (login of the primary's target). */
export function addRuntimeNodes(targets: NodeTarget[], nodes: readonly RuntimeNode[]): NodeTarget[] {
  const template = targets.find((t) => t.expectedRole === 'primary') ?? targets[0];
  for (const node of nodes) {
    if (node.role !== 'primary' && node.role !== 'replica') continue;
    if (targets.some((t) => t.service === node.service)) continue;
    // Not in the compose model (added as a copy of a node): PostgreSQL's default port inside.
    const port = node.ports.find((p) => p.containerPort === DEFAULT_POSTGRES_PORT) ?? (node.runtime === 'native' ? node.ports[0] : undefined);
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
  return targets;
}

/** Name and loopback port for a new replica: the next free replicaN and the port after the highest published one. */
export function suggestReplica(nodes: readonly RuntimeNode[], topology: Topology | undefined): { service: string; hostPort: number } {
  const names = new Set([...nodes.map((n) => n.service), ...(topology?.services.map((s) => s.name) ?? [])]);
  let n = 1;
  while (names.has(`replica${n}`)) n++;
  const ports = [...nodes.flatMap((node) => node.ports.map((p) => p.hostPort)), ...(topology?.services.flatMap((s) => s.ports.map((p) => p.hostPort ?? 0)) ?? [])];
  return { service: `replica${n}`, hostPort: (ports.length ? Math.max(...ports) : 15432) + 1 };
}
