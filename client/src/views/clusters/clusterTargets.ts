/**
 * Monitor targets of a cluster: from its compose model (credentials from environment and secret files), plus
 * running containers the model does not know (a replica added from the tree), or from attached connection
 * strings. vscode-free.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Topology } from '../../../../server/src/protocol';
import { targetsFromConnectionStrings, targetsFromTopology } from '../../monitor/targets';
import type { NodeTarget } from '../../monitor/types';
import type { ClusterEntry } from './clusterList';

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
  const fromModel = cluster.topology ? targetsFromTopology(cluster.topology) : { targets: [], problems: [] };
  const withSecrets = cluster.topology ? fillSecretPasswords(cluster.topology, fromModel.targets) : fromModel.targets;
  const targets = inheritPrimaryCredentials(withSecrets);
  const template = targets.find((t) => t.expectedRole === 'primary') ?? targets[0];
  for (const container of cluster.containers) {
    if (container.role !== 'primary' && container.role !== 'replica') continue;
    if (targets.some((t) => t.service === container.service)) continue;
    const port = container.ports.find((p) => p.containerPort === 5432);
    if (!port) continue;
    targets.push({
      service: container.service,
      host: !port.hostIp || port.hostIp === '0.0.0.0' || port.hostIp === '::' ? '127.0.0.1' : port.hostIp,
      port: port.hostPort,
      user: template?.user ?? 'postgres',
      password: template?.password,
      database: template?.database ?? 'postgres',
      expectedRole: container.role,
      aliases: [container.service, container.name],
    });
  }
  return { targets, problems: fromModel.problems.map((p) => p.message) };
}

/**
 * A physical replica is a copy of its primary, roles and passwords included: when the compose file gives a
 * replica no password (it usually only has the replication user's pgpass), it has the primary's credentials.
 */
export function inheritPrimaryCredentials(targets: NodeTarget[]): NodeTarget[] {
  return targets.map((target) => {
    if (target.password !== undefined || target.expectedRole !== 'replica') return target;
    const source =
      targets.find((t) => t.service === target.upstream && t.password !== undefined) ??
      targets.find((t) => t.expectedRole === 'primary' && t.password !== undefined);
    return source ? { ...target, user: source.user, password: source.password, database: source.database } : target;
  });
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * POSTGRES_PASSWORD_FILE=/run/secrets/<name> names a compose secret: read the secret's file (relative to the
 * compose file) on this machine, since the container path does not exist here.
 */
export function fillSecretPasswords(topology: Topology, targets: NodeTarget[], readFile: (file: string) => string | undefined = readText): NodeTarget[] {
  const composeDir = topology.uri.startsWith('file:') ? path.dirname(fileURLToPath(topology.uri)) : undefined;
  return targets.map((target) => {
    if (target.password !== undefined || !composeDir) return target;
    const file = topology.services.find((s) => s.name === target.service)?.credentials.passwordFile;
    const secret = file ? /^\/run\/secrets\/([^/]+)$/.exec(file)?.[1] : undefined;
    const hostFile = secret ? topology.secrets[secret]?.file : undefined;
    if (!hostFile) return target;
    const password = readFile(path.isAbsolute(hostFile) ? hostFile : path.resolve(composeDir, hostFile))?.replace(/\r?\n$/, '');
    return password === undefined ? target : { ...target, password };
  });
}
