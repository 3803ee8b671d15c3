import { envValue, type ServiceInfo } from '../model';
import { connectsAtStart, healthyWaiters, isServer, replicaOf, retriesByItself } from '../peers';
import type { Fix } from '../../../diagnostics';
import type { RuleContext } from './context';
import { addHealthcheckEdit, serviceKeyIndent } from './edits';

/** Start order and readiness: healthchecks and depends_on conditions. */
export function readinessRules(ctx: RuleContext): void {
  for (const service of ctx.model.services) {
    if (service.pgRelated) healthcheckRule(ctx, service);
    dependsRules(ctx, service);
  }
}

/** A replica made by pg_basebackup starts from a copied data directory: the entrypoint never initialises one. */
const seededByBasebackup = (s: ServiceInfo) => s.role === 'replica' && (!!s.command.basebackup || !!s.startup.basebackup);

/**
 * `pg_isready` without -h checks the Unix socket, which the official entrypoint's temporary init server already
 * answers. It matters when a service waits for this healthcheck and then connects.
 */
function healthcheckRule(ctx: RuleContext, service: ServiceInfo): void {
  const hc = service.healthcheck;
  if (!hc || hc.disabled || !/\bpg_isready\b/.test(hc.command) || /\bpsql\b/.test(hc.command)) return;
  if (/(^|\s)(-h|--host)(\s|=|\S)/.test(hc.command)) return;
  if (service.family !== 'official' || seededByBasebackup(service)) return;
  const waiters = healthyWaiters(ctx.model, service).filter((w) => connectsAtStart(w, service));
  if (!waiters.length) return;
  const source = ctx.model.text.slice(hc.span.start, hc.span.end);
  const at = source.indexOf('pg_isready');
  const list = Array.isArray(hc.raw);
  const insert = list && /["']pg_isready["']/.test(source) ? (source[at + 10] === '"' ? '", "-h", "localhost' : "', '-h', 'localhost") : ' -h localhost';
  const names = waiters.map((w) => `"${w.name}"`).join(', ');
  ctx.report(hc.span, 'warning', 'compose/healthcheck-socket-only', `This healthcheck runs pg_isready without -h, so it tests the Unix socket: on the first start the entrypoint runs a temporary server on the socket only, and the check passes before "${service.name}" accepts TCP connections. ${names} ${waiters.length > 1 ? 'wait' : 'waits'} for it (condition: service_healthy) and then ${waiters.length > 1 ? 'connect' : 'connects'} too early.${hc.fromAnchor ? ` (Defined in anchor "${hc.fromAnchor}".)` : ''}`, {
    service: service.name,
    fixes: at >= 0 ? [{ title: 'Check over TCP (-h localhost)', edits: [ctx.edit({ start: hc.span.start + at + 10, end: hc.span.start + at + 10 }, insert)], isPreferred: true }] : undefined,
  });
}

/**
 * A dependent that connects once while starting and has no retry of its own fails when it starts before the
 * server accepts connections; depends_on without a condition only orders container starts.
 */
function connectsOnce(service: ServiceInfo, target: ServiceInfo): boolean {
  if (service.startup.opaque || retriesByItself(service)) return false;
  return replicaOf(service, target) ? seededByBasebackup(service) : service.family === 'none' && connectsAtStart(service, target);
}

function dependsRules(ctx: RuleContext, service: ServiceInfo): void {
  const { model } = ctx;
  for (const dep of service.dependsOn) {
    const target = model.byName.get(dep.service);
    if (!target) {
      ctx.report(dep.span, 'error', 'compose/depends-on-unknown', `"${service.name}" depends on "${dep.service}", which is not a service of this file.`, { service: service.name });
      continue;
    }
    if (dep.condition === 'service_healthy') {
      if (target.pgRelated && (!target.healthcheck || target.healthcheck.disabled)) {
        const user = envValue(target, 'POSTGRES_USER') ?? 'postgres';
        ctx.report(dep.span, 'error', 'compose/healthcheck-missing', `"${service.name}" waits for "${dep.service}" to be healthy, but "${dep.service}" has no healthcheck: Compose refuses to start.`, {
          service: service.name,
          fixes: [{ title: `Add a pg_isready healthcheck to "${dep.service}"`, edits: [addHealthcheckEdit(ctx, target, user)], isPreferred: true }],
        });
      }
      continue;
    }
    if (dep.condition === 'service_completed_successfully' || !isServer(target) || !connectsOnce(service, target)) continue;
    const how = replicaOf(service, target) ? `runs pg_basebackup against "${dep.service}" once` : `connects to "${dep.service}"`;
    const healthcheck = target.healthcheck && !target.healthcheck.disabled ? '' : `, and give "${dep.service}" a healthcheck`;
    ctx.report(dep.span, 'warning', 'compose/depends-on-not-healthy', `"${service.name}" ${how} while starting, with no retry of its own, but depends_on "${dep.service}" only waits for the container to start, not for PostgreSQL to accept connections: the first attempt can fail and nothing repeats it. Use condition: service_healthy${healthcheck}.`, {
      service: service.name,
      fixes: [dependsFix(ctx, service)],
    });
  }
}

/** Rewrites depends_on in long form with service_healthy for PostgreSQL servers (and adds their healthcheck). */
function dependsFix(ctx: RuleContext, service: ServiceInfo): Fix {
  const entry = service.dependsOnEntry!;
  const own = !entry.mergedFrom && !entry.value.viaAnchor;
  const indent = own ? ctx.indentAt(entry.keySpan.start) : serviceKeyIndent(ctx, service);
  const lines = [`depends_on:`];
  for (const dep of service.dependsOn) {
    const t = ctx.model.byName.get(dep.service);
    const condition = t && isServer(t) && dep.condition !== 'service_completed_successfully' ? 'service_healthy' : dep.condition;
    lines.push(`${indent}  ${dep.service}:`, `${indent}    condition: ${condition}`);
  }
  const valueRange = entry.value.node?.range;
  const end = own && valueRange ? ctx.lastContentEnd({ start: entry.keySpan.start, end: entry.value.base + valueRange[1] }) : undefined;
  const edits = [own && end !== undefined ? ctx.edit({ start: entry.keySpan.start, end }, lines.join('\n')) : ctx.edit({ start: ctx.lineEnd(service.nameSpan.start), end: ctx.lineEnd(service.nameSpan.start) }, `\n${indent}${lines.join('\n')}`)];
  const needHealthcheck = new Set(service.dependsOn.map((d) => ctx.model.byName.get(d.service)).filter((t): t is ServiceInfo => !!t && isServer(t) && !t.healthcheck));
  for (const t of needHealthcheck) edits.push(addHealthcheckEdit(ctx, t, envValue(t, 'POSTGRES_USER') ?? 'postgres'));
  return { title: 'Wait until healthy (condition: service_healthy)', edits, isPreferred: true };
}
