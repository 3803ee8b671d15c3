/** Runtime results in words, shared by the extension and the CLI. */
import type { RuntimeDownResult } from './types';

/** "3 container(s), 1 network(s), 3 volume(s)" in the runtime's words, or "2 node(s)" when it gives none. */
export function describeRemoved(result: RuntimeDownResult): string {
  return (result.objects ?? [{ what: 'node', count: result.removed }]).map((o) => `${o.count} ${o.what}(s)`).join(', ');
}
