import type { PortEntry } from '../fields';
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
  if (!speaksPostgres(service)) return;
  const ports = protocolPorts(service);
  const reasons = passwordlessReasons(ctx, service);
  for (const port of service.ports.filter((p) => allInterfaces(p) && ports.has(p.containerPort) && p.protocol === 'tcp')) {
    const where = port.hostPortUnknown ? `on a host port a variable sets (container port ${port.containerPort})` : port.hostPort === undefined ? `on a host port Docker picks (container port ${port.containerPort})` : `on host port ${port.hostPort}`;
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

/** Two services publishing the same host port: the second container cannot start. */
function portConflicts(ctx: RuleContext): void {
  const taken = new Map<string, { service: ServiceInfo; port: PortEntry }>();
  for (const service of ctx.model.services) {
    if (service.networkMode === 'host') continue;
    for (const port of service.ports) {
      if (port.hostPort === undefined || port.hostPortUnknown || !port.hostPort || /^[^:]*-/.test(port.text.split(':').slice(-2)[0] ?? '')) continue;
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
  for (const service of ctx.model.services) portRules(ctx, service);
  portConflicts(ctx);
}
