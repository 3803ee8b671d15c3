import { isMajor, MAJORS } from '../../../catalog/types';
import type { ServiceInfo } from '../model';
import type { RuleContext } from './context';

/** The PostgreSQL version an image names, inside the catalog or not (`12`, `9.6`, `17`). */
export const versionOf = (s: ServiceInfo): string | undefined => (s.major !== undefined ? String(s.major) : s.image?.version);

/** The image names a PostgreSQL version outside 13–18: nothing to check its settings against. */
export const unsupportedVersion = (s: ServiceInfo): string | undefined => (s.major === undefined && s.image?.version && !isMajor(Number(s.image.version)) ? s.image.version : undefined);

/** Says when a service's major is outside what pgha knows, instead of checking it against another major. */
export function majorRules(ctx: RuleContext): void {
  const [oldest, newest] = [MAJORS[0], MAJORS[MAJORS.length - 1]];
  for (const service of ctx.model.services.filter((s) => s.pgRelated && s.image)) {
    const version = unsupportedVersion(service);
    if (!version) continue;
    const why = Number(version) < oldest ? `PostgreSQL ${version} is past its end of life` : `PostgreSQL ${version} is newer than this version of pgha knows`;
    const settings = service.command.settings.length ? ` Its ${service.command.settings.length} command-line setting${service.command.settings.length > 1 ? 's are' : ' is'} not checked.` : '';
    ctx.report(service.image!.span, 'information', 'compose/major-unsupported', `${why}; pgha knows PostgreSQL ${oldest}–${newest} only, so nothing about "${service.name}" that depends on the major is checked.${settings}`, { service: service.name });
  }
}

/** glibc (Debian) and musl (Alpine) sort text differently: an index built on one is wrong on the other. */
export const libcOf = (s: ServiceInfo): 'musl' | 'glibc' | undefined => (s.flavor === 'official' && s.image ? (/alpine/.test(s.image.tag ?? '') ? 'musl' : 'glibc') : undefined);
