import { chunkPair } from '../yaml/chunks';
import { entries, getEntry, isMapping, scalarText } from '../yaml/nodes';
import { defaultDataDirectory } from '../images';
import { envValue, type ServiceInfo } from '../model';
import type { RuleContext } from './context';

/** Mistakes in how the file is laid out: format v1, a template that is a service, mounts inside the data directory. */

const POSTGRES_IMAGE = /postgres|postgis|timescale|citus|pgbouncer|pgpool|spilo|patroni/i;
const NOT_SERVICES = new Set(['version', 'services', 'networks', 'volumes', 'configs', 'secrets', 'name', 'include']);

/** Compose file format v1: services at the top level, without `services:`. */
export function formatV1Rule(ctx: RuleContext): void {
  const { model } = ctx;
  if (model.topLevel.has('services')) return;
  const services = [...model.topLevel.values()].filter(({ entry }) => !NOT_SERVICES.has(entry.key) && !entry.key.startsWith('x-') && isMapping(entry.value, model.anchors));
  const withImage = services.filter(({ entry }) => {
    const es = entries(entry.value, model.anchors).entries;
    return getEntry(es, 'image') || getEntry(es, 'build');
  });
  const postgres = withImage.some(({ entry }) => POSTGRES_IMAGE.test(scalarText(getEntry(entries(entry.value, model.anchors).entries, 'image')?.value, model.anchors) ?? ''));
  if (!withImage.length || !postgres) return;
  const names = withImage.map(({ entry }) => `"${entry.key}"`).join(', ');
  ctx.report(withImage[0].entry.keySpan, 'error', 'compose/format-v1', `This is Compose file format v1: the services (${names}) sit at the top level, without "services:". Docker Compose v2 no longer reads that format and rejects the file. Put them under "services:" (links and names keep working).`);
}

const TEMPLATE_NAME = /(^|[-_])(base|template|tmpl|common|defaults?|shared)([-_]|$)/i;

/** A service used as a template (`name: &anchor`, merged into others) is started as a container of its own too. */
export function anchorServiceRule(ctx: RuleContext): void {
  const { model } = ctx;
  for (const service of model.services) {
    const value = chunkPair(service.chunk)?.value;
    const anchor = service.chunk.parsed.anchors.find((a) => a.node === value)?.name;
    if (!anchor || !TEMPLATE_NAME.test(service.name)) continue;
    const users = model.services.filter((s) => s !== service && s.entries.some((e) => e.mergedFrom === anchor));
    if (!users.length) continue;
    ctx.report(service.nameSpan, 'warning', 'compose/anchor-service', `"${service.name}" holds the anchor &${anchor} that ${users.map((u) => `"${u.name}"`).join(', ')} merge, but it is itself under "services:": Compose starts it as one more container (without what the others add). Move the template to a top-level "x-${service.name}" key.`, { service: service.name });
  }
}

/** The data directory the entrypoint initialises: PGDATA, or the image's default for its major. */
function dataDirectory(service: ServiceInfo): string {
  return (envValue(service, 'PGDATA') ?? defaultDataDirectory(service.major)).replace(/\/+$/, '');
}

/** A bind mount inside the data directory makes it non-empty before initdb, which then refuses it. */
export function dataDirectoryMountRule(ctx: RuleContext, service: ServiceInfo): void {
  if (service.family !== 'official' || service.role === 'replica') return;
  const pgdata = dataDirectory(service);
  for (const volume of service.volumes.filter((v) => v.type === 'bind' && v.target.replace(/\/+$/, '').startsWith(pgdata + '/'))) {
    const hostPath = volume.source && ctx.model.composeDir ? `${ctx.model.composeDir}/${volume.source}` : undefined;
    const missing = hostPath && !ctx.fs.exists(hostPath) ? ` (${volume.source} does not exist, so Docker creates a directory there)` : '';
    ctx.report(volume.span, 'error', 'compose/mount-in-data-directory', `${volume.source ?? 'This mount'} is mounted inside the data directory ${pgdata}${missing}: on the first start the directory is not empty, and initdb refuses it ("exists but is not empty"), so "${service.name}" never initialises. Mount configuration files elsewhere (e.g. /etc/postgresql/) and point config_file or hba_file at them.`, { service: service.name });
  }
}
