import type { ComposeModel, ServiceInfo } from './model';

/**
 * How services of one file relate at start-up: who names whom, who connects to whom, who waits or retries by
 * itself. These decide whether start order and readiness matter.
 */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Everything a service says about other hosts: environment values, command and start scripts, init scripts. */
function textsOf(service: ServiceInfo): string[] {
  const texts = [service.startup.text, ...service.env.map((e) => e.resolved ?? e.value ?? ''), ...service.envFileVars.values()];
  for (const script of service.init.scripts) if (script.text) texts.push(script.text);
  return texts;
}

/** Whether `service` names `target` (its service name or hostname) as a host anywhere it could connect from. */
export function mentions(service: ServiceInfo, target: ServiceInfo): boolean {
  const names = [target.name, target.hostname].filter((n): n is string => !!n);
  const pattern = new RegExp(`(^|[^\\w.-])(${names.map(escape).join('|')})($|[^\\w-])`);
  return textsOf(service).some((t) => pattern.test(t));
}

/** A replica streaming from `target` (by service name or hostname). */
export const replicaOf = (service: ServiceInfo, target: ServiceInfo) => service.role === 'replica' && !!service.upstream && (service.upstream === target.name || service.upstream === target.hostname);

/** Whether `service` opens connections to `target` while starting: a pooler in front of it, a replica of it, or anything naming it. */
export function connectsAtStart(service: ServiceInfo, target: ServiceInfo): boolean {
  return service.family === 'pooler' || replicaOf(service, target) || mentions(service, target);
}

const RESTARTS = /^(always|unless-stopped|on-failure)/;

/**
 * Whether a failed first connection is retried without help: a wait loop in the command or a start script,
 * images that wait for their peers themselves (Bitnami, poolers, Patroni, pg_auto_failover), or a restart policy.
 */
export function retriesByItself(service: ServiceInfo): boolean {
  return service.startup.retries || service.family === 'bitnami' || service.family === 'pooler' || service.family === 'patroni' || service.family === 'autofailover' || RESTARTS.test(service.restart ?? '');
}

/** A PostgreSQL server (not a pooler, not a client tool). */
export const isServer = (s: ServiceInfo) => s.pgRelated && s.family !== 'none' && s.family !== 'pooler' && (s.role === 'primary' || s.role === 'replica' || s.built || s.family === 'patroni' || s.family === 'autofailover');

/** Services waiting for `target` to be healthy. */
export function healthyWaiters(model: ComposeModel, target: ServiceInfo): ServiceInfo[] {
  return model.services.filter((s) => s.dependsOn.some((d) => d.service === target.name && d.condition === 'service_healthy'));
}
