/** Follows every node of a project through any runtime, each line prefixed with its service (like `docker compose logs -f`). */
import type { ClusterRuntime, LogOptions } from './types';

export async function followProjectLogs(runtime: ClusterRuntime, project: string, options: LogOptions): Promise<void> {
  const nodes = await runtime.list(project);
  const width = Math.max(0, ...nodes.map((n) => n.service.length));
  await Promise.all(nodes.map((n) => runtime.logs(n.id, { ...options, onLine: (line) => options.onLine(`${n.service.padEnd(width)} | ${line}`) })));
}
