/**
 * Reads a compose file into the one compose model (the language service's Topology). The launcher
 * never parses YAML itself; the extension gets the same Topology over the pgha/topology request.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lazyCatalog } from '../../language/catalog/catalog';
import { nodeFileSystem } from '../../core/nodeFileSystem';
import type { Topology } from '../../core/model/topology';
import { getLanguageService } from '../../language/service/languageService';
import { ClusterError } from './errors';

/**
 * Errors `pgha check` reports that Compose (or the postgres image's entrypoint) would reject: launching the file
 * would fail halfway or start something else than what it says.
 */
const REJECTED = new Set([
  'compose/yaml-syntax',
  'compose/duplicate-key',
  'compose/file-refused',
  'compose/depends-on-unknown',
  'compose/missing-password',
  'compose/empty-password',
  'compose/env-and-file',
]);

interface Finding {
  code?: string | number;
  severity?: number;
  message: string;
  range: { start: { line: number; character: number } };
}

/** Throws at the first byte that is not UTF-8 (read as U+FFFD), as file:line:col. */
function refuseInvalidUtf8(absolute: string, file: string, text: string): never {
  const before = text.slice(0, Math.max(0, text.indexOf('\uFFFD'))).split('\n');
  const at = `${absolute}:${before.length}:${before[before.length - 1].length + 1}`;
  throw new ClusterError('invalid-topology', `${at}: bytes that are not UTF-8: Compose refuses the file (YAML must be UTF-8). Nothing was created. Fix it there (pgha check ${file} lists every problem), then run the command again.`);
}

/** Throws at the first error Compose or the entrypoint would reject (file:line:col), before anything is created. */
function refuseRejected(absolute: string, file: string, diagnostics: Finding[]): void {
  const rejected = diagnostics.find((d) => d.severity === 1 && REJECTED.has(String(d.code)));
  if (!rejected) return;
  const at = `${absolute}:${rejected.range.start.line + 1}:${rejected.range.start.character + 1}`;
  throw new ClusterError('invalid-topology', `${at}: ${rejected.message.replace(/\.$/, '')}. Nothing was created. Fix it there (pgha check ${file} lists every problem), then run the command again.`);
}

/**
 * `refuseBrokenYaml` (for up): stop at an error Compose or the entrypoint would reject (REJECTED; invalid UTF-8 is a yaml-syntax error). Down/ps/status only need the project and services,
 * so a half-edited file must not keep the user from stopping the stack it started.
 */
export function loadTopology(file: string, cwd = process.cwd(), options: { refuseBrokenYaml?: boolean } = {}): Topology {
  const absolute = path.resolve(cwd, file);
  const read = nodeFileSystem.readFileChecked?.(absolute);
  const text = read && 'text' in read ? read.text : undefined;
  if (text === undefined) {
    throw new ClusterError('not-found', `Cannot read ${absolute}: the file does not exist or is not readable.`);
  }
  const service = getLanguageService({ catalog: lazyCatalog(), fs: nodeFileSystem });
  // 'dockercompose', not 'yaml': the user named this file as a compose file, whatever its name (stack.yml, ha.yaml…).
  const doc = TextDocument.create(pathToFileURL(absolute).toString(), 'dockercompose', 0, text);
  // Broken YAML still yields a best-effort model; launching a guess of what the user meant is worse than stopping.
  if (options.refuseBrokenYaml && read && 'invalidUtf8' in read && read.invalidUtf8) refuseInvalidUtf8(absolute, file, text);
  if (options.refuseBrokenYaml) refuseRejected(absolute, file, service.getDiagnostics(doc));
  const topology = service.getTopology(doc);
  if (!topology) {
    throw new ClusterError('invalid-topology', `${absolute} is not a compose file PostgreSQL HA Studio can read (no services: section?). Run pgha check on it for details.`);
  }
  return topology;
}
