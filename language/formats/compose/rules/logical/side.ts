/**
 * One side of logical replication (a service and the SQL its init scripts run) and what the rules read of it: where
 * a fact was written, the value a setting runs with, the service a subscription connects to.
 */
import { ConninfoError, parseConnectionString } from '../../../../../core/conninfo';
import type { SqlSubscription } from '../../../../sql/logicalFacts';
import type { ServiceInfo } from '../../model';
import type { RuleContext } from '../context';
import { effectiveSetting } from '../effective';
import { mountedConfigSetting } from '../mountedConfigs';
import { scriptLabel, type ServiceSql } from './serviceSql';

export interface Side {
  service: ServiceInfo;
  sql: ServiceSql;
}

export const scriptName = (side: Side, fact: object): string => {
  const origin = side.sql.origin.get(fact);
  if (!origin) return side.service.name;
  const { line } = side.sql.where(origin.script, origin.offset);
  return `${scriptLabel(origin.script)} (line ${line})`;
};

export const spanOf = (side: Side, fact: object) => side.sql.origin.get(fact)?.script.volume.span ?? side.service.nameSpan;

/**
 * The value a server runs with: the command line, ALTER SYSTEM in its init SQL, its mounted config file, then the
 * default; undefined when the file cannot tell (an image built here, a config file that is not mounted, a shell
 * init script that may write it).
 */
export function settingValue(ctx: RuleContext, side: Side, name: string, fallback: string): { value: string; span: ServiceInfo['nameSpan']; where: string } | undefined {
  const { service } = side;
  const command = effectiveSetting(service, name, '');
  if (command.source !== 'default') return { value: command.value, span: command.valueSpan ?? command.span ?? service.nameSpan, where: `the command of "${service.name}"` };
  const system = side.sql.facts.systemSettings.get(name);
  if (system !== undefined) return { value: system, span: service.nameSpan, where: `ALTER SYSTEM in the init SQL of "${service.name}"` };
  const mounted = mountedConfigSetting(ctx, service, name);
  if (mounted) return { value: mounted.value, span: mounted.span, where: `${mounted.source} (line ${mounted.line + 1})` };
  // A shell init script that names the setting may write it (echo … >> postgresql.conf): the file cannot tell.
  const shellSets = service.init.scripts.some((s) => /\.sh$/i.test(s.containerPath) && (s.text === undefined || s.text.includes(name)));
  if (shellSets || service.built || effectiveSetting(service, 'config_file', '').source !== 'default' || side.sql.incomplete) return undefined;
  return { value: fallback, span: service.nameSpan, where: `"${service.name}" (the default)` };
}

/** The service a subscription's connection string names, when it names one of this file. */
export function publisherOf(ctx: RuleContext, subscription: SqlSubscription): { host?: string; service?: ServiceInfo } {
  let host: string | undefined;
  try {
    host = parseConnectionString(subscription.conninfo).get('host');
  } catch (error) {
    if (error instanceof ConninfoError) return {};
    throw error;
  }
  if (!host) return {};
  const service = ctx.model.services.find((s) => s.name === host || s.hostname === host);
  return { host, service };
}
