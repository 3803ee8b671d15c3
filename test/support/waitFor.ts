import { pollUntil } from '../../core/poll';

/** Polls `probe` until it returns a value that is not undefined/null/false, or fails after `timeoutMs`. Never a fixed sleep. */
export function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  return pollUntil(probe, { what, timeoutMs, intervalMs });
}
