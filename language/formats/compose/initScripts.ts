import * as path from 'path';
import { gunzipSync } from 'zlib';
import { admitsReplication, hbaRulesOf } from '../pghba/rulesOf';
import type { FileSystemHost } from '../../service/types';
import type { VolumeEntry } from './fields';
import { MAX_MOUNTED_FILE_BYTES, readSmallFile } from './files';
import { networkTrustLines, type HbaTrustLine } from './hbaTrust';

export const INITDB_DIR = '/docker-entrypoint-initdb.d';

export interface InitScript {
  containerPath: string;
  /** Host path, when the mount is a bind mount of a workspace file. */
  hostPath?: string;
  /** File text, when readable. */
  text?: string;
  /** The host path does not exist: Docker mounts an empty directory there and the entrypoint skips it. */
  missing?: boolean;
  volume: VolumeEntry;
}

/** What the init scripts (and mounted config files) of one service do for replication. */
export interface InitFacts {
  scripts: InitScript[];
  /** Some mounted script could not be read, so absence of facts proves nothing. */
  unreadable: boolean;
  createdSlots: string[];
  /** Roles created with the REPLICATION attribute (lower-case). */
  replicationRoles: string[];
  /** Every role created (lower-case). */
  roles: string[];
  /** A `replication` line is added to pg_hba.conf (or a pg_hba.conf with one is mounted). */
  hbaReplication: boolean;
  /** A whole pg_hba.conf is mounted or hba_file points elsewhere (its contents decide). */
  customHba: boolean;
  /** Auth methods of added replication lines. */
  hbaReplicationMethods: string[];
  /** `trust` for other hosts, in a mounted pg_hba.conf in effect or in lines an init script adds. */
  trust: { volume: VolumeEntry; file: string; lines: HbaTrustLine[] }[];
  /** The pg_hba.conf files in effect that could be read (bind mounts), for the rules that read them whole. */
  hbaFiles?: { hostPath: string; text: string; volume: VolumeEntry }[];
}

const SCRIPT = /\.(sql|sh|sql\.gz)$/i;

/** Init scripts are read up to this size (SQL dumps are bigger than config files; the parse is cached by content). */
export const MAX_INIT_SCRIPT_BYTES = 16 * MAX_MOUNTED_FILE_BYTES;

/** A script's text: `.sql.gz` read bounded and gunzipped within the same bound as plain scripts; undefined when it cannot be. */
export function readScriptText(fs: FileSystemHost, file: string): string | undefined {
  if (!/\.gz$/i.test(file)) return readSmallFile(fs, file, MAX_INIT_SCRIPT_BYTES);
  const compressed = fs.readBytes?.(file, MAX_INIT_SCRIPT_BYTES);
  if (!compressed) return undefined;
  try {
    return gunzipSync(compressed, { maxOutputLength: MAX_INIT_SCRIPT_BYTES }).toString('utf8');
  } catch {
    return undefined; // not gzip, or more than the bound once decompressed: unreadable, so absence proves nothing
  }
}

function expandHome(p: string): string {
  return p.startsWith('~') ? path.join(process.env.HOME ?? '/', p.slice(1)) : p;
}

function addTrust(facts: InitFacts, volume: VolumeEntry, file: string, text: string): void {
  const lines = networkTrustLines(text);
  if (lines.length) facts.trust.push({ volume, file, lines });
}

/**
 * Reads init scripts mounted into /docker-entrypoint-initdb.d (files or a whole directory) and a mounted
 * pg_hba.conf (by name, or at the `hba_file` the command sets) from the workspace.
 */
