import type { ComposeModel, ServiceInfo } from './model';

/**
 * How services of one file relate at start-up: who names whom, who connects to whom, who waits or retries by
 * itself. These decide whether start order and readiness matter.
 */

const NAME_CHAR = /[\w.-]/;

/** `name` stands alone in `text` (not part of a longer host or word). */
function namesHost(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = at > 0 ? text[at - 1] : '';
    const after = text[at + name.length] ?? '';
    if (!NAME_CHAR.test(before) && (!after || !NAME_CHAR.test(after) || after === '.')) return true;
  }
  return false;
}

/** Whether `service` names `target` (its service name or hostname) as a host anywhere it could connect from. */
export function mentions(service: ServiceInfo, target: ServiceInfo): boolean {
  const names = target.hostname ? [target.name, target.hostname] : [target.name];
  const named = (text: string | undefined) => !!text && names.some((n) => namesHost(text, n));
  return named(service.startup.text) || service.env.some((e) => named(e.resolved ?? e.value)) || [...service.envFileVars.values()].some(named) || service.init.scripts.some((s) => named(s.text));
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
