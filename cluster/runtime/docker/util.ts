/** Small helpers of the launcher: bounded polling with cancellation, file reads that never throw. */
import { readBoundedText } from '../../../core/nodeFileSystem';
import { pollUntil as poll } from '../../../core/poll';
import { cancelledError, ClusterError, describeError, isClusterError } from '../errors';

export const DEFAULT_TIMEOUT_MS = 180_000;
const POLL_INTERVAL_MS = 200;

/** An env_file's or secret's text (bounded: regular files within the size limit), undefined otherwise. */
export function nodeReadFile(path: string): string | undefined {
  return readBoundedText(path);
}

/**
 * Polls until `probe` returns a value other than false/undefined (core/poll.ts). ClusterErrors from the probe
 * end the wait at once (a crashed container); other errors are retried and quoted in the timeout message.
 */
export function pollUntil<T>(
  probe: () => Promise<T | false | undefined>,
  what: string,
  options: { signal?: AbortSignal; timeoutMs?: number },
  explain?: () => string | undefined,
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
      const why = explain?.() ?? (lastError ? `last error: ${describeError(lastError)}` : 'no error reported');
      return new ClusterError('timeout', `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what} (${why}).`, [
        { id: 'show-logs', title: 'Show logs' },
        { id: 'retry', title: 'Retry' },
      ]);
    },
  });
}
