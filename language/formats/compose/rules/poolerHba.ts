/**
 * A PgBouncer whose pgbouncer.ini forces the login user of an entry (`user=`) must get through the pg_hba.conf
 * mounted into the server the entry points at: else every client of that entry gets the server's refusal. Entries
 * without `user=` log in as each client, which the file does not tell: they are left alone (no guessing).
 */
import { connectionRefused } from '../../pghba/match';
import type { RuleContext } from './context';
import { keptRules } from './mountedHba';

export function poolerHbaRules(ctx: RuleContext): void {
  for (const pooler of ctx.model.services) {
    for (const route of pooler.poolerConfig?.routes ?? []) {
      const server = route.user && route.host ? ctx.model.byName.get(route.host) : undefined;
      if (!server || !route.user) continue;
      const database = route.dbname ?? (route.database === '*' ? undefined : route.database);
      for (const file of server.init.hbaFiles ?? []) {
        const rules = keptRules(file, ctx, server);
        const refused = rules && connectionRefused([...rules.keys()], { user: route.user, database, replication: false, from: 'stack-network' });
        if (!rules || !refused) continue;
        const where = `the pg_hba.conf mounted into "${server.name}" (${file.volume.source})`;
        const asked = `user "${route.user}"${database ? `, database "${database}"` : ''}`;
        const why = 'rejectedBy' in refused
          ? `line ${rules.get(refused.rejectedBy)} of ${where} rejects it ("pg_hba.conf rejects connection for host …, ${asked}")`
          : `no line of ${where} lets it in from the stack's network ("no pg_hba.conf entry for host …, ${asked}")`;
        const message = `"${pooler.name}" logs in to "${server.name}" as "${route.user}" for its entry "${route.database}", and ${why}: every client of that entry gets this error. Add "host ${database ?? 'all'} ${route.user} samenet scram-sha-256" above the refusing lines.`;
        ctx.report(pooler.nameSpan, 'warning', 'compose/hba-pooler-refused', message, { service: pooler.name }, `${route.database}/${file.hostPath}`);
      }
    }
  }
}
