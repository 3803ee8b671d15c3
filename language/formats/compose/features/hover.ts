import type { Hover, Position } from 'vscode-languageserver-types';
import { missingInMajorMarkdown, parameterMarkdown } from '../../pgconf/features/describe';
import { BASEBACKUP_DOCS } from '../knowledge';
import { contractName, envLookup } from '../pgbouncerEnv';
import { defaultDataDirectory } from '../images';
import type { ComposeModel, ServiceInfo } from '../model';
import { toRange } from '../topology';
import type { Span } from '../yaml/nodes';
import { serviceAt, type ComposeFeatureInput } from './input';

const inside = (span: Span | undefined, offset: number) => !!span && offset >= span.start && offset <= span.end;

/** Hover inside PostgreSQL services: service role, environment variables, -c settings, pg_basebackup flags, image. */
export function composeHover(input: ComposeFeatureInput, position: Position): Hover | null {
  const { doc, model } = input;
  const offset = doc.offsetAt(position);
  const service = serviceAt(model, offset) ?? anchoredService(model, offset);
  if (!service || !service.pgRelated) return null;
  const hover = (markdown: string, span: Span): Hover => ({ contents: { kind: 'markdown', value: markdown }, range: toRange(doc, span) });
  if (inside(service.nameSpan, offset)) return hover(roleMarkdown(model, service), service.nameSpan);
  for (const setting of service.command.settings) {
    if (!setting.name || !(inside(setting.nameSpan, offset) || inside(setting.valueSpan, offset))) continue;
    const major = service.major ?? input.defaultMajor;
    const info = input.catalog.get(setting.name, major);
    const record = info ? undefined : input.catalog.record(setting.name);
    const body = info ? parameterMarkdown(info) : record ? missingInMajorMarkdown(record, major) : `**${setting.name}** — not a parameter PostgreSQL ${major} knows`;
    const written = setting.form === '--' ? `--${setting.rawName}=…` : setting.form === '-c' ? `-c ${setting.rawName}=…` : `${setting.form} …`;
    const note = `\n\n*Given on the command line (\`${written}\`): overrides postgresql.conf and ALTER SYSTEM; the value is taken verbatim.*`;
    return hover(body + note, setting.span);
  }
  const bb = service.command.basebackup?.options.find((o) => inside(o.span, offset));
  if (bb) {
    const doc = BASEBACKUP_DOCS[bb.name];
    return hover(`**pg_basebackup --${bb.name}**${bb.value ? ` \`${bb.value}\`` : ''}\n\n${doc ?? 'An option pg_basebackup does not document under this name.'}`, bb.span);
  }
  for (const env of service.env) {
    if (!inside(env.keySpan, offset) && !inside(env.valueSpan, offset)) continue;
    const patroni = env.name.startsWith('PATRONI_') ? input.patroni?.variable(env.name) : undefined;
    if (patroni) return hover(`**${env.name}** (Patroni${patroni.path ? ` → \`${patroni.path}\`` : ''})\n\n${patroni.description}`, env.keySpan);
    const info = envLookup(input.pgbouncerEnv).find(env.name, service.flavor);
    if (!info) return null;
    const kind = info.contract ? contractName(info.contract) : service.flavor === 'bitnami' || service.flavor === 'bitnami-repmgr' ? 'Bitnami' : service.flavor === 'pgbouncer' || service.flavor === 'pgpool' ? 'pooler' : 'official image';
    const lines = [`**${env.name}** (${kind})`, '', info.description];
    if (info.initOnly) lines.push('', '*Read only when the entrypoint initialises an empty data directory; changing it later has no effect on an existing volume.*');
    if (info.values) lines.push('', `Values: ${info.values.map((v) => '`' + v + '`').join(', ')}`);
    if (env.fromAnchor) lines.push('', `Comes from anchor \`${env.fromAnchor}\`.`);
    return hover(lines.join('\n'), env.keySpan);
  }
  if (service.image && inside(service.image.span, offset)) return hover(imageMarkdown(service), service.image.span);
  return null;
}

/** Inside an anchor (e.g. `x-postgres-common`): the first PostgreSQL service that uses the value under the cursor. */
function anchoredService(model: ComposeModel, offset: number): ServiceInfo | undefined {
  return model.services.find(
    (s) =>
      s.pgRelated &&
      ((s.image && inside(s.image.span, offset)) ||
        s.env.some((e) => inside(e.keySpan, offset) || inside(e.valueSpan, offset)) ||
        s.command.settings.some((c) => inside(c.span, offset)) ||
        s.command.basebackup?.options.some((o) => inside(o.span, offset))),
  );
}

function imageMarkdown(s: ServiceInfo): string {
  const image = s.image!;
  const flavor = { official: 'Official PostgreSQL image', bitnami: 'Bitnami PostgreSQL', 'bitnami-repmgr': 'Bitnami PostgreSQL with repmgr', pgbouncer: 'PgBouncer', pgpool: 'pgpool-II', custom: 'PostgreSQL-based image', unknown: 'Image' }[image.flavor];
  const lines = [`**${image.text}** — ${flavor}`];
  if (s.major !== undefined) {
    lines.push('', `PostgreSQL **${s.major}**: settings in this service are checked against the ${s.major} catalog.`);
    lines.push('', `Data directory: \`${defaultDataDirectory(s.major)}\`${s.major >= 18 ? ' (moved in 18: mount the volume at `/var/lib/postgresql`)' : ''}.`);
  } else if (image.unpinned) lines.push('', 'No major version in the tag: every pull may bring a new major.');
  return lines.join('\n');
}

/** "replica of `postgres_primary` through slot `replication_slot`" and friends. */
export function roleMarkdown(model: ComposeModel, s: ServiceInfo): string {
  const version = s.major !== undefined ? ` · PostgreSQL ${s.major}` : '';
  const replicas = model.services.filter((r) => r.upstream === s.name && r.role === 'replica');
  const poolers = model.services.filter((r) => r.upstream === s.name && r.role === 'pooler');
  let text: string;
  switch (s.role) {
    case 'primary':
      text = `**${s.name}** — primary${version}` + (replicas.length ? `\n\nReplicas: ${replicas.map((r) => `\`${r.name}\`${r.slot ? ` (slot \`${r.slot}\`)` : ''}`).join(', ')}` : '\n\nNo replica streams from it.');
      break;
    case 'replica':
      text = `**${s.name}** — replica of \`${s.upstream ?? '?'}\`${s.slot ? ` through slot \`${s.slot}\`` : ' (no slot)'}${version}` + (s.replicationUser ? `\n\nConnects as \`${s.replicationUser}\`.` : '');
      break;
    case 'pooler':
      text = `**${s.name}** — connection pooler (${s.flavor})${s.upstream ? ` in front of \`${s.upstream}\`` : ''}`;
      break;
    default:
      text = `**${s.name}**${version}`;
  }
  if (poolers.length) text += `\n\nPoolers: ${poolers.map((p) => `\`${p.name}\``).join(', ')}`;
  return text;
}
