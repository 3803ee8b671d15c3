/**
 * The one polling loop: ask `probe` until it answers, up to a deadline, stoppable by an AbortSignal. Never a
 * fixed sleep between a state change and its check beyond one interval.
 */

export interface PollOptions {
  /** What is awaited, for the timeout message ("replica1 to stream from primary"). */
  what: string;
  timeoutMs: number;
  /** Pause between probes; default 200 ms. */
  intervalMs?: number;
  /** Ends the wait early; the error is `abortError()` when given, else the signal's reason. */
  signal?: AbortSignal;
  abortError?: () => Error;
  /** Errors from the probe that end the wait at once (a crashed container) instead of being retried. */
  isFatal?: (error: unknown) => boolean;
  /** The error at the deadline; default: "timed out after N ms waiting for WHAT (last probe error)". */
  timeoutError?: (lastError: unknown) => Error;
}

/** Not an answer yet: undefined, null and false (so a probe can return a value, or a boolean). */
export type Pending = undefined | null | false;

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function abortedError(options: PollOptions): Error {
  if (options.abortError) return options.abortError();
  const reason: unknown = options.signal?.reason;
  return reason instanceof Error ? reason : new Error(`cancelled while waiting for ${options.what}`);
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, signal?.aborted ? 0 : ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Polls until `probe` returns something other than undefined/null/false and returns that. Errors the probe
 * throws are retried (unless `isFatal`) and quoted in the timeout error.
 */
export async function pollUntil<T>(probe: () => T | Pending | Promise<T | Pending>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (options.signal?.aborted) throw abortedError(options);
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      if (options.isFatal?.(error)) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw options.timeoutError?.(lastError) ?? new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}${lastError === undefined ? '' : ` (${describe(lastError)})`}`);
    }
    await pause(options.intervalMs ?? 200, options.signal);
  }
}
