import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic, DocumentLink } from 'vscode-languageserver-types';
import { refusalMessage } from '../../../core/fileSystem';
import type { Severity } from '../../diagnostics';
import type { FileSystemHost } from '../../service/types';
import type { IncludeNode, ParsedConf, SettingNode } from './ast';
import { CODES, pgconfDiagnostic, type PgconfCode } from './codes';
import { parseConf } from './parser';

/** PostgreSQL's CONF_FILE_MAX_DEPTH. */
export const MAX_INCLUDE_DEPTH = 10;

/** Included files one check reads at most (each read of a file counts): fan-out and diamonds stay bounded. */
export const MAX_INCLUDED_FILES = 1000;

/** A setting as PostgreSQL reads it, in reading order, with where it came from. */
export interface EffectiveSetting {
  setting: SettingNode;
  /** File the setting is in (absolute path, or the document URI when it has no path). */
  file: string;
  /** The include directive of the root document that led to this setting (absent for the root's own lines). */
  via?: IncludeNode;
}

export interface IncludeGraph {
  /** Every setting of the root and its includes, in the order PostgreSQL applies them. */
  settings: EffectiveSetting[];
  /** Diagnostics on the root's include lines. */
  diagnostics: Diagnostic[];
  /** Links from the root's include paths to their targets. */
  links: DocumentLink[];
}

interface Walk {
  fs: FileSystemHost;
  graph: IncludeGraph;
  rootFile: string;
  /** Each included file parsed once per check (diamonds read the same file many times). */
  parsed: Map<string, ParsedConf | string>;
  /** Included files read so far, against MAX_INCLUDED_FILES. */
  reads: number;
}

const fileUri = (file: string) => pathToFileURL(file).toString();

function report(walk: Walk, via: IncludeNode, code: PgconfCode, severity: Severity, message: string): void {
  walk.graph.diagnostics.push(pgconfDiagnostic({ range: via.pathRange, severity, code, message }));
}

