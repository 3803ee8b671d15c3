import { ConninfoError, isConnectionUri, parseConnectionString } from '../../core/conninfo';
import type { ServiceModel, Topology } from '../../core/model/topology';
import { serviceHostNames } from '../../core/names';
import { DEFAULT_POSTGRES_PORT, LOOPBACK, postgresContainerPort, postgresEndpoint } from '../../core/postgresPort';
import { clusterReplicationCredentials, type ReadFile, readSecret, readTextFile } from './credentials';
import type { NodeTarget } from './types';
import { managedTargets } from '../managed/patroniMonitor';

export interface TargetProblem {
  service: string;
  message: string;
}

/** The primary a replica descends from (following upstreams), else the topology's only primary. */
function rootPrimary(topology: Topology, service: ServiceModel): ServiceModel | undefined {
  const seen = new Set<string>();
  let current: ServiceModel | undefined = service;
  while (current && current.role === 'replica' && current.upstream && !seen.has(current.name)) {
    seen.add(current.name);
    current = topology.services.find((s) => s.name === current!.upstream);
  }
  if (current?.role === 'primary') return current;
  const primaries = topology.services.filter((s) => s.role === 'primary');
  return primaries.length === 1 ? primaries[0] : undefined;
}

/**
 * One monitor target per PostgreSQL service of a compose topology (primaries and replicas), with the credentials
 * the compose file gives (environment, *_FILE secrets read from the secret's file next to the compose file,
 * pgpass secrets for replication). Services without a published port are reported, not guessed.
 */
export function targetsFromTopology(topology: Topology, readFile: ReadFile = readTextFile): { targets: NodeTarget[]; problems: TargetProblem[] } {
  const targets: NodeTarget[] = [];
  const replication = clusterReplicationCredentials(topology, readFile);
  const problems: TargetProblem[] = [];
  for (const service of topology.services) {
    if (service.role !== 'primary' && service.role !== 'replica') continue;
    const address = postgresEndpoint(service);
    if (!address) {
      problems.push({
        service: service.name,
        message: `service '${service.name}' publishes no port for PostgreSQL; add e.g. "127.0.0.1:5433:${postgresContainerPort(service)}" under ports: to monitor it`,
      });
      continue;
    }
    // A replica's data is a copy of its primary's, so the primary's superuser logs in there too (the replica's
    // own credentials are often a replication-only role that cannot open a database).
    const source = service.role === 'replica' ? (rootPrimary(topology, service) ?? service) : service;
    const env = source.environment;
    const user = source.credentials.user ?? env.POSTGRES_USER ?? 'postgres';
    const password = source.credentials.password ?? env.POSTGRES_PASSWORD ?? readSecret(topology, source, source.credentials.passwordFile, readFile);
    targets.push({
      service: service.name,
      ...address,
      user,
      password,
      database: source.credentials.database ?? env.POSTGRES_DB ?? user,
      expectedRole: service.role,
      upstream: service.upstream,
      slot: service.slot,
      aliases: serviceHostNames(topology.project, service.name, service.containerName),
      ...(replication ? { replication } : {}),
    });
  }
  // Nodes an HA engine manages (Patroni): their role is the engine's to say, so no expected role.
  targets.push(...managedTargets(topology));
  return { targets: inheritPrimaryCredentials(targets), problems };
}

/**
 * A physical replica is a copy of its primary, roles and passwords included: a replica target without a
 * password gets its upstream's (else the primary's) login.
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

/** Fills targets that have no password from their service's *_FILE secret (as the compose model names it). */
export function fillSecretPasswords(topology: Topology, targets: NodeTarget[], readFile: ReadFile = readTextFile): NodeTarget[] {
  return targets.map((target) => {
    if (target.password !== undefined) return target;
    const service = topology.services.find((s) => s.name === target.service);
    const password = readSecret(topology, service, service?.credentials.passwordFile, readFile);
    return password === undefined ? target : { ...target, password };
  });
}

/**
 * Targets for a cluster that is not ours ("attach to existing cluster"): one libpq URI or key=value string per
 * node. Monitoring only. Throws with the offending entry when one cannot be read.
 */
export function targetsFromConnectionStrings(connections: string[]): NodeTarget[] {
  return connections.map((text, index) => {
    const entry = text.trim();
    let values: Map<string, string>;
    try {
      values = parseConnectionString(entry);
    } catch (error) {
      if (!(error instanceof ConninfoError)) throw error;
      throw new Error(`connection ${index + 1} ('${entry}'): ${error.message}; use host=… port=… user=… or postgresql://user:password@host:port/db`);
    }
    if (!isConnectionUri(entry) && !values.get('host') && !values.get('port')) {
      throw new Error(`connection ${index + 1} ('${entry}') names no host or port: use host=… port=… user=… or a postgresql:// URI`);
    }
    const host = values.get('host') || LOOPBACK;
    const port = Number(values.get('port') ?? DEFAULT_POSTGRES_PORT);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`connection ${index + 1}: port '${values.get('port')}' is not a TCP port`);
    const user = values.get('user') ?? 'postgres';
    return {
      service: values.get('application_name') ?? `${host}:${port}`,
      host,
      port,
      user,
      password: values.get('password'),
      database: values.get('dbname') ?? user,
      aliases: [host],
    };
  });
}
