/**
 * Which cluster a compose file's code lenses describe when the workspace did not list the file: the project a
 * runtime runs under the same name only when it was started from this very file (same real path) or from a file
 * nobody recorded; a look-alike (every clone's examples/ha-stack is "ha-stack") started from another file is not
 * this file's cluster, so its lenses say "not created" instead of offering Stop or Promote on someone else's stack.
 */
import * as fs from 'fs';
import * as path from 'path';
import { clusterOfFile, type ClusterEntry } from '../views/clusters/clusterList';
import type { Topology } from '../../../core/model/topology';

/** The file's real path (symlinks resolved), or the path as given when it cannot be resolved. */
function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Whether `cluster` was started from the compose file at `fsPath` (or from a file pgha does not know). */
export function startedFrom(cluster: Pick<ClusterEntry, 'composePath'>, fsPath: string): boolean {
  return cluster.composePath === undefined || realPath(cluster.composePath) === realPath(fsPath);
}

/** The cluster the lenses of an unlisted file describe: its own running project, else the file as not created. */
export function lensClusterOf(clusters: readonly ClusterEntry[], file: { uri: string; fsPath: string; topology: Topology }): ClusterEntry | undefined {
  return clusters.find((c) => c.project === file.topology.project && startedFrom(c, file.fsPath)) ?? clusterOfFile(file, []);
}