export function readInitFacts(volumes: VolumeEntry[], composeDir: string | undefined, fs: FileSystemHost, hbaFiles: string[] = []): InitFacts {
  const facts: InitFacts = { scripts: [], unreadable: false, createdSlots: [], replicationRoles: [], roles: [], hbaReplication: false, customHba: false, hbaReplicationMethods: [], trust: [] };
  for (const volume of volumes) {
    const target = volume.target.replace(/\/+$/, '');
    const isInit = target === INITDB_DIR || target.startsWith(INITDB_DIR + '/');
    const isHba = /pg_hba\.conf$/.test(target) || hbaFiles.includes(target);
    if (!isInit && !isHba) continue;
    if (volume.type !== 'bind' || !volume.source || !composeDir) {
      facts.unreadable = true;
      if (isHba) facts.customHba = true;
      continue;
    }
    const hostPath = path.resolve(composeDir, expandHome(volume.source));
    if (!fs.exists(hostPath)) {
      if (isInit) facts.scripts.push({ containerPath: target, hostPath, missing: true, volume });
      continue;
    }
    if (isHba) {
      facts.customHba = true;
      const text = readSmallFile(fs, hostPath) ?? '';
      (facts.hbaFiles ??= []).push({ hostPath, text, volume });
      scanHba(text, facts);
      addTrust(facts, volume, volume.source, text);
      continue;
    }
    if (fs.isDirectory(hostPath)) {
      for (const name of fs.readDir(hostPath).filter((n) => SCRIPT.test(n)).sort()) {
        const file = path.join(hostPath, name);
        addScript(facts, { containerPath: `${target}/${name}`, hostPath: file, text: readScriptText(fs, file), volume });
      }
    } else addScript(facts, { containerPath: target, hostPath, text: readScriptText(fs, hostPath), volume });
  }
  return facts;
}

function addScript(facts: InitFacts, script: InitScript): void {
  facts.scripts.push(script);
  if (script.text === undefined) {
    facts.unreadable = true;
    return;
  }
  scanSql(script.text, facts);
  if (/\.sh$/i.test(script.containerPath) && /pg_hba/.test(script.text)) addTrust(facts, script.volume, path.basename(script.containerPath), script.text);
}

/** Finds slot creation, replication roles and pg_hba edits in SQL or shell text. */
export function scanSql(text: string, facts: InitFacts): void {
  const withoutComments = text.replace(/--[^\n]*/g, '');
  for (const m of withoutComments.matchAll(/pg_create_physical_replication_slot\s*\(\s*'([^']+)'/gi)) facts.createdSlots.push(m[1]);
  for (const m of withoutComments.matchAll(/create\s+(?:role|user)\s+("?)([\w$-]+)\1([^;]*)/gi)) {
    const role = m[2].toLowerCase();
    facts.roles.push(role);
    if (/\breplication\b/i.test(m[3]) && !/\bnoreplication\b/i.test(m[3])) facts.replicationRoles.push(role);
  }
  for (const m of withoutComments.matchAll(/alter\s+(?:role|user)\s+("?)([\w$-]+)\1([^;]*)/gi)) {
    if (/\breplication\b/i.test(m[3]) && !/\bnoreplication\b/i.test(m[3])) facts.replicationRoles.push(m[2].toLowerCase());
  }
  if (/pg_hba/i.test(text)) scanHba(text, facts);
}

/** The pg_hba text of a line as files and scripts write it: plain, quoted, or the argument of `echo` (up to its closing quote or redirection). */
function hbaText(line: string): string {
  return line.replace(/^[\s'"]*(?:echo\s+['"]?)?/i, '').split(/['">|]/)[0];
}

function scanHba(text: string, facts: InitFacts): void {
  for (const rule of text.split('\n').flatMap((line) => hbaRulesOf(hbaText(line)))) {
    if (!admitsReplication(rule) || !rule.method) continue;
    facts.hbaReplication = true;
    facts.hbaReplicationMethods.push(rule.method);
  }
}

/** A top-level config placed by a service (`configs:`), possibly under /docker-entrypoint-initdb.d. */
export interface InitConfig {
  target: string;
  content?: string;
  file?: string;
  span: { start: number; end: number };
}

/** Init scripts given as configs (inline `content:` or `file:`) count like mounted files. */
export function addConfigFacts(facts: InitFacts, configs: InitConfig[], composeDir: string | undefined, fs: FileSystemHost): void {
  for (const config of configs) {
    const isInit = config.target.startsWith(INITDB_DIR + '/');
    const isHba = /pg_hba\.conf$/.test(config.target);
    if (!isInit && !isHba) continue;
    const text = config.content ?? (config.file && composeDir ? readSmallFile(fs, path.resolve(composeDir, config.file)) : undefined);
    if (text === undefined) {
      facts.unreadable = true;
      continue;
    }
    if (isHba) {
      facts.customHba = true;
      scanHba(text, facts);
    } else scanSql(text, facts);
  }
}
