import type { ServiceModel, Topology } from '../../core/model/topology';
import { clusterReplicationCredentials, type ReadFile, readSecret, readTextFile } from './credentials';
import type { NodeTarget } from './types';

const POSTGRES_PORT = 5432;
const LOOPBACK = '127.0.0.1';

export interface TargetProblem {
  service: string;
  message: string;
}

/** The container port PostgreSQL listens on: `-c port=N` in the command, PGPORT, else 5432. */
function containerPort(service: ServiceModel): number {
  const setting = service.settings.find((s) => s.name === 'port');
  const fromEnv = service.environment.PGPORT;
  return Number(setting?.value ?? fromEnv ?? POSTGRES_PORT) || POSTGRES_PORT;
}

/** The loopback address and port where a service's PostgreSQL port is published, if it is. */
function publishedAddress(service: ServiceModel): { host: string; port: number } | undefined {
  const inner = containerPort(service);
  const port = service.ports.find((p) => p.containerPort === inner && p.protocol === 'tcp' && p.hostPort !== undefined);
  if (!port?.hostPort) return undefined;
  const host = !port.hostIp || port.hostIp === '0.0.0.0' || port.hostIp === '::' ? LOOPBACK : port.hostIp;
  return { host, port: port.hostPort };
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
    const address = publishedAddress(service);
    if (!address) {
      problems.push({
        service: service.name,
        message: `service '${service.name}' publishes no port for PostgreSQL; add e.g. "127.0.0.1:5433:${containerPort(service)}" under ports: to monitor it`,
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
      aliases: [service.name, `${topology.project}-${service.name}-1`, `${topology.project}_${service.name}_1`],
      ...(replication ? { replication } : {}),
    });
  }
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
    const values: Record<string, string> = {};
    if (/^postgres(ql)?:\/\//i.test(entry)) {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        throw new Error(`connection ${index + 1} is not a valid URI: expected postgresql://user:password@host:port/db`);
      }
      values.host = decodeURIComponent(url.hostname.replace(/^\[|\]$/g, ''));
      if (url.port) values.port = url.port;
      if (url.username) values.user = decodeURIComponent(url.username);
      if (url.password) values.password = decodeURIComponent(url.password);
      if (url.pathname.length > 1) values.dbname = decodeURIComponent(url.pathname.slice(1));
      for (const [key, value] of url.searchParams) values[key] = value;
    } else {
      for (const match of entry.matchAll(/(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/g)) {
        values[match[1]] = match[2].startsWith("'") ? match[2].slice(1, -1).replace(/\\(.)/g, '$1') : match[2];
      }
      if (!values.host && !values.port) throw new Error(`connection ${index + 1} ('${entry}') names no host or port: use host=… port=… user=… or a postgresql:// URI`);
    }
    const host = values.host || LOOPBACK;
    const port = Number(values.port ?? POSTGRES_PORT);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`connection ${index + 1}: port '${values.port}' is not a TCP port`);
    const user = values.user ?? 'postgres';
    return {
      service: values.application_name ?? `${host}:${port}`,
      host,
      port,
      user,
      password: values.password,
      database: values.dbname ?? user,
      aliases: [host],
    };
  });
}
