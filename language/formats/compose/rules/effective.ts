import type { CommandSetting } from '../command';
import { envEntry, type ServiceInfo } from '../model';
import type { Span } from '../yaml/nodes';

/** Where a server setting of a service comes from: a `-c` on the command line, a Bitnami variable, or the default. */
export interface EffectiveSetting {
  value: string;
  span?: Span;
  valueSpan?: Span;
  source: 'command' | 'environment' | 'default';
  setting?: CommandSetting;
}

const BITNAMI_VARS: Record<string, string> = {
  wal_level: 'POSTGRESQL_WAL_LEVEL',
  max_connections: 'POSTGRESQL_MAX_CONNECTIONS',
  shared_preload_libraries: 'POSTGRESQL_SHARED_PRELOAD_LIBRARIES',
};

/** The last `-c name=…` wins, as on postgres's command line. */
export function effectiveSetting(service: ServiceInfo, name: string, fallback: string): EffectiveSetting {
  const settings = service.command.settings.filter((s) => s.name === name && s.value !== undefined);
  const last = settings[settings.length - 1];
  if (last) return { value: last.value!, span: last.span, valueSpan: last.valueSpan, source: 'command', setting: last };
  const bitnami = BITNAMI_VARS[name];
  const env = bitnami && (service.flavor === 'bitnami' || service.flavor === 'bitnami-repmgr') ? envEntry(service, bitnami) : undefined;
  if (env?.value !== undefined) return { value: env.value, span: env.keySpan, valueSpan: env.valueSpan, source: 'environment' };
  return { value: fallback, source: 'default' };
}

/** Integer value of a setting text (plain integers only; anything else is left to the value checker). */
export function intValue(text: string): number | undefined {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : undefined;
}
