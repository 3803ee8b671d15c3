/** The compose file a cluster command names, read into its topology and one target per PostgreSQL node. */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { targetsFromTopology } from '../cluster/monitor/targets';
import type { NodeTarget } from '../cluster/monitor/types';
import { refusalMessage } from '../core/fileSystem';
import type { Topology } from '../core/model/topology';
import { nodeFileSystem, readFileChecked } from '../core/nodeFileSystem';
import { lazyCatalog } from '../language/catalog/catalog';
import { getLanguageService } from '../language/service/languageService';
import type { CliIO } from './command';

/** The cluster of a compose file: its topology and one monitor target per PostgreSQL node. */
export interface ClusterFile {
  file: string;
  topology: Topology;
  targets: NodeTarget[];
}

/** PGPASSWORD (of the command's environment) for the targets the compose file gives no password. */
export function passwordsFromEnv(targets: NodeTarget[], env: NodeJS.ProcessEnv): void {
  for (const target of targets) if (target.password === undefined && env.PGPASSWORD) target.password = env.PGPASSWORD;
}

/** Reads a compose file into targets; a string is a message for the user (usage error). */
export function loadClusterFile(file: string, io: CliIO): ClusterFile | string {
  const absolute = path.resolve(io.cwd, file);
  // Bounded: a FIFO, a device or a huge file given by mistake is refused at once instead of blocking the command.
  const read = readFileChecked(absolute);
  if (!('text' in read)) return `cannot read ${file}: ${refusalMessage(read)}`;
  const text = read.text;
  const service = getLanguageService({ catalog: lazyCatalog(), fs: nodeFileSystem });
  const doc = TextDocument.create(pathToFileURL(absolute).toString(), 'dockercompose', 0, text);
  const topology = service.getTopology(doc);
  if (!topology) return `${file} is not a compose file pgha understands (expected a services: mapping)`;
  const { targets, problems } = targetsFromTopology(topology);
  for (const problem of problems) io.err(`${file}: ${problem.message}\n`);
  if (targets.length === 0) return `${file} has no PostgreSQL primary or replica with a published port to connect to`;
  passwordsFromEnv(targets, io.env);
  return { file: absolute, topology, targets };
}
