import type { PortEntry } from '../fields';
import { toolPorts } from '../haPorts';
import { getEntry, scalarText } from '../yaml/nodes';
import { envValue, type ServiceInfo } from '../model';
import type { RuleContext } from './context';
import { passwordlessReasons } from './trust';

/** Ports PostgreSQL, PgBouncer and pgpool-II listen on by default. */
const DEFAULT_PORTS = [5432, 6432, 9999];
const PORT_VARIABLES = ['PGPORT', 'POSTGRESQL_PORT_NUMBER', 'PGBOUNCER_PORT', 'PGBOUNCER_LISTEN_PORT', 'LISTEN_PORT', 'PGPOOL_PORT_NUMBER'];

/** Container ports where the service speaks the PostgreSQL protocol (the defaults and what it configures). */
function protocolPorts(service: ServiceInfo): Set<number> {
  const ports = new Set(DEFAULT_PORTS);
  for (const s of service.command.settings) if (s.name === 'port' && s.value) ports.add(Number(s.value));
  for (const name of PORT_VARIABLES) {
    const value = Number(envValue(service, name));
    if (Number.isInteger(value) && value > 0) ports.add(value);
  }
  return ports;
}

const allInterfaces = (port: PortEntry) => !port.hostIp || port.hostIp === '0.0.0.0' || port.hostIp === '::';

/** Servers and poolers, including ones built from a Dockerfile; not a PostgreSQL image run as a client tool. */
function speaksPostgres(service: ServiceInfo): boolean {
  if (!service.pgRelated || service.family === 'none' || service.networkMode === 'host') return false;
  return service.role !== 'other' || service.built || service.family === 'patroni' || service.family === 'autofailover';
}

/**
 * A published database port is how these stacks are meant to be reached: information. It becomes a warning when
 * what it exposes lets clients in without a password.
 */
function portRules(ctx: RuleContext, service: ServiceInfo): void {
  const open = service.ports.filter((p) => allInterfaces(p) && p.protocol === 'tcp');
  if (!open.length || !speaksPostgres(service)) return;
  const ports = protocolPorts(service);
  const published = open.filter((p) => ports.has(p.containerPort));
  const reasons = published.length ? passwordlessReasons(ctx, service) : [];
  for (const port of published) {
    const where = whereOf(port);
    const fixes = port.short && port.hostPort !== undefined && !port.hostPortUnknown && !port.hostIp ? [{ title: 'Publish on 127.0.0.1 only', edits: [ctx.edit(port.span, `"127.0.0.1:${port.text}"`)], isPreferred: true }] : undefined;
    const reason = reasons[0];
    if (reason) {
      const opens = reason.replicationOnly ? 'can copy the whole cluster with pg_basebackup' : 'connects as any user, superuser included';
      ctx.report(port.span, 'warning', 'compose/port-all-interfaces', `"${service.name}" is published on every interface of this host, ${where}, and it lets clients in without a password (${reason.what}): anyone who can reach this host on that port ${opens}. Bind it to 127.0.0.1 or require a password.`, { service: service.name, fixes });
    } else {
      ctx.report(port.span, 'information', 'compose/port-all-interfaces', `"${service.name}" is published on every interface of this host, ${where}: other machines that reach this host can connect to it. Bind it to 127.0.0.1 if only this machine needs it.`, { service: service.name, fixes });
    }
  }
}

/** Where a published port is reached, for messages. */
function whereOf(port: PortEntry): string {
  if (port.hostPortUnknown) return `on a host port a variable sets (container port ${port.containerPort})`;
  return port.hostPort === undefined ? `on a host port Docker picks (container port ${port.containerPort})` : `on host port ${port.hostPort}`;
}

/** The names a service is reached by on the compose network (service name, hostname, container name). */
function namesOf(ctx: RuleContext, s: ServiceInfo): string[] {
  const container = scalarText(getEntry(s.entries, 'container_name')?.value, ctx.model.anchors);
  return [s.name, s.hostname, container].filter((n): n is string => !!n);
}

/**
 * Ports of HA tools (HAProxy, stolon proxy, Patroni REST API, pgpool-II PCP) published on every interface: information,
 * or a warning when a proxy forwards to a server that lets clients in without a password.
 */
function toolPortRules(ctx: RuleContext, service: ServiceInfo, servers: () => ReadonlySet<string>): void {
  const open = service.ports.filter((p) => allInterfaces(p) && p.protocol === 'tcp');
  if (!open.length || service.networkMode === 'host') return;
  const own = speaksPostgres(service) ? protocolPorts(service) : new Set<number>();
  const tools = toolPorts(service, (name) => envValue(service, name), servers, ctx.model.composeDir, ctx.fs).filter((t) => !own.has(t.port));
  for (const port of open) {
    const tool = tools.find((t) => t.port === port.containerPort);
    if (!tool) continue;
    const target = tool.targets.map((name) => ctx.model.services.find((s) => namesOf(ctx, s).includes(name))).find((s) => s && passwordlessReasons(ctx, s).length);
    const reason = target ? passwordlessReasons(ctx, target)[0] : undefined;
    const head = `"${service.name}" publishes ${tool.what} on every interface of this host, ${whereOf(port)}`;
    if (reason && target) {
      ctx.report(port.span, 'warning', 'compose/port-all-interfaces', `${head}, and "${target.name}" lets clients in without a password (${reason.what}): anyone who can reach this host on that port connects as any user, superuser included. Bind it to 127.0.0.1 or require a password.`, { service: service.name });
    } else {
      ctx.report(port.span, 'information', 'compose/port-all-interfaces', `${head}: ${tool.risk}. Bind it to 127.0.0.1 if only this machine needs it.`, { service: service.name });
    }
  }
}

/** Two services publishing the same host port: the second container cannot start. */
function portConflicts(ctx: RuleContext): void {
  const taken = new Map<string, { service: ServiceInfo; port: PortEntry }>();
  for (const service of ctx.model.services) {
    if (service.networkMode === 'host') continue;
    for (const port of service.ports) {
      if (!port.hostPort || port.hostPortUnknown || port.hostPortRange) continue;
      const key = `${port.protocol}/${port.hostPort}`;
      const earlier = taken.get(key);
      const overlap = earlier && (!earlier.port.hostIp || !port.hostIp || earlier.port.hostIp === port.hostIp);
      const together = earlier && (!earlier.service.profiles.length || !service.profiles.length || earlier.service.profiles.some((p) => service.profiles.includes(p)));
      if (earlier && earlier.service !== service && overlap && together) {
        const line = ctx.doc.positionAt(earlier.port.span.start).line + 1;
        ctx.report(port.span, 'error', 'compose/port-conflict', `Host port ${port.hostPort} is already published by "${earlier.service.name}" (line ${line}): "${service.name}" cannot start (Docker: "port is already allocated"). Publish it on another host port.`, { service: service.name });
      } else if (!earlier) taken.set(key, { service, port });
    }
  }
}

export function exposureRules(ctx: RuleContext): void {
  let names: Set<string> | undefined;
  // Only a mounted haproxy.cfg needs the names of the servers it may forward to.
  const servers = () => (names ??= new Set(ctx.model.services.filter((s) => s.pgRelated && s.family !== 'none').flatMap((s) => namesOf(ctx, s))));
  for (const service of ctx.model.services) {
    portRules(ctx, service);
    toolPortRules(ctx, service, servers);
  }
  portConflicts(ctx);
}
