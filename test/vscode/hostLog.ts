/**
 * Lines the extension-host side of the tests prints. code-server forwards the host's console to the
 * runner mixed with the workbench's own log, so ours carry a prefix the runner filters on.
 */
import { format } from 'util';

export const HOST_LINE_PREFIX = 'pgha| ';
/** Precedes the JSON counts line {suite, passes, failures, pending}. */
export const COUNTS_MARKER = 'PGHA_COUNTS ';

export function hostLog(...args: unknown[]): void {
  const text = format(...args);
  console.log(
    text
      .split('\n')
      .map((line) => HOST_LINE_PREFIX + line)
      .join('\n'),
  );
}
