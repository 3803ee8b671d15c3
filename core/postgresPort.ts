/**
 * Where a service's PostgreSQL listens: the one rule for the port inside the container, the published port
 * that reaches it, and the host address to dial from this machine. Launcher, monitor, failover, views and CLI
 * all ask here.
 */
import type { PublishedPort, ServiceModel } from './model/topology';

export const DEFAULT_POSTGRES_PORT = 5432;
/** Where a port published on every interface (or on no named one) is reached from this machine. */
export const LOOPBACK = '127.0.0.1';

type PortFacts = Pick<ServiceModel, 'settings' | 'environment'> & Partial<Pick<ServiceModel, 'flavor'>>;

const asPort = (text: string | undefined): number | undefined => {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
};

/**
 * The TCP port PostgreSQL listens on inside the container: the server's `port` from its command line
 * (`-c port=N`, `-p N`), else the PGPORT environment variable (the server reads it too), else Bitnami's
 * POSTGRESQL_PORT_NUMBER for Bitnami images, else 5432. A port set only in a mounted postgresql.conf is
 * not seen here.
 */
export function postgresContainerPort(service: PortFacts): number {
  const fromCommand = [...service.settings].reverse().find((s) => s.name === 'port');
  const bitnami = service.flavor === 'bitnami' || service.flavor === 'bitnami-repmgr';
  return (
    asPort(fromCommand?.value) ??
    asPort(service.environment.PGPORT) ??
    (bitnami ? asPort(service.environment.POSTGRESQL_PORT_NUMBER) : undefined) ??
    DEFAULT_POSTGRES_PORT
  );
}

/** The `ports:` entry that publishes the service's PostgreSQL port on the host (TCP, with a host port), if any. */
export function publishedPostgresPort(service: PortFacts & Pick<ServiceModel, 'ports'>): (PublishedPort & { hostPort: number }) | undefined {
  const inner = postgresContainerPort(service);
  return service.ports.find((p): p is PublishedPort & { hostPort: number } => p.containerPort === inner && p.protocol === 'tcp' && p.hostPort !== undefined);
}

/** The address to dial for a port published on `hostIp`: a wildcard (none, 0.0.0.0, ::) means loopback. */
export function reachableHost(hostIp: string | undefined): string {
  return !hostIp || hostIp === '0.0.0.0' || hostIp === '::' ? LOOPBACK : hostIp;
}

/** Host and port this machine reaches the service's PostgreSQL on, when it is published. */
export function postgresEndpoint(service: PortFacts & Pick<ServiceModel, 'ports'>): { host: string; port: number } | undefined {
  const published = publishedPostgresPort(service);
  return published ? { host: reachableHost(published.hostIp), port: published.hostPort } : undefined;
}
