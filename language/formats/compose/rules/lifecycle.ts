import { MAJORS } from '../../../catalog/types';
import type { ServiceInfo } from '../model';
import type { Fix } from '../../../diagnostics';
import type { RuleContext } from './context';
import { readinessRules } from './readiness';

/** Start order, readiness, images and data paths. */
export function lifecycleRules(ctx: RuleContext): void {
  const { model } = ctx;
  const builtImages = new Set(model.services.filter((s) => s.built && s.image).map((s) => s.image!.text));
  for (const service of model.services.filter((s) => s.pgRelated)) {
    unpinnedRule(ctx, service, builtImages);
    pg18VolumeRule(ctx, service);
  }
  readinessRules(ctx);
  const version = model.topLevel.get('version');
  if (version && model.pgRelated) {
    ctx.report(version.entry.keySpan, 'hint', 'compose/version-obsolete', 'The top-level `version` is obsolete: Compose v2 ignores it (and warns).', {
      fixes: [{ title: 'Remove `version`', edits: [ctx.edit({ start: version.chunk.base, end: version.chunk.end }, '')] }],
    });
  }
}

/**
 * A PostgreSQL server image pulled by a moving tag changes major on a pull, and a major cannot read another's data
 * directory. Not for poolers (no data directory), images built here, nor Patroni/Spilo/pg_auto_failover images
 * (the tool picks the major).
 */
function unpinnedRule(ctx: RuleContext, service: ServiceInfo, builtImages: Set<string>): void {
  const image = service.image;
  if (!image?.unpinned || service.built || builtImages.has(image.text) || (service.family !== 'official' && service.family !== 'bitnami')) return;
  const where = image.fromAnchor ? ` (from anchor "${image.fromAnchor}")` : '';
  const official = image.flavor === 'official';
  const newest = MAJORS[MAJORS.length - 1];
  const variant = image.tag && image.tag !== 'latest' ? '-' + image.tag : '';
  const pinned = (major: number) => `${image.registry ? image.registry + '/' : ''}${image.repository}:${major}${variant}`;
  const today = official ? ` (PostgreSQL ${newest} today)` : '';
  const advice = official ? `Pin the major, e.g. ${pinned(ctx.defaultMajor)}.` : 'Pin a tag that names the major.';
  ctx.report(image.span, 'warning', 'compose/unpinned-tag', `"${image.text}"${where} follows the newest major${today}: after a pull the new server refuses a data directory an older major created ("database files are incompatible with server"). ${advice}`, {
    service: service.name,
    fixes: official ? [...new Set([ctx.defaultMajor, newest])].map((m, i): Fix => ({ title: `Pin to ${pinned(m)}`, edits: [ctx.edit(image.span, pinned(m))], isPreferred: i === 0 })) : undefined,
  });
}

function pg18VolumeRule(ctx: RuleContext, service: ServiceInfo): void {
  if (service.major === undefined || service.major < 18 || service.flavor !== 'official') return;
  const latest = service.image?.unpinned ? ` ("${service.image.text}" is PostgreSQL ${service.major})` : '';
  for (const volume of service.volumes.filter((v) => v.target.replace(/\/+$/, '') === '/var/lib/postgresql/data')) {
    ctx.report(volume.span, 'error', 'compose/pg18-data-volume', `PostgreSQL ${service.major} images${latest} keep data in /var/lib/postgresql/${service.major}/docker and expect the volume at /var/lib/postgresql: a volume at /var/lib/postgresql/data is not used (data is lost with the container) or makes the entrypoint stop. Mount it at /var/lib/postgresql.`, {
      service: service.name,
      fixes: [{ title: 'Mount at /var/lib/postgresql', edits: [ctx.edit(volume.span, ctx.model.text.slice(volume.span.start, volume.span.end).replace('/var/lib/postgresql/data', '/var/lib/postgresql'))], isPreferred: true }],
    });
  }
}
