/**
 * Files the compose file makes pgha (and the container) read — init scripts, mounted pg_hba.conf/postgresql.conf,
 * start scripts, env_file, configs and the project's .env — that pgha refused to read: a FIFO (reading blocks),
 * a device (never ends), a socket, a directory where a file is expected, or a file over the size pgha reads.
 * Each becomes compose/file-refused on the line that names the file, saying which file and why, so a check that
 * skipped a file never looks like a check that passed it.
 */
import * as path from 'path';
import { refusalMessage, type Refusal } from '../../../../core/fileSystem';
import { MAX_MOUNTED_FILE_BYTES } from '../files';
import { readEnvFilePaths } from '../launchFields';
import type { ServiceInfo } from '../model';
import { bindMountOf } from '../startup';
import { getEntry, spanOf, type Span } from '../yaml/nodes';
import type { RuleContext } from './context';

/** A file of the workspace the service reads, where the compose file names it, and what it is for. */
interface ReadFile {
  hostPath: string;
  span: Span;
  what: string;
}

/** Mount targets PostgreSQL reads as configuration files. */
const CONFIG_TARGET = /(?:^|\/)(?:pg_hba|pg_ident|postgresql)\.conf$/;

function filesOf(ctx: RuleContext, service: ServiceInfo): ReadFile[] {
  const dir = ctx.model.composeDir;
  if (!dir) return [];
  const files: ReadFile[] = [];
  for (const script of service.init.scripts) {
    if (script.hostPath && !script.missing && script.text === undefined) files.push({ hostPath: script.hostPath, span: script.volume.span, what: `init script ${script.containerPath}` });
  }
  for (const volume of service.volumes) {
    if (volume.type === 'bind' && volume.source && CONFIG_TARGET.test(volume.target)) files.push({ hostPath: path.resolve(dir, volume.source), span: volume.span, what: `mounted at ${volume.target}` });
  }
  for (const script of service.startup.scripts) {
    const mount = bindMountOf(script.containerPath, service.volumes);
    if (mount && script.text === undefined) files.push({ hostPath: script.hostPath, span: mount.span, what: `start script ${script.containerPath}` });
  }
  const envFile = getEntry(service.entries, 'env_file');
  const envSpan = envFile && spanOf(envFile.value);
  if (envSpan) for (const file of readEnvFilePaths(envFile, ctx.model.anchors)) files.push({ hostPath: path.resolve(dir, file), span: envSpan, what: 'env_file' });
  for (const config of service.initConfigs) if (config.file) files.push({ hostPath: path.resolve(dir, config.file), span: config.span, what: `config placed at ${config.target}` });
  return files;
}

/** Refusals the other rules already report (a missing init script) or that say nothing about the file. */
const QUIET: Refusal[] = ['missing'];

function reportRefused(ctx: RuleContext, file: ReadFile, service?: string): void {
  const refusal = ctx.fs.refusal?.(file.hostPath, MAX_MOUNTED_FILE_BYTES);
  if (!refusal || QUIET.includes(refusal.refused)) return;
  const shown = path.relative(ctx.model.composeDir ?? '', file.hostPath) || file.hostPath;
  const large = refusal.refused === 'too-large';
  const message = large
    ? `${shown} (${file.what}) is ${refusalMessage(refusal)} for pgha, which reads such files up to ${MAX_MOUNTED_FILE_BYTES / 1024} KiB: what it sets up (roles, slots, pg_hba lines, variables) is not checked.`
    : `${shown} (${file.what}): ${refusalMessage(refusal)}. pgha did not read it; the container would fail or hang on it too — give a regular file.`;
  ctx.report(file.span, large ? 'information' : 'warning', 'compose/file-refused', message, service ? { service } : undefined);
}

export function refusedFilesRule(ctx: RuleContext): void {
  const dir = ctx.model.composeDir;
  if (!dir || !ctx.fs.refusal) return;
  const seen = new Set<string>();
  for (const service of ctx.model.services) {
    for (const file of filesOf(ctx, service)) {
      const key = `${file.hostPath}@${file.span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      reportRefused(ctx, file, service.name);
    }
  }
  const env = path.join(dir, '.env');
  if (ctx.fs.exists(env)) reportRefused(ctx, { hostPath: env, span: { start: 0, end: 0 }, what: "the project's .env, read for ${VARIABLES}" });
}
