/**
 * Typed runtime errors (every backend reports its failures this way). Every failure the user can act on is a
 * ClusterError with a message that says what happened and what to do, plus suggested actions the VS Code layer
 * turns into buttons and the CLI into commands to type.
 */
export type ClusterErrorCode =
  | 'engine-unreachable'
  | 'image-missing'
  | 'image-pull-failed'
  | 'port-busy'
  | 'name-clash'
  | 'unsupported-keys'
  | 'invalid-topology'
  | 'start-failed'
  | 'timeout'
  | 'cancelled'
  | 'not-found'
  /** No registered backend can start the cluster here (each one's reason is in the message). */
  | 'no-backend';

export type SuggestedActionId = 'start-docker' | 'pull-image' | 'show-logs' | 'free-port' | 'remove-container' | 'edit-compose' | 'retry';

export interface SuggestedAction {
  id: SuggestedActionId;
  title: string;
  /** What the action applies to: an image name, a container name, a port, a service. */
  target?: string;
  /** The same action as a command to type in a terminal (the CLI prints it), e.g. `docker pull postgres:17`. */
  command?: string;
}

export class ClusterError extends Error {
  constructor(
    readonly code: ClusterErrorCode,
    message: string,
    readonly actions: SuggestedAction[] = [],
    /** Extra text for an output channel (container log tail, engine error), not for a pop-up. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ClusterError';
  }
}

export function isClusterError(error: unknown): error is ClusterError {
  return error instanceof ClusterError;
}

/** Throws the cancellation error when the caller aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

export function cancelledError(): ClusterError {
  return new ClusterError('cancelled', 'Cancelled; everything created in this run was removed.');
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
