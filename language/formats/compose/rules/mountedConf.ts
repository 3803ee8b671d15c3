/**
 * A primary's own postgresql.conf, bind-mounted from the project (`./postgresql.conf:/etc/postgresql/postgresql.conf`
 * with `-c config_file=…`, or over the image's default path): its max_wal_senders counts like a `-c` on the
 * command line. Reports on the mount (compose/max-wal-senders-zero, -too-small) when the file leaves no room for
 * the service's replicas; the command line, when it sets the value, wins and is checked elsewhere.
 */
import { parseConf } from '../../pgconf/parser';
import { readSmallFile } from '../files';
import type { ServiceInfo } from '../model';
import type { RuleContext } from './context';
import { effectiveSetting, intValue } from './effective';
import { mountedConfig } from './mountedConfigs';

/** A setting's last value in the service's mounted config file, with where it is; undefined when none is mounted or it is not set there. */
export function mountedConfigSetting(ctx: RuleContext, service: ServiceInfo, name: string): { value: string; line: number; source: string; span: ServiceInfo['volumes'][number]['span'] } | undefined {
  const config = mountedConfig(ctx, service);
  const text = config.host ? readSmallFile(ctx.fs, config.host) : undefined;
  if (!config.host || !config.span || config.source === undefined || text === undefined) return undefined;
  const setting = parseConf(text, config.host).settings.filter((s) => s.key === name).pop();
  return setting && { value: setting.value, line: setting.line, source: config.source, span: config.span };
}

export function mountedSendersRule(ctx: RuleContext, primary: ServiceInfo): void {
  const replicas = ctx.model.services.filter((s) => s.role === 'replica' && s.upstream === primary.name);
  if (!replicas.length || effectiveSetting(primary, 'max_wal_senders', '').source !== 'default') return;
  const config = mountedConfig(ctx, primary);
  const text = config.host ? readSmallFile(ctx.fs, config.host) : undefined;
  if (!config.host || !config.span || text === undefined) return;
  const setting = parseConf(text, config.host).settings.filter((s) => s.key === 'max_wal_senders').pop();
  const senders = setting && intValue(setting.value);
  if (!setting || senders === undefined || senders >= replicas.length) return;
  const where = `${config.source} (line ${setting.line + 1}), the config file of "${primary.name}"`;
  if (senders === 0) {
    ctx.report(config.span, 'error', 'compose/max-wal-senders-zero', `max_wal_senders = 0 in ${where}: no replica can connect (${replicas.length} configured). Set it to at least ${replicas.length + 2} in that file.`, { service: primary.name });
  } else {
    ctx.report(config.span, 'warning', 'compose/max-wal-senders-too-small', `max_wal_senders = ${senders} in ${where} is fewer than its ${replicas.length} replicas (pg_basebackup needs extra senders while copying). Set it to at least ${replicas.length + 2} in that file.`, { service: primary.name });
  }
}
