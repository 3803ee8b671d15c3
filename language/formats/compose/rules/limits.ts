import { reservedConnectionsProblem } from '../../pgconf/crossChecks';
import { effectiveSetting } from './effective';
import type { Fix } from '../../../diagnostics';
import type { RuleContext } from './context';

const CONNECTION_SETTINGS = ['max_connections', 'superuser_reserved_connections', 'reserved_connections'];

/**
 * Start-up limits PostgreSQL checks after reading all settings; the thresholds and message are those of the
 * postgresql.conf rule `pgconf/reserved-connections`, applied to a service's `-c` options.
 */
export function limitRules(ctx: RuleContext): void {
  for (const service of ctx.model.services.filter((s) => s.pgRelated)) {
    const major = ctx.majorOf(service);
    const settings = new Map(CONNECTION_SETTINGS.map((name) => [name, effectiveSetting(service, name, ctx.catalog.get(name, major)?.bootVal ?? '')]));
    // Only a file that sets one of them can be wrong about them.
    const shownOn = CONNECTION_SETTINGS.map((name) => settings.get(name)!).find((s) => s.source !== 'default');
    if (!shownOn) continue;
    const problem = reservedConnectionsProblem((name) => settings.get(name)?.value ?? '', major);
    if (!problem) continue;
    const maxConnections = settings.get('max_connections')!;
    const fixes: Fix[] = maxConnections.valueSpan
      ? [{ title: `Set max_connections=${problem.minMaxConnections}`, edits: [ctx.edit(maxConnections.valueSpan, String(problem.minMaxConnections))], isPreferred: true }]
      : [];
    ctx.report(shownOn.valueSpan ?? shownOn.span ?? service.nameSpan, 'error', 'compose/reserved-connections', `${problem.message} on "${service.name}": PostgreSQL refuses to start. Raise max_connections or lower the reserved connections.`, { service: service.name, fixes });
  }
}
