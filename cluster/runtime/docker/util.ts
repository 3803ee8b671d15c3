/** Small helpers of the launcher: bounded polling with cancellation, file reads that never throw. */
import { readFileSync } from 'node:fs';
import { ClusterError, describeError, isClusterError, throwIfCancelled } from '../errors';

export const DEFAULT_TIMEOUT_MS = 180_000;
const POLL_INTERVAL_MS = 200;

export function nodeReadFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Polls until `probe` returns a value other than false/undefined. ClusterErrors from the probe end the
 * wait at once (a crashed container); other errors are retried and quoted in the timeout message.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | false | undefined>,
  what: string,
  options: { signal?: AbortSignal; timeoutMs?: number },
  explain?: () => string | undefined,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    throwIfCancelled(options.signal);
    try {
      const value = await probe();
      if (value !== false && value !== undefined) return value;
    } catch (error) {
      if (isClusterError(error)) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = explain?.() ?? (lastError ? `last error: ${describeError(lastError)}` : 'no error reported');
      throw new ClusterError('timeout', `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what} (${why}).`, [
        { id: 'show-logs', title: 'Show logs' },
        { id: 'retry', title: 'Retry' },
      ]);
    }
    await sleepUnlessCancelled(POLL_INTERVAL_MS, options.signal);
  }
}

function sleepUnlessCancelled(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
