/** The runtimes' waits (Docker and native): core/poll with cancellation and timeouts as ClusterErrors. */
import { pollUntil as poll } from '../../core/poll';
import { cancelledError, ClusterError, describeError, isClusterError } from './errors';

export const DEFAULT_TIMEOUT_MS = 180_000;
const POLL_INTERVAL_MS = 200;

/**
 * Polls until `probe` returns a value other than false/undefined (core/poll.ts). ClusterErrors from the probe
 * end the wait at once (a crashed container); other errors are retried and quoted in the timeout message, or
 * given to `explain`, whose words replace them.
 */
export function pollUntil<T>(
  probe: () => Promise<T | false | undefined>,
  what: string,
  options: { signal?: AbortSignal; timeoutMs?: number },
  explain?: (lastError: unknown) => string | undefined,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return poll(probe, {
    what,
    timeoutMs,
    intervalMs: POLL_INTERVAL_MS,
    signal: options.signal,
    abortError: () => cancelledError(),
    isFatal: isClusterError,
    timeoutError: (lastError) => {
      const why = explain?.(lastError) ?? (lastError ? `last error: ${describeError(lastError)}` : 'no error reported');
      return new ClusterError('timeout', `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what} (${why}).`, [
        { id: 'show-logs', title: 'Show logs' },
        { id: 'retry', title: 'Retry' },
      ]);
    },
  });
}
