import * as path from 'path';
import { pathToFileURL } from 'url';
import type { TextEdit } from 'vscode-languageserver-types';
import { INITDB_DIR } from '../initScripts';
import type { ServiceInfo } from '../model';
import { getEntry, spanOf } from '../yaml/nodes';
import type { Fix } from '../../../diagnostics';
import type { RuleContext } from './context';

/** Edits that several fixes share: add a volume mount, create an init script, add a healthcheck. */

/** Indentation of the service's own keys (its first explicit key, else the name's indentation + 2). */
export function serviceKeyIndent(ctx: RuleContext, service: ServiceInfo): string {
  const own = service.entries.find((e) => !e.mergedFrom && e.keySpan.start > service.nameSpan.start && e.keySpan.start < service.chunk.end);
  return own ? ctx.indentAt(own.keySpan.start) : ctx.indentAt(service.nameSpan.start) + '  ';
}

/** Adds `- mount` to the service's volumes (creating the key when missing). */
export function addVolumeEdit(ctx: RuleContext, service: ServiceInfo, mount: string): TextEdit {
  const volumes = getEntry(service.entries, 'volumes');
  const keyIndent = serviceKeyIndent(ctx, service);
  const ownVolumes = volumes && !volumes.mergedFrom && !volumes.value.viaAnchor ? spanOf(volumes.value) : undefined;
  if (ownVolumes && ownVolumes.end > ownVolumes.start) {
    const at = ctx.lastContentEnd(ownVolumes);
    const itemIndent = ctx.indentAt(ownVolumes.start);
    return ctx.edit({ start: at, end: at }, `\n${itemIndent}- ${mount}`);
  }
  const at = ctx.lineEnd(service.nameSpan.start);
  return ctx.edit({ start: at, end: at }, `\n${keyIndent}volumes:\n${keyIndent}  - ${mount}`);
}

/** A fix that creates (or appends to) an init script of `service` containing `content`. */
export function initScriptFix(ctx: RuleContext, service: ServiceInfo, title: string, fileName: string, content: string, append?: string): Fix | undefined {
  // Many replicas of one primary ask for the same fix: build it once per run.
  const key = `${service.name}\0${title}\0${fileName}\0${content}\0${append ?? ''}`;
  if (!ctx.memo.has(key)) ctx.memo.set(key, buildInitScriptFix(ctx, service, title, fileName, content, append));
  return ctx.memo.get(key) as Fix | undefined;
}

function buildInitScriptFix(ctx: RuleContext, service: ServiceInfo, title: string, fileName: string, content: string, append?: string): Fix | undefined {
  const dir = ctx.model.composeDir;
  if (!dir) return undefined;
  const existing = service.init.scripts.find((s) => s.text !== undefined && s.hostPath && /\.sql$/i.test(s.hostPath));
  if (append && existing?.hostPath && existing.text !== undefined) {
    const lines = existing.text.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const sep = existing.text.endsWith('\n') || existing.text === '' ? '' : '\n';
    return { title, edits: [], otherFiles: [{ uri: pathToFileURL(existing.hostPath).toString(), edits: [{ range: { start: end, end }, newText: `${sep}${append}\n` }] }] };
  }
  const hostPath = path.join(dir, 'initdb', fileName);
  const mountedDir = service.volumes.find((v) => v.target.replace(/\/+$/, '') === INITDB_DIR && v.type === 'bind' && v.source);
  const uri = pathToFileURL(mountedDir?.source ? path.resolve(dir, mountedDir.source, fileName) : hostPath).toString();
  const edits = mountedDir ? [] : [addVolumeEdit(ctx, service, `./initdb/${fileName}:${INITDB_DIR}/${fileName}:ro`)];
  return { title, edits, otherFiles: [{ uri, create: true, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }] }] };
}

/** The shell script that adds a replication line to pg_hba.conf during initialisation. */
export function hbaScript(user: string, method = 'scram-sha-256'): string {
  return [
    '#!/bin/sh',
    '# Runs once, when the entrypoint initialises an empty data directory.',
    '# The image only adds "host all all all <method>", which never matches replication connections.',
    `echo "host replication ${user} all ${method}" >> "$PGDATA/pg_hba.conf"`,
    '',
  ].join('\n');
}

/** A healthcheck block (lines at `indent`) that waits for TCP connections, not just the socket. */
export function healthcheckBlock(indent: string, user: string): string {
  return [
    `${indent}healthcheck:`,
    `${indent}  test: ["CMD", "pg_isready", "-h", "localhost", "-U", "${user}"]`,
    `${indent}  interval: 5s`,
    `${indent}  timeout: 3s`,
    `${indent}  retries: 10`,
    `${indent}  start_period: 10s`,
  ].join('\n');
}

export function addHealthcheckEdit(ctx: RuleContext, service: ServiceInfo, user: string): TextEdit {
  const keyIndent = serviceKeyIndent(ctx, service);
  const at = ctx.lineEnd(service.nameSpan.start);
  return ctx.edit({ start: at, end: at }, '\n' + healthcheckBlock(keyIndent, user));
}
