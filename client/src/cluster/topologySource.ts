/**
 * Reads a compose file into the one compose model (the language service's Topology). The launcher
 * never parses YAML itself; the extension gets the same Topology over the pgha/topology request.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lazyCatalog } from '../../../server/src/catalog/catalog';
import { nodeFileSystem } from '../../../server/src/lsp/nodeFileSystem';
import type { Topology } from '../../../server/src/protocol';
import { getLanguageService } from '../../../server/src/service/languageService';
import { ClusterError } from './errors';
import { nodeReadFile } from './util';

export function loadTopology(file: string, cwd = process.cwd()): Topology {
  const absolute = path.resolve(cwd, file);
  const text = nodeReadFile(absolute);
  if (text === undefined) {
    throw new ClusterError('not-found', `Cannot read ${absolute}: the file does not exist or is not readable.`);
  }
  const service = getLanguageService({ catalog: lazyCatalog(), fs: nodeFileSystem });
  const topology = service.getTopology(TextDocument.create(pathToFileURL(absolute).toString(), 'yaml', 0, text));
  if (!topology) {
    throw new ClusterError('invalid-topology', `${absolute} is not a compose file PostgreSQL HA Studio can read (no services: section?). Run pgha check on it for details.`);
  }
  return topology;
}
