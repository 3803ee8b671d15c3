/**
 * Configuration files bind-mounted into an official-image server, and whether PostgreSQL reads them: a
 * postgresql.conf is read when it is the config_file (or sits at the data directory's own path), a pg_hba.conf
 * when it is the hba_file (set on the command line or in that postgresql.conf) or sits in the data directory.
 * A script that copies the file (naming its path) counts as activating it.
 */
import * as path from 'path';
import type { SettingNode } from '../../pgconf/ast';
import { parseConf } from '../../pgconf/parser';
import { readSmallFile } from '../files';
import { defaultDataDirectory } from '../images';
import { envValue, type ServiceInfo } from '../model';
import type { VolumeEntry } from '../fields';
import type { RuleContext } from './context';
import { effectiveSetting } from './effective';

const unquote = (v: string) => v.trim().replace(/^'(.*)'$/, '$1');
/** The configuration directory: `-D` (data_directory) on the command line, else PGDATA, else the image's default. */
const dataDirectory = (s: ServiceInfo) => unquote(effectiveSetting(s, 'data_directory', envValue(s, 'PGDATA') ?? defaultDataDirectory(s.major)).value).replace(/\/+$/, '');

/** The config_file PostgreSQL reads, and the host file mounted there (when it is a readable workspace file). */
export function mountedConfig(ctx: RuleContext, service: ServiceInfo): { path: string; host?: string; source?: string; span?: VolumeEntry['span'] } {
  const configFile = unquote(effectiveSetting(service, 'config_file', `${dataDirectory(service)}/postgresql.conf`).value);
  const mount = service.volumes.find((v) => v.type === 'bind' && v.source && !/^~|\$/.test(v.source) && v.target.replace(/\/+$/, '') === configFile);
  if (!mount?.source || !ctx.model.composeDir) return { path: configFile };
  return { path: configFile, host: path.resolve(ctx.model.composeDir, mount.source), source: mount.source, span: mount.span };
}

/**
 * A setting's last value in the service's mounted config file, with where it is; undefined when none is mounted,
 * it cannot be read, or it does not set the value. The file is read and parsed once per check.
 */
export function mountedConfigSetting(ctx: RuleContext, service: ServiceInfo, name: string): { value: string; line: number; source: string; span: VolumeEntry['span'] } | undefined {
  const key = `mounted-config\0${service.name}`;
  if (!ctx.memo.has(key)) {
    const config = mountedConfig(ctx, service);
    const text = config.host ? readSmallFile(ctx.fs, config.host) : undefined;
    ctx.memo.set(key, text === undefined || !config.span || config.source === undefined ? undefined : { config, settings: parseConf(text, config.host).settings });
  }
  const mounted = ctx.memo.get(key) as { config: Required<ReturnType<typeof mountedConfig>>; settings: SettingNode[] } | undefined;
  const setting = mounted?.settings.filter((s) => s.key === name).pop();
  return mounted && setting && { value: setting.value, line: setting.line, source: mounted.config.source, span: mounted.config.span };
}

/** Paths PostgreSQL reads configuration from: config_file, and hba_file from the command line or that file. */
function activePaths(ctx: RuleContext, service: ServiceInfo): Set<string> {
  const key = `active-config\0${service.name}`;
  if (!ctx.memo.has(key)) {
    const config = mountedConfig(ctx, service);
    const paths = new Set([config.path]);
    const hba = service.command.settings.filter((s) => s.name === 'hba_file' && s.value).pop();
    if (hba) paths.add(unquote(hba.value!));
    else {
      const fromFile = mountedConfigSetting(ctx, service, 'hba_file');
      paths.add(fromFile ? unquote(fromFile.value) : `${dataDirectory(service)}/pg_hba.conf`);
    }
    ctx.memo.set(key, paths);
  }
  return ctx.memo.get(key) as Set<string>;
}

/** Whether the file can tell: an official-image server, not built here, with no start script it cannot read. */
export const judgesMounts = (s: ServiceInfo) => s.family === 'official' && !s.built && !s.startup.opaque && !s.init.unreadable;

/** Whether PostgreSQL reads the file mounted at `target` (true when the compose file cannot tell). */
export function configInEffect(ctx: RuleContext, service: ServiceInfo, target: string): boolean {
  const t = target.replace(/\/+$/, '');
  if (!judgesMounts(service) || t.startsWith(dataDirectory(service) + '/') || activePaths(ctx, service).has(t)) return true;
  const texts = [service.startup.text, ...service.startup.scripts.map((s) => s.text ?? t), ...service.init.scripts.map((s) => s.text ?? t)];
  return texts.some((text) => text.includes(t) || text.includes(path.posix.dirname(t) + '/'));
}

const CONFIG_NAME = /(^|\/)(postgresql|pg_hba)\.conf$/;

/** compose/config-not-used: a postgresql.conf or pg_hba.conf mounted where PostgreSQL never looks. */
export function mountedConfigRule(ctx: RuleContext, service: ServiceInfo): void {
  if (!judgesMounts(service)) return;
  for (const volume of service.volumes.filter((v) => v.type === 'bind' && CONFIG_NAME.test(v.target.replace(/\/+$/, '')))) {
    if (configInEffect(ctx, service, volume.target)) continue;
    const hba = /pg_hba\.conf\/?$/.test(volume.target);
    const setting = hba ? 'hba_file' : 'config_file';
    const instead = hba ? [...activePaths(ctx, service)].find((p) => p.endsWith('pg_hba.conf')) : mountedConfig(ctx, service).path;
    ctx.report(volume.span, 'warning', 'compose/config-not-used', `${volume.source ?? 'This file'} is mounted at ${volume.target}, but nothing points PostgreSQL at it: "${service.name}" reads ${instead ?? `the ${setting} of its data directory`} instead, so its ${hba ? 'lines' : 'settings'} never apply. Add -c ${setting}=${volume.target} to the command.`, { service: service.name });
  }
}
