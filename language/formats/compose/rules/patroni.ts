import { checkPatroniVariable } from '../../patroni/environment';
import type { RuleContext } from './context';

/**
 * PATRONI_* variables of a service: a name Patroni 3.0 does not read (it is ignored without a word), a value
 * Patroni's validator refuses where the variable lands (the same catalog and checks as patroni.yml).
 */
export function patroniEnvRules(ctx: RuleContext): void {
  const knowledge = ctx.patroni;
  if (!knowledge) return;
  for (const service of ctx.model.services) {
    for (const env of service.env.filter((e) => e.name.startsWith('PATRONI_'))) {
      const verdict = checkPatroniVariable(knowledge.catalog, env.name, env.value);
      if (!verdict.known) {
        const close = verdict.suggestions?.length ? ` Did you mean ${verdict.suggestions.join(', ')}?` : '';
        ctx.report(env.keySpan, 'warning', 'compose/patroni-variable', `Patroni ${knowledge.catalog.version} does not read ${env.name}: it is ignored.${close}`, { service: service.name });
      } else if (verdict.message) {
        ctx.report(env.valueSpan ?? env.keySpan, 'error', 'compose/patroni-variable', `${verdict.message} (from ${env.name}): patroni --validate-config refuses it and Patroni cannot start with it.`, { service: service.name });
      }
    }
  }
}