/** Files an include_dir reads: names ending in .conf, not hidden, in byte order. */
function directoryFiles(fs: FileSystemHost, dir: string): string[] {
  return fs
    .readDir(dir)
    .filter((name) => name.endsWith('.conf') && !name.startsWith('.'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => path.join(dir, name))
    .filter((file) => !fs.isDirectory(file));
}

function readIncluded(walk: Walk, file: string, depth: number, stack: string[], via: IncludeNode): void {
  if (stack.includes(file)) {
    const cycle = [...stack.slice(stack.indexOf(file)), file].map((f) => path.basename(f)).join(' → ');
    report(walk, via, CODES.includeCycle, 'error', `could not open configuration file "${file}": maximum nesting depth exceeded (include cycle ${cycle})`);
    return;
  }
  if (depth > MAX_INCLUDE_DEPTH) {
    report(walk, via, CODES.includeDepth, 'error', `could not open configuration file "${file}": maximum nesting depth exceeded (PostgreSQL allows ${MAX_INCLUDE_DEPTH} levels of include)`);
    return;
  }
  if (++walk.reads > MAX_INCLUDED_FILES) {
    if (walk.reads === MAX_INCLUDED_FILES + 1) report(walk, via, CODES.includeBudget, 'warning', `more than ${MAX_INCLUDED_FILES} included files are read from here: the rest are not checked (the includes fan out or include the same files many times)`);
    return;
  }
  const parsed = parseOnce(walk, file);
  if (typeof parsed === 'string') {
    report(walk, via, CODES.includeRefused, 'error', `could not read configuration file "${file}": ${parsed}. Include a regular text file.`);
    return;
  }
  if (parsed) visit(walk, parsed, file, depth, [...stack, file], via);
}

/** The parsed file, why it was refused, or undefined when it cannot be read at all. */
function parseOnce(walk: Walk, file: string): ParsedConf | string | undefined {
  const known = walk.parsed.get(file);
  if (known !== undefined) return known;
  const read = walk.fs.readFileChecked?.(file);
  let result: ParsedConf | string | undefined;
  if (!read) {
    const text = walk.fs.readFile(file);
    result = text === undefined ? undefined : parseConf(text, file);
  } else if ('text' in read) result = parseConf(read.text, file);
  else if (read.refused !== 'missing' && read.refused !== 'unreadable') result = refusalMessage(read);
  if (result !== undefined) walk.parsed.set(file, result);
  return result;
}

function visit(walk: Walk, parsed: ParsedConf, file: string, depth: number, stack: string[], via: IncludeNode | undefined): void {
  const dir = path.dirname(file);
  for (const node of parsed.nodes) {
    if (node.kind === 'setting') walk.graph.settings.push({ setting: node, file, via });
    if (node.kind !== 'include') continue;
    const rootLine = via ?? node;
    if (node.path === '') {
      if (!via) report(walk, node, CODES.includeMissing, 'error', `empty configuration ${node.directive === 'include_dir' ? 'directory' : 'file'} name: "${node.path}"`);
      continue;
    }
    const target = path.resolve(dir, node.path);
    const isDir = walk.fs.isDirectory(target);
    const exists = walk.fs.exists(target);
    if (!via && exists) walk.graph.links.push({ range: node.pathRange, target: fileUri(target), tooltip: `Open ${target}` });
    if (node.directive === 'include_dir') {
      if (!isDir) {
        const message = `could not open configuration directory "${target}": No such file or directory`;
        report(walk, rootLine, CODES.includeMissing, 'error', via ? `${message} (included from ${file})` : message);
        continue;
      }
      for (const child of directoryFiles(walk.fs, target)) readIncluded(walk, child, depth + 1, stack, rootLine);
      continue;
    }
    const failure = openFailure(walk, node, target, exists, isDir);
    if (failure) {
      if (failure.skip) {
        if (!via) report(walk, node, CODES.includeSkipped, 'information', failure.message);
      } else report(walk, rootLine, failure.code, 'error', via ? `${failure.message} (included from ${file})` : failure.message);
      continue;
    }
    readIncluded(walk, target, depth + 1, stack, rootLine);
  }
}

/**
 * Why include/include_if_exists of `target` fails, as PostgreSQL 13–18 say it (checked with `postgres -C`):
 * a folder is opened and fails in the scanner (also for include_if_exists); a symbolic-link loop fails to open
 * for include and is skipped like a missing file by include_if_exists.
 */
function openFailure(walk: Walk, node: IncludeNode, target: string, exists: boolean, isDir: boolean): { message: string; code: PgconfCode; skip?: boolean } | undefined {
  if (isDir) return { message: `input in flex scanner failed at file "${target}" line 1`, code: CODES.includeRefused };
  if (exists) return undefined;
  if (node.directive === 'include_if_exists') return { message: `skipping missing configuration file "${target}"`, code: CODES.includeSkipped, skip: true };
  const loop = walk.fs.refusal?.(target)?.refused === 'loop';
  return { message: `could not open configuration file "${target}": ${loop ? 'Too many levels of symbolic links' : 'No such file or directory'}`, code: loop ? CODES.includeRefused : CODES.includeMissing };
}

/**
 * Follows include, include_if_exists and include_dir from a root document the way ParseConfigFile does
 * (relative paths resolve against the including file's folder). `rootFile` is undefined for documents
 * without a file path (untitled): their includes cannot be resolved and are left alone.
 */
export function resolveIncludes(parsed: ParsedConf, rootFile: string | undefined, fs: FileSystemHost): IncludeGraph {
  const graph: IncludeGraph = { settings: [], diagnostics: [], links: [] };
  if (!rootFile) {
    graph.settings = parsed.settings.map((setting) => ({ setting, file: '' }));
    return graph;
  }
  visit({ fs, graph, rootFile, parsed: new Map(), reads: 0 }, parsed, rootFile, 0, [rootFile], undefined);
  return graph;
}
