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
 * `refuseBrokenYaml` (for up): stop at a YAML syntax error. Down/ps/status only need the project and services,
 * so a half-edited file must not keep the user from stopping the stack it started.
 */
export function loadTopology(file: string, cwd = process.cwd(), options: { refuseBrokenYaml?: boolean } = {}): Topology {
  const absolute = path.resolve(cwd, file);
  const text = nodeFileSystem.readFile(absolute);
  if (text === undefined) {
    throw new ClusterError('not-found', `Cannot read ${absolute}: the file does not exist or is not readable.`);
  }
  const service = getLanguageService({ catalog: lazyCatalog(), fs: nodeFileSystem });
  // 'dockercompose', not 'yaml': the user named this file as a compose file, whatever its name (stack.yml, ha.yaml…).
  const doc = TextDocument.create(pathToFileURL(absolute).toString(), 'dockercompose', 0, text);
  // Broken YAML still yields a best-effort model; launching a guess of what the user meant is worse than stopping.
  const syntaxError = options.refuseBrokenYaml && service.getDiagnostics(doc).find((d) => d.code === 'compose/yaml-syntax');
  if (syntaxError) {
    const at = `${absolute}:${syntaxError.range.start.line + 1}:${syntaxError.range.start.character + 1}`;
    throw new ClusterError('invalid-topology', `${at}: ${syntaxError.message}. Nothing was created. Fix the YAML there (pgha check ${file} lists every problem), then run the command again.`);
  }
  const topology = service.getTopology(doc);
  if (!topology) {
    throw new ClusterError('invalid-topology', `${absolute} is not a compose file PostgreSQL HA Studio can read (no services: section?). Run pgha check on it for details.`);
  }
  return topology;
}
