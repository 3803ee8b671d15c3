/**
 * Text of the warning "Start cluster" shows when it reused containers created from an older version of the compose
 * file (the launcher's `outdated`). Plain module (no vscode) so it is unit-tested; the command owns the button.
 */

/** The one action offered; nothing is recreated unless the user picks it. */
export const RECREATE_ACTION = 'Recreate Containers (Keep Data)';

/** The warning, or undefined when every container matches the current compose file. */
export function describeOutdated(project: string, outdated: readonly string[]): string | undefined {
  if (!outdated.length) return undefined;
  const runs = outdated.length === 1 ? 'runs' : 'run';
  return (
    `PostgreSQL HA: ${project}: ${outdated.join(', ')} still ${runs} as created before the compose file changed; the change is not applied. ` +
    `"${RECREATE_ACTION}" removes the cluster's containers and starts them again from the current file (named volumes and their data are kept).`
  );
}
