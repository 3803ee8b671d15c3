import { MAJORS } from '../../../catalog/types';
import { envValue, type ServiceInfo } from '../model';
import type { Fix } from '../../../diagnostics';
import type { RuleContext } from './context';
import { addHealthcheckEdit, serviceKeyIndent } from './edits';

/** Start order, readiness, images and data paths. */
export function lifecycleRules(ctx: RuleContext): void {
  const { model } = ctx;
  for (const service of model.services) {
    if (service.pgRelated) {
      imageRules(ctx, service);
      healthcheckRule(ctx, service);
    }
    dependsRules(ctx, service);
  }
  const version = model.topLevel.get('version');
  if (version && model.pgRelated) {
    ctx.report(version.entry.keySpan, 'hint', 'compose/version-obsolete', 'The top-level `version` is obsolete: Compose v2 ignores it (and warns).', {
      fixes: [{ title: 'Remove `version`', edits: [ctx.edit({ start: version.chunk.base, end: version.chunk.end }, '')] }],
    });
  }
}

function imageRules(ctx: RuleContext, service: ServiceInfo): void {
  const image = service.image;
  if (!image) return;
  const where = image.fromAnchor ? ` (from anchor "${image.fromAnchor}")` : '';
  if (image.unpinned && image.flavor !== 'unknown') {
    const latest = MAJORS[MAJORS.length - 1];
    const repo = (image.registry ? image.registry + '/' : '') + image.repository;
    const pinned = (major: number) => `${repo}:${major}${image.tag && image.tag !== 'latest' ? '-' + image.tag : ''}`;
    ctx.report(image.span, 'warning', 'compose/unpinned-tag', `"${image.text}"${where} follows the newest major: a pull can move the data directory to a new major that cannot read it. Pin the major (e.g. ${pinned(ctx.defaultMajor)}).`, {
      service: service.name,
      fixes: [...new Set([ctx.defaultMajor, latest])].map((m, i): Fix => ({ title: `Pin to ${pinned(m)}`, edits: [ctx.edit(image.span, pinned(m))], isPreferred: i === 0 })),
    });
  }
  if (service.major !== undefined && service.major >= 18 && service.flavor === 'official') {
    for (const volume of service.volumes.filter((v) => v.target.replace(/\/+$/, '') === '/var/lib/postgresql/data')) {
      ctx.report(volume.span, 'error', 'compose/pg18-data-volume', `PostgreSQL ${service.major} images keep data in /var/lib/postgresql/${service.major}/docker and expect the volume at /var/lib/postgresql: a volume at /var/lib/postgresql/data is not used (data is lost with the container) or makes the entrypoint stop. Mount it at /var/lib/postgresql.`, {
        service: service.name,
        fixes: [{ title: 'Mount at /var/lib/postgresql', edits: [ctx.edit(volume.span, ctx.model.text.slice(volume.span.start, volume.span.end).replace('/var/lib/postgresql/data', '/var/lib/postgresql'))], isPreferred: true }],
      });
    }
  }
}

/** `pg_isready` without -h checks the Unix socket, which the entrypoint's temporary init server already answers. */
function healthcheckRule(ctx: RuleContext, service: ServiceInfo): void {
  const hc = service.healthcheck;
  if (!hc || hc.disabled || !/\bpg_isready\b/.test(hc.command)) return;
  if (/(^|\s)(-h|--host)(\s|=|\S)/.test(hc.command)) return;
  const source = ctx.model.text.slice(hc.span.start, hc.span.end);
  const at = source.indexOf('pg_isready');
  const list = Array.isArray(hc.raw);
  const insert = list && /["']pg_isready["']/.test(source) ? (source[at + 10] === '"' ? '", "-h", "localhost' : "', '-h', 'localhost") : ' -h localhost';
  ctx.report(hc.span, 'warning', 'compose/healthcheck-socket-only', `This healthcheck runs pg_isready without -h, so it tests the Unix socket: during first initialisation the entrypoint runs a temporary server on the socket only, and the check reports healthy before the real server accepts TCP connections.${hc.fromAnchor ? ` (Defined in anchor "${hc.fromAnchor}".)` : ''}`, {
    service: service.name,
    fixes: at >= 0 ? [{ title: 'Check over TCP (-h localhost)', edits: [ctx.edit({ start: hc.span.start + at + 10, end: hc.span.start + at + 10 }, insert)], isPreferred: true }] : undefined,
  });
}

function dependsRules(ctx: RuleContext, service: ServiceInfo): void {
  const { model } = ctx;
  for (const dep of service.dependsOn) {
    const target = model.byName.get(dep.service);
    if (!target) {
      ctx.report(dep.span, 'error', 'compose/depends-on-unknown', `"${service.name}" depends on "${dep.service}", which is not a service of this file.`, { service: service.name });
      continue;
    }
    if (!target.pgRelated || !(service.pgRelated || target.role === 'primary')) continue;
    if (dep.condition === 'service_healthy') {
      if (!target.healthcheck || target.healthcheck.disabled) {
        const user = envValue(target, 'POSTGRES_USER') ?? 'postgres';
        ctx.report(dep.span, 'error', 'compose/healthcheck-missing', `"${service.name}" waits for "${dep.service}" to be healthy, but "${dep.service}" has no healthcheck: Compose refuses to start.`, {
          service: service.name,
          fixes: [{ title: `Add a pg_isready healthcheck to "${dep.service}"`, edits: [addHealthcheckEdit(ctx, target, user)], isPreferred: true }],
        });
      }
      continue;
    }
    if (dep.condition === 'service_completed_successfully') continue;
    ctx.report(dep.span, 'warning', 'compose/depends-on-not-healthy', `depends_on "${dep.service}" only waits for the container to start, not for PostgreSQL to accept connections: use condition: service_healthy.`, {
      service: service.name,
      fixes: [dependsFix(ctx, service)],
    });
  }
}

/** Rewrites depends_on in long form with service_healthy for PostgreSQL targets (and adds their healthcheck). */
function dependsFix(ctx: RuleContext, service: ServiceInfo): Fix {
  const entry = service.dependsOnEntry!;
  const own = !entry.mergedFrom && !entry.value.viaAnchor;
  const indent = own ? ctx.indentAt(entry.keySpan.start) : serviceKeyIndent(ctx, service);
  const lines = [`depends_on:`];
  for (const dep of service.dependsOn) {
    const t = ctx.model.byName.get(dep.service);
    const condition = t?.pgRelated && dep.condition !== 'service_completed_successfully' ? 'service_healthy' : dep.condition;
    lines.push(`${indent}  ${dep.service}:`, `${indent}    condition: ${condition}`);
  }
  const valueRange = entry.value.node?.range;
  const end = own && valueRange ? ctx.lastContentEnd({ start: entry.keySpan.start, end: entry.value.base + valueRange[1] }) : undefined;
  const edits = [own && end !== undefined ? ctx.edit({ start: entry.keySpan.start, end }, lines.join('\n')) : ctx.edit({ start: ctx.lineEnd(service.nameSpan.start), end: ctx.lineEnd(service.nameSpan.start) }, `\n${indent}${lines.join('\n')}`)];
  const needHealthcheck = new Set(service.dependsOn.map((d) => ctx.model.byName.get(d.service)).filter((t): t is ServiceInfo => !!t && t.pgRelated && !t.healthcheck));
  for (const t of needHealthcheck) edits.push(addHealthcheckEdit(ctx, t, envValue(t, 'POSTGRES_USER') ?? 'postgres'));
  return { title: 'Wait until healthy (condition: service_healthy)', edits, isPreferred: true };
}
