/**
 * A primary's own postgresql.conf, bind-mounted from the project (`./postgresql.conf:/etc/postgresql/postgresql.conf`
 * with `-c config_file=…`, or over the image's default path): its max_wal_senders counts like a `-c` on the
 * command line. Reports on the mount (compose/max-wal-senders-zero, -too-small) when the file leaves no room for
 * the service's replicas; the command line, when it sets the value, wins and is checked elsewhere.
 */
import type { ServiceInfo } from '../model';
import type { RuleContext } from './context';
import { effectiveSetting, intValue } from './effective';
import { mountedConfigSetting } from './mountedConfigs';

export function mountedSendersRule(ctx: RuleContext, primary: ServiceInfo): void {
  const replicas = ctx.model.services.filter((s) => s.role === 'replica' && s.upstream === primary.name);
  if (!replicas.length || effectiveSetting(primary, 'max_wal_senders', '').source !== 'default') return;
  const setting = mountedConfigSetting(ctx, primary, 'max_wal_senders');
  const senders = setting && intValue(setting.value);
  if (!setting || senders === undefined || senders >= replicas.length) return;
  const where = `${setting.source} (line ${setting.line + 1}), the config file of "${primary.name}"`;
  if (senders === 0) {
    ctx.report(setting.span, 'error', 'compose/max-wal-senders-zero', `max_wal_senders = 0 in ${where}: no replica can connect (${replicas.length} configured). Set it to at least ${replicas.length + 2} in that file.`, { service: primary.name });
  } else {
    ctx.report(setting.span, 'warning', 'compose/max-wal-senders-too-small', `max_wal_senders = ${senders} in ${where} is fewer than its ${replicas.length} replicas (pg_basebackup needs extra senders while copying). Set it to at least ${replicas.length + 2} in that file.`, { service: primary.name });
  }
}
